package dev.eddy.examples.charlm;

import dev.eddy.autograd.Losses;
import dev.eddy.autograd.Reduction;
import dev.eddy.examples.support.ProgressBar;
import dev.eddy.examples.support.Trainer;
import dev.eddy.nn.recurrent.RecurrentState;
import dev.eddy.optim.LrScheduler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The training loop of {@code eddy charlm}: truncated backpropagation through time over the parallel
 * training streams, with the recurrent state carried (detached) from chunk to chunk and reset at each
 * new pass over the text; cross-entropy, then the shared {@link Trainer} step (gradient-norm clipping,
 * Adam and the optional cosine schedule).
 * Between steps it evaluates on the validation text, prints samples and writes checkpoints.
 *
 * <p>Every random draw comes from a generator seeded by the run's seed and the step (dropout masks,
 * samples), so a run resumed from a checkpoint takes bitwise the same steps as one never stopped.
 */
final class Training {
  /** Parallel streams the validation text is cut into. */
  static final int VALIDATION_STREAMS = 8;
  /** Time steps per forward pass when evaluating (bounds the memory of one pass, not the result). */
  static final int VALIDATION_CHUNK = 256;
  private static final long DROPOUT = 1;
  private static final long SAMPLES = 2;

  /** When to evaluate, print samples and write checkpoints, and where. */
  record Reporting(int evalEvery, int sampleEvery, int sampleLength, double temperature, int checkpointEvery,
      int keep, Path out) {}

