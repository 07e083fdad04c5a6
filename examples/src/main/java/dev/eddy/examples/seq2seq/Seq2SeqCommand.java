package dev.eddy.examples.seq2seq;

import dev.eddy.examples.seq2seq.Seq2SeqSettings.AttentionKind;
import dev.eddy.examples.support.DemoOptions;
import dev.eddy.examples.support.HeatMap;
import dev.eddy.examples.support.LinePlot;
import dev.eddy.examples.support.OptionChecks;
import dev.eddy.examples.support.ProgressBar;
import dev.eddy.examples.support.Trainer;
import dev.eddy.io.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eddy seq2seq}: an encoder–decoder with attention learns to rewrite dates as ISO dates. */
@Command(
    name = "seq2seq",
    mixinStandardHelpOptions = true,
    description = {
        "Sequence to sequence with attention: a character-level encoder-decoder learns to rewrite dates written"
            + " many ways (\"3rd of March 2021\", \"3/3/21\", \"Wed 3 Mar 2021\", ...) as ISO dates (2021-03-03).",
        "Bidirectional GRU (or LSTM) encoder, decoder cell with attention, teacher forcing; then greedy and beam-search"
            + " decoding of dates never seen in training, exact-match accuracy beside a baseline, example"
            + " translations, and a PNG heat map of the attention weights of one example."})
