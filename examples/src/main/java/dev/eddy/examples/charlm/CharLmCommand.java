package dev.eddy.examples.charlm;

import dev.eddy.examples.support.DemoOptions;
import dev.eddy.examples.support.LinePlot;
import dev.eddy.examples.support.OptionChecks;
import dev.eddy.examples.support.Trainer;
import dev.eddy.io.Json;
import dev.eddy.nn.recurrent.RecurrentState;
import dev.eddy.optim.Adam;
import dev.eddy.optim.LrScheduler;
import dev.eddy.optim.Optimizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code eddy charlm}: trains a character-level language model (see {@link Training}) and reports its
 * validation loss beside the unigram baseline; {@code eddy charlm sample} ({@link SampleCommand})
 * writes text with a checkpoint.
 */
@Command(
    name = "charlm",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    subcommands = SampleCommand.class,
    description = {
        "Trains a character-level language model: Embedding -> LSTM/GRU/RNN -> Linear, predicting each next"
            + " character. By default it learns the project's own documentation (built into the jar); --text FILE"
            + " learns any UTF-8 text. The last 10% of each document validates.",
        "Training reads the text as --batch parallel streams in chunks of --bptt characters, carrying the"
            + " recurrent state from chunk to chunk (truncated backpropagation through time); Adam, gradient"
            + " clipping and a cosine learning rate.",
        "Prints the validation loss in nats and bits per character beside the unigram baseline (the entropy of"
            + " the character frequencies), samples as it trains, and writes checkpoints (model, optimizer state,"
            + " vocabulary, settings, progress in one .safetensors file) that --resume continues, and loss.png.",
        "Generate text with: eddy charlm sample --checkpoint FILE --prime TEXT"})
public final class CharLmCommand implements Callable<Integer> {
  /** The options that define a run; a resumed run takes them from its checkpoint. */
  private static final List<String> RUN_OPTIONS = List.of("--cell", "--layers", "--hidden", "--embedding",
      "--dropout", "--batch", "--bptt", "--steps", "--lr", "--clip", "--schedule", "--seed");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--text", paramLabel = "FILE", description = "Learn this UTF-8 text file instead of the built-in corpus.")
  Path text;

  @Option(names = "--cell", defaultValue = "lstm", paramLabel = "lstm|gru|rnn", description = "Recurrent cell (default: ${DEFAULT-VALUE}).")
  String cell;

  @Option(names = "--layers", defaultValue = "1", paramLabel = "N", description = "Stacked recurrent layers (default: ${DEFAULT-VALUE}).")
  int layers;

  @Option(names = "--hidden", defaultValue = "256", paramLabel = "N", description = "Hidden units per layer (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--embedding", defaultValue = "64", paramLabel = "N", description = "Size of each character's embedding (default: ${DEFAULT-VALUE}).")
  int embedding;

  @Option(names = "--dropout", defaultValue = "0.25", paramLabel = "P", description = "Dropout on the embeddings and the last layer's output, in [0, 1) (default: ${DEFAULT-VALUE}).")
  double dropout;

  @Option(names = "--batch", defaultValue = "32", paramLabel = "N", description = "Parallel streams per step (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--bptt", defaultValue = "64", paramLabel = "T", description = "Characters per stream and step: how far back gradients flow (default: ${DEFAULT-VALUE}).")
  int bptt;