  /** The loss became NaN or infinite: the run cannot go on. */
  static final class Diverged extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Diverged(String message) {
      super(message);
    }
  }

  /** What a finished run reports. */
  record Result(Progress progress, double validationNats, Path checkpoint, double charsPerSecond) {}

  private final CharLm model;
  private final Vocabulary vocabulary;
  private final TrainingSettings settings;
  private final Trainer trainer;
  private final LrScheduler scheduler;
  private final TextStreams train;
  private final TextStreams validation;
  private final Reporting reporting;
  private final PrintWriter out;
  private final double unigramNats;
  private final Deque<Path> written = new ArrayDeque<>();

  private int step;
  private int position;
  private int epoch;
  private long characters;
  private double seconds;
  private final List<Progress.Evaluation> history;
  private RecurrentState carried;
  private double lossSum;
  private int lossSteps;

  /**
   * A run at {@code progress} (its start, or where a checkpoint left it) with {@code carried} the state
   * to feed the next chunk (null: zeros).
   */
  Training(CharLm model, Corpus corpus, TrainingSettings settings, Trainer trainer, LrScheduler scheduler,
      Progress progress, RecurrentState carried, Reporting reporting, PrintWriter out) {
    this.model = model;
    this.vocabulary = corpus.vocabulary();
    this.settings = settings;
    this.trainer = trainer;
    this.scheduler = scheduler;
    this.train = new TextStreams(corpus.train(), settings.batch());
    this.validation = new TextStreams(corpus.validation(),
        Math.max(1, Math.min(VALIDATION_STREAMS, corpus.validation().length / 2)));
    this.reporting = reporting;
    this.out = out;
    this.unigramNats = corpus.unigramEntropy();
    this.step = progress.step();
    this.position = progress.position();
    this.epoch = progress.epoch();
    this.characters = progress.characters();
    this.seconds = progress.seconds();
    this.history = new ArrayList<>(progress.history());
    this.carried = carried;
    this.lossSum = progress.pendingLoss();
    this.lossSteps = progress.pendingSteps();
  }

  /** Trains up to the settings' step count; returns the final figures. */
  Result run() throws IOException {
    Files.createDirectories(reporting.out());
    if (step == 0) {
      evaluate();
    }
    int first = step;
    long sessionCharacters = 0;
    double sessionSeconds = 0;
    ProgressBar bar = new ProgressBar(out, settings.steps() - first, "chars/s");
    Path checkpoint = null;
    while (step < settings.steps()) {
      long start = System.nanoTime();
      int trained = trainStep();
      double elapsed = (System.nanoTime() - start) / 1e9;
      seconds += elapsed;
      sessionSeconds += elapsed;
      sessionCharacters += trained;
      bar.update(step - first, lossSum / lossSteps, sessionCharacters);
      boolean last = step == settings.steps();
      if (step % reporting.evalEvery() == 0 || last) {
        bar.finish();
        evaluate();
      }
      if (step % reporting.sampleEvery() == 0 || last) {
        bar.finish();
        printSample();
      }
      if (step % reporting.checkpointEvery() == 0 || last) {
        checkpoint = saveCheckpoint();
      }
    }
    bar.finish();
    double validationNats = history.isEmpty() ? Double.NaN : history.get(history.size() - 1).validationNats();
    return new Result(progress(), validationNats, checkpoint,
        sessionSeconds > 0 ? sessionCharacters / sessionSeconds : 0);
  }

  /** One optimizer step on the next chunk; returns the characters it predicted. */
  private int trainStep() {
    TextStreams.Chunk chunk = train.chunk(position, settings.bptt());
    double loss = trainer.step(() -> {
      CharLm.Output output = model.forward(chunk.inputs(), carried, random(DROPOUT, step + 1));
      carried = output.state().detach();
      return Losses.crossEntropy(output.logits(), chunk.targets());
    });
    if (!Double.isFinite(loss)) {
      throw new Diverged("training diverged at step " + (step + 1) + ": the loss is " + loss
          + "; try a lower --lr or --clip (the last checkpoint is kept)");
    }
    step++;
    characters += chunk.characters();
    lossSum += loss;
    lossSteps++;
    position += chunk.steps();
    if (position >= train.positions()) { // a new pass over the text starts from a fresh state
      position = 0;
      epoch++;
      carried = null;
    }
    return chunk.characters();
  }

  /** Mean cross-entropy over the validation text, in nats per character; in eval mode, no tape. */
  double validationLoss() {
    model.eval();
    try {
      RecurrentState state = null;
      double total = 0;
      long count = 0;
      for (int p = 0; p < validation.positions(); ) {
        TextStreams.Chunk chunk = validation.chunk(p, VALIDATION_CHUNK);
        CharLm.Output output = model.forward(chunk.inputs(), state, null);
        total += Losses.crossEntropy(output.logits(), chunk.targets(), Losses.DEFAULT_IGNORE_INDEX, null,
            Reduction.SUM).item();
        count += chunk.characters();
        state = output.state();
        p += chunk.steps();
      }
      return total / count;
    } finally {
      model.train();
    }
  }

  private void evaluate() {
    double trainNats = lossSteps == 0 ? Double.NaN : lossSum / lossSteps;
    double validationNats = validationLoss();
    history.add(new Progress.Evaluation(step, trainNats, validationNats));
    lossSum = 0;
    lossSteps = 0;
    out.println(String.format(Locale.ROOT, "step %d/%d: %svalidation %.3f nats = %.3f bits/char (%.2f x unigram)",
        step, settings.steps(), Double.isNaN(trainNats) ? "" : String.format(Locale.ROOT, "train %.3f, ", trainNats),
        validationNats, Bits.of(validationNats), validationNats / unigramNats));
    out.flush();
  }

  private void printSample() {
    String text = new TextGenerator(model, vocabulary).generate("", reporting.sampleLength(), reporting.temperature(),
        random(SAMPLES, step));
    out.println(String.format(Locale.ROOT, "--- sample at step %d (temperature %s) ---", step,
        reporting.temperature()));
    out.println(text);
    out.println("---");
    out.flush();
  }

  private Path saveCheckpoint() throws IOException {
    Path file = reporting.out().resolve(String.format(Locale.ROOT, "checkpoint-%06d.safetensors", step));
    RunCheckpoint.save(file, model, vocabulary, settings, trainer.optimizer(), scheduler, progress(), carried);
    written.addLast(file);
    while (written.size() > reporting.keep()) {
      Files.deleteIfExists(written.removeFirst());
    }
    return file;
  }

  private Progress progress() {
    return new Progress(step, position, epoch, characters, seconds, history, lossSum, lossSteps);
  }

  /** A generator for one purpose at one step, from the run's seed alone. */
  private SplittableRandom random(long purpose, long atStep) {
    return new SplittableRandom(mix(settings.seed() + mix(purpose * 0x9E3779B97F4A7C15L + atStep)));
  }

  /** MurmurHash3's 64-bit finalizer: nearby inputs give unrelated seeds. */
  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