public final class Seq2SeqCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--attention", defaultValue = "bahdanau", paramLabel = "KIND",
      description = "bahdanau (additive; previous state queries), or Luong's dot, general or concat (current state"
          + " queries, input feeding). Default: ${DEFAULT-VALUE}.")
  String attention;

  @Option(names = "--cell", defaultValue = "gru", paramLabel = "gru|lstm",
      description = "Recurrent cell of encoder and decoder. Default: ${DEFAULT-VALUE}.")
  String cell;

  @Option(names = "--hidden", defaultValue = "64", paramLabel = "N",
      description = "Encoder units per direction (the decoder has twice as many). Default: ${DEFAULT-VALUE}.")
  int hidden;

  @Option(names = "--embedding", defaultValue = "32", paramLabel = "N",
      description = "Character embedding size. Default: ${DEFAULT-VALUE}.")
  int embedding;

  @Option(names = "--steps", defaultValue = "800", paramLabel = "N",
      description = "Training steps (batches of fresh examples). Default: ${DEFAULT-VALUE}.")
  int steps;

  @Option(names = "--batch", defaultValue = "64", paramLabel = "N",
      description = "Examples per step. Default: ${DEFAULT-VALUE}.")
  int batch;

  @Option(names = "--lr", defaultValue = "0.003", paramLabel = "RATE",
      description = "Adam's learning rate, cosine-annealed to 0. Default: ${DEFAULT-VALUE}.")
  double lr;

  @Option(names = "--beam", defaultValue = "5", paramLabel = "K",
      description = "Beam width for beam-search decoding. Default: ${DEFAULT-VALUE}.")
  int beam;

  @Option(names = "--test", defaultValue = "1000", paramLabel = "N",
      description = "Held-out examples to evaluate. Default: ${DEFAULT-VALUE}.")
  int test;

  @Option(names = "--examples", defaultValue = "8", paramLabel = "N",
      description = "Held-out translations to print. Default: ${DEFAULT-VALUE}.")
  int examples;

  @Mixin DemoOptions demo;

  /** Share of all dates held out of training. */
  private static final double HELD_OUT_FRACTION = 0.2;
  private static final double CLIP_NORM = 5;

  @Override
  public Integer call() throws IOException {
    Seq2SeqSettings s = settings();
    PrintWriter out = spec.commandLine().getOut();
    DateCorpus corpus = new DateCorpus(s.seed(), HELD_OUT_FRACTION);
    SplittableRandom rng = new SplittableRandom(s.seed() ^ 0x5EC2_5EC2L);
    List<DatePair> heldOut = corpus.heldOutSet(rng.split(), s.test());
    DateTranslator model = new DateTranslator(s);
    String cellName = s.lstm() ? "LSTM" : "GRU";
    out.printf(Locale.ROOT, "dates in %d formats -> ISO; %d training dates, %d held-out dates never seen in training%n",
        DateFormat.values().length, corpus.trainingDates(), corpus.heldOutDates());
    out.printf(Locale.ROOT, "model: bidirectional %s encoder 2x%d, %s decoder %d, %s attention, %,d parameters%n",
        cellName, s.hidden(), cellName, 2 * s.hidden(), s.attention().label(), model.numParameters());

    long start = System.nanoTime();
    double[] losses = train(model, corpus, s, rng.split(), out);
    double trainSeconds = (System.nanoTime() - start) / 1e9;
    out.printf(Locale.ROOT, "trained %d steps in %.0f s (%.0f ms/step)%n", s.steps(), trainSeconds,
        1000 * trainSeconds / s.steps());

    model.eval();
    Translations greedy = Translations.decode(model, heldOut, 0);
    Translations beamed = Translations.decode(model, heldOut, s.beam());
    MajorityBaseline baseline = new MajorityBaseline(corpus.trainingBatch(rng.split(), 5000));
    int n = heldOut.size();
    double greedyAccuracy = greedy.exactMatches(heldOut) / (double) n;
    double beamAccuracy = beamed.exactMatches(heldOut) / (double) n;
    out.printf(Locale.ROOT, "held-out exact match (%d dates never seen in training):%n", n);
    out.printf(Locale.ROOT, "  greedy        %5.1f%%  (%d/%d)%n", 100 * greedyAccuracy, greedy.exactMatches(heldOut),
        n);
    out.printf(Locale.ROOT, "  beam %-3d      %5.1f%%  (%d/%d)%n", s.beam(), 100 * beamAccuracy,
        beamed.exactMatches(heldOut), n);
    out.printf(Locale.ROOT, "  baseline      %5.1f%%  (always \"%s\", the most common character at each position:"
        + " %.1f%% of characters)%n", 100 * baseline.exactMatch(heldOut), baseline.guess(),
        100 * baseline.characterAccuracy(heldOut));

    out.println("examples (held out):");
    for (int i = 0; i < Math.min(s.test(), examples); i++) {
      DatePair p = heldOut.get(i);
      String g = greedy.texts().get(i);
      String b = beamed.texts().get(i);
      out.printf(Locale.ROOT, "  %-32s -> %-10s %s%s%n", "\"" + p.source() + "\"", g,
          g.equals(p.target()) ? "ok" : "want " + p.target(), b.equals(g) ? "" : "  (beam: " + b + ")");
    }

    int shown = heatMapExample(heldOut);
    DatePair example = heldOut.get(shown);
    Path heatMap = demo.out().resolve("attention.png");
    new HeatMap(s.attention().label() + " attention: \"" + example.source() + "\" -> " + greedy.texts().get(shown),
        model.attentionWeights(example.source(), greedy.outputs().get(shown)),
        tokens(greedy.outputs().get(shown)), characters(example.source())).write(heatMap);
    Path lossPlot = demo.out().resolve("loss.png");
    double[] stepsAxis = new double[losses.length];
    for (int i = 0; i < losses.length; i++) {
      stepsAxis[i] = i + 1;
    }
    new LinePlot("seq2seq training loss (" + s.attention().label() + " attention)", "step", "cross-entropy (nats)")
        .logY(true).series("teacher-forced loss, smoothed", stepsAxis, losses).write(lossPlot);
    out.println("wrote " + heatMap + " (attention weights of \"" + example.source() + "\") and " + lossPlot);

    if (demo.json()) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("command", "seq2seq");
      summary.put("attention", s.attention().label());
      summary.put("cell", s.lstm() ? "lstm" : "gru");
      summary.put("steps", s.steps());
      summary.put("parameters", model.numParameters());
      summary.put("final_loss", losses[losses.length - 1]);
      summary.put("test_examples", n);
      summary.put("greedy_accuracy", greedyAccuracy);
      summary.put("beam", s.beam());
      summary.put("beam_accuracy", beamAccuracy);
      summary.put("baseline_accuracy", baseline.exactMatch(heldOut));
      summary.put("train_seconds", trainSeconds);
      summary.put("heatmap", heatMap.toString());
      out.println(Json.write(summary));
    }
    out.flush();
    return 0;
  }

  /** Trains with teacher forcing on fresh batches; returns the smoothed loss after each step. */
  private static double[] train(DateTranslator model, DateCorpus corpus, Seq2SeqSettings s, SplittableRandom rng,
      PrintWriter out) {
    Trainer trainer = Trainer.adamCosine(model, s.lr(), s.steps(), CLIP_NORM);
    ProgressBar progress = new ProgressBar(out, s.steps(), "examples/s");
    double[] smoothed = new double[s.steps()];
    double average = Double.NaN;
    model.train();
    for (int step = 0; step < s.steps(); step++) {
      DateBatch batch = DateBatch.of(corpus.trainingBatch(rng, s.batch()));
      double loss = trainer.step(() -> model.loss(batch));
      average = Double.isNaN(average) ? loss : 0.95 * average + 0.05 * loss;
      smoothed[step] = average;
      progress.update(step + 1, average, (long) (step + 1) * s.batch());
    }
    progress.finish();
    return smoothed;
  }

  /** The first held-out example written with words (more to look at than digits), else the first. */
  private static int heatMapExample(List<DatePair> heldOut) {
    for (int i = 0; i < heldOut.size(); i++) {
      if (heldOut.get(i).source().chars().anyMatch(Character::isLetter)) {
        return i;
      }
    }
    return 0;
  }

  private static List<String> tokens(int[] ids) {
    List<String> out = new ArrayList<>(ids.length);
    for (int id : ids) {
      out.add(CharVocabulary.TARGET.symbol(id));
    }
    return out;
  }

  private static List<String> characters(String text) {
    List<String> out = new ArrayList<>(text.length());
    for (char c : text.toCharArray()) {
      out.add(c == ' ' ? "␣" : String.valueOf(c));
    }
    return out;
  }

  private Seq2SeqSettings settings() {
    OptionChecks check = new OptionChecks(spec);
    AttentionKind kind = AttentionKind.parse(attention);
    if (kind == null) {
      throw check.bad("--attention must be bahdanau, dot, general or concat, got '" + attention + "'");
    }
    String c = cell.toLowerCase(Locale.ROOT);
    if (!c.equals("gru") && !c.equals("lstm")) {
      throw check.bad("--cell must be gru or lstm, got '" + cell + "'");
    }
    check.atLeast("--hidden", hidden, 1);
    check.atLeast("--embedding", embedding, 1);
    check.atLeast("--steps", steps, 1);
    check.atLeast("--batch", batch, 1);
    check.atLeast("--beam", beam, 1);
    check.atLeast("--test", test, 1);
    check.atLeast("--examples", examples, 0);
    check.positive("--lr", lr);
    return new Seq2SeqSettings(kind, c.equals("lstm"), hidden, embedding, steps, batch, lr, beam, test, demo.seed());
  }
}