  @Option(names = "--steps", defaultValue = "1500", paramLabel = "N", description = "Optimizer steps (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--lr", defaultValue = "0.002", paramLabel = "RATE", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(names = "--clip", defaultValue = "1.0", paramLabel = "NORM", description = "Largest gradient norm (default: ${DEFAULT-VALUE}).")
  double clip;

  @Option(names = "--schedule", defaultValue = "cosine", paramLabel = "cosine|constant", description = "Learning rate: cosine from --lr to --lr/10 over the run, or constant (default: ${DEFAULT-VALUE}).")
  String schedule;

  @Option(names = "--eval-every", defaultValue = "100", paramLabel = "N", description = "Validate every N steps and at the end (default: ${DEFAULT-VALUE}).")
  int evalEvery;

  @Option(names = "--sample-every", defaultValue = "500", paramLabel = "N", description = "Print a sample every N steps and at the end (default: ${DEFAULT-VALUE}).")
  int sampleEvery;

  @Option(names = "--sample-length", defaultValue = "300", paramLabel = "N", description = "Characters per printed sample (default: ${DEFAULT-VALUE}).")
  int sampleLength;

  @Option(names = "--temperature", defaultValue = "0.8", paramLabel = "T", description = "Temperature of the printed samples, >= 0 (0: greedy; default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--checkpoint-every", defaultValue = "500", paramLabel = "N", description = "Write a checkpoint every N steps and at the end (default: ${DEFAULT-VALUE}).")
  int checkpointEvery;

  @Option(names = "--keep", defaultValue = "2", paramLabel = "N", description = "Checkpoints of this run kept in --out; older ones are deleted (default: ${DEFAULT-VALUE}).")
  int keep;

  @Option(names = "--resume", paramLabel = "FILE", description = "Continue the run saved in this checkpoint (its settings and text are reused).")
  Path resume;

  @Mixin DemoOptions demo;

  @Override
  public Integer call() throws IOException {
    checkOptions();
    PrintWriter stdout = spec.commandLine().getOut();
    RunCheckpoint saved = resume == null ? null : readResume();
    TrainingSettings settings = saved == null ? null : saved.settings();
    Corpus corpus = loadCorpus(settings);
    CharLmConfig config;
    if (saved == null) {
      settings = new TrainingSettings(TrainingSettings.BUILTIN_TEXT, corpus.sha256(), batch, bptt, steps, lr, clip,
          schedule.equals("cosine"), demo.seed());
      config = new CharLmConfig(CharLmConfig.Cell.parse(cell), layers, hidden, embedding, dropout,
          corpus.vocabulary().size());
    } else {
      config = saved.config();
      checkResumable(saved, settings, corpus);
    }
    if (text != null) { // recorded as an absolute path, so that --resume finds it from anywhere
      settings = settings.withText(text.toAbsolutePath().normalize().toString());
    }
    checkSizes(corpus, settings);

    CharLm model = new CharLm(config, settings.seed());
    Optimizer adam = Adam.builder(model.namedParameters()).lr(settings.lr()).build();
    LrScheduler scheduler = settings.schedule() == null ? null : new LrScheduler(adam, settings.schedule());
    Progress progress = Progress.start();
    RecurrentState carried = null;
    if (saved != null) {
      saved.restore(model, adam, scheduler);
      progress = saved.progress();
      carried = saved.carried();
    }
    printHeader(stdout, corpus, config, settings, model.numParameters(), saved == null ? 0 : progress.step());

    Path out = demo.out();
    Training training = new Training(model, corpus, settings, new Trainer(adam, scheduler, settings.clip()), scheduler,
        progress, carried,
        new Training.Reporting(evalEvery, sampleEvery, sampleLength, temperature, checkpointEvery, keep, out), stdout);
    Training.Result result;
    try {
      result = training.run();
    } catch (Training.Diverged e) {
      spec.commandLine().getErr().println("eddy charlm: " + e.getMessage());
      return 1;
    }
    double unigram = corpus.unigramEntropy();
    Path plot = out.resolve("loss.png");
    plotLoss(result.progress(), unigram, settings.steps()).write(plot);
    stdout.println(String.format(Locale.ROOT, "done: %d steps, %,d characters in %.0f s of training (%,.0f chars/s this"
            + " session); validation %.3f nats = %.3f bits/char, unigram baseline %.3f bits/char (%.2f x)",
        result.progress().step(), result.progress().characters(), result.progress().seconds(),
        result.charsPerSecond(), result.validationNats(), Bits.of(result.validationNats()), Bits.of(unigram),
        result.validationNats() / unigram));
    stdout.println("wrote " + plot);
    stdout.println("checkpoint: " + result.checkpoint());
    stdout.println("  sample from it: eddy charlm sample --checkpoint " + result.checkpoint() + " --length 500");
    if (demo.json()) {
      stdout.println(Json.write(summary(corpus, config, settings, model.numParameters(), result, unigram, plot)));
    }
    stdout.flush();
    return 0;
  }

  // =================================================================== options

  private void checkOptions() {
    OptionChecks check = new OptionChecks(spec);
    try {
      CharLmConfig.Cell.parse(cell);
    } catch (IllegalArgumentException e) {
      throw check.bad("--cell must be lstm, gru or rnn, got '" + cell + "'");
    }
    check.atLeast("--layers", layers, 1);
    check.atLeast("--hidden", hidden, 1);
    check.atLeast("--embedding", embedding, 1);
    if (!(dropout >= 0 && dropout < 1)) {
      throw check.bad("--dropout must be in [0, 1), got " + dropout);
    }
    check.atLeast("--batch", batch, 1);
    check.atLeast("--bptt", bptt, 1);
    check.atLeast("--steps", steps, 1);
    check.positive("--lr", lr);
    check.positive("--clip", clip);
    if (!schedule.equals("cosine") && !schedule.equals("constant")) {
      throw check.bad("--schedule must be cosine or constant, got '" + schedule + "'");
    }
    check.atLeast("--eval-every", evalEvery, 1);
    check.atLeast("--sample-every", sampleEvery, 1);
    check.atLeast("--sample-length", sampleLength, 1);
    if (!(temperature >= 0 && temperature < Double.POSITIVE_INFINITY)) {
      throw check.bad("--temperature must be a number >= 0, got " + temperature);
    }
    check.atLeast("--checkpoint-every", checkpointEvery, 1);
    check.atLeast("--keep", keep, 1);
    if (resume != null) {
      for (String option : RUN_OPTIONS) {
        if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
          throw check.bad(option + " cannot be combined with --resume: a resumed run keeps the settings of its"
              + " checkpoint");
        }
      }
    }
  }

  private CommandLine.ParameterException bad(String message) {
    return new OptionChecks(spec).bad(message);
  }

  private RunCheckpoint readResume() {
    try {
      return RunCheckpoint.read(resume);
    } catch (NoSuchFileException e) {
      throw bad("--resume: " + resume + ": no such file");
    } catch (IOException e) {
      throw bad("--resume: " + e.getMessage());
    }
  }

  /** The text of a new run (--text or built-in), or of a resumed one (--text if given, else the one it recorded). */
  private Corpus loadCorpus(TrainingSettings resumed) throws IOException {
    Path file = text != null || resumed == null || resumed.text().equals(TrainingSettings.BUILTIN_TEXT)
        ? text : Path.of(resumed.text());
    if (file == null) {
      return Corpus.builtin();
    }
    try {
      return Corpus.read(file);
    } catch (NoSuchFileException e) {
      throw bad("--text: " + file + ": no such file");
    } catch (CharacterCodingException e) {
      throw bad("--text: " + file + " is not UTF-8 text");
    }
  }

  private void checkResumable(RunCheckpoint saved, TrainingSettings settings, Corpus corpus) {
    if (!corpus.sha256().equals(settings.textSha256())) {
      throw bad("--resume: " + resume + " was trained on a text with SHA-256 " + settings.textSha256() + ", but "
          + corpus.description() + " has " + corpus.sha256() + (text == null ? "; pass that text with --text" : ""));
    }
    Progress progress = saved.progress();
    if (progress.step() >= settings.steps()) {
      throw bad("--resume: " + resume + " has finished its " + settings.steps() + " steps; sample from it with"
          + " 'eddy charlm sample --checkpoint " + resume + "'");
    }
  }

  private void checkSizes(Corpus corpus, TrainingSettings settings) {
    int perStream = corpus.train().length / settings.batch();
    if (perStream < 2) {
      throw bad((text == null ? "the text" : "--text " + text) + " has " + corpus.train().length + " training"
          + " characters: too few for " + settings.batch() + " streams of at least 2 (use a longer text or a"
          + " smaller --batch)");
    }
    if (corpus.validation().length < 2) {
      throw bad((text == null ? "the text" : "--text " + text) + " leaves " + corpus.validation().length
          + " validation characters; at least 2 are needed (use a longer text)");
    }
  }

  // =================================================================== output

  private static void printHeader(PrintWriter stdout, Corpus corpus, CharLmConfig config, TrainingSettings settings,
      long parameters, int startStep) {
    stdout.println(String.format(Locale.ROOT, "text: %s: %,d characters, %,d for training and %,d for validation;"
            + " %d distinct characters (+1 unknown)", corpus.description(), corpus.length(), corpus.train().length,
        corpus.validation().length, corpus.vocabulary().size() - 1));
    double unigram = corpus.unigramEntropy();
    stdout.println(String.format(Locale.ROOT, "unigram baseline (entropy of the training text's character"
        + " frequencies): %.3f nats = %.3f bits/char", unigram, Bits.of(unigram)));
    stdout.println(String.format(Locale.ROOT, "model: %s, %,d parameters; Adam lr %s%s, gradient norm clipped to %s",
        config.describe(), parameters, plain(settings.lr()),
        settings.cosine() ? " (cosine to " + plain(settings.lr() / 10) + ")" : "", plain(settings.clip())));
    long perStep = (long) settings.batch() * settings.bptt();
    stdout.println(String.format(Locale.ROOT, "training: %d steps of %d streams x %d characters (%,d per step, %.1f"
            + " passes over the training text)%s", settings.steps(), settings.batch(), settings.bptt(), perStep,
        (double) perStep * settings.steps() / corpus.train().length,
        startStep > 0 ? "; resuming at step " + startStep : ""));
    stdout.flush();
  }

  /** {@code 0.0002} rather than {@code 2.0E-4}. */
  private static String plain(double x) {
    return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
  }

  private static LinePlot plotLoss(Progress progress, double unigramNats, int steps) {
    List<Progress.Evaluation> h = progress.history();
    double[] x = new double[h.size()];
    double[] trainBits = new double[h.size()];
    double[] validationBits = new double[h.size()];
    for (int i = 0; i < h.size(); i++) {
      x[i] = h.get(i).step();
      trainBits[i] = Bits.of(h.get(i).trainNats());
      validationBits[i] = Bits.of(h.get(i).validationNats());
    }
    double baseline = Bits.of(unigramNats);
    return new LinePlot("Character language model: loss per character", "step", "bits per character")
        .series("training (mean since the previous point)", x, trainBits)
        .series("validation", x, validationBits)
        .dashed("unigram baseline", new double[] {0, steps}, new double[] {baseline, baseline});
  }

  private static Map<String, Object> summary(Corpus corpus, CharLmConfig config, TrainingSettings settings,
      long parameters, Training.Result result, double unigramNats, Path plot) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "charlm");
    m.put("text", corpus.description());
    m.put("characters", corpus.length());
    m.put("vocabulary", corpus.vocabulary().size());
    m.put("cell", config.cell().lowerCase());
    m.put("layers", config.layers());
    m.put("hidden", config.hidden());
    m.put("embedding", config.embedding());
    m.put("parameters", parameters);
    m.put("steps", result.progress().step());
    m.put("batch", settings.batch());
    m.put("bptt", settings.bptt());
    m.put("validation_nats", result.validationNats());
    m.put("validation_bits_per_char", Bits.of(result.validationNats()));
    m.put("unigram_nats", unigramNats);
    m.put("unigram_bits_per_char", Bits.of(unigramNats));
    m.put("validation_over_unigram", result.validationNats() / unigramNats);
    m.put("chars_per_s", result.charsPerSecond());
    m.put("train_seconds", result.progress().seconds());
    m.put("checkpoint", result.checkpoint().toString());
    m.put("plot", plot.toString());
    return m;
  }
}
