package dev.eddy.examples.scratch;

import dev.eddy.examples.support.DemoOptions;
import dev.eddy.examples.support.LinePlot;
import dev.eddy.examples.support.OptionChecks;
import dev.eddy.examples.support.ProgressBar;
import dev.eddy.io.Json;
import dev.eddy.nn.golden.RelativeError;
import dev.eddy.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleBiFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code eddy scratch}: backpropagation through time spelled out. Trains the from-scratch
 * {@link ScratchRnn} and {@link ScratchLstm} (plain arrays, hand-derived BPTT) on next-character
 * prediction, then rebuilds both from Eddy's modules with the same weights and shows that autograd's
 * gradients equal the hand-derived ones to 1e-9 in float64.
 */
@Command(
    name = "scratch",
    mixinStandardHelpOptions = true,
    description = {
        "BPTT spelled out: a vanilla RNN and an LSTM written from scratch on plain arrays, forward pass and"
            + " hand-derived backpropagation through time (dev.eddy.examples.scratch.ScratchRnn, ScratchLstm),"
            + " trained with SGD to predict the next character of a short text.",
        "Then the same weights go into Eddy's RnnCell/LstmCell and Linear (float64) and autograd's gradients"
            + " on one window are compared with the hand-derived ones, weight by weight; exits 1 if any differs"
            + " by more than 1e-9 (relative).",
        "Writes loss.png (training loss per character of both models) to --out."})
public final class ScratchCommand implements Callable<Integer> {
  /** The largest relative difference allowed between hand-derived and autograd gradients. */
  static final double AGREEMENT = 1e-9;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--hidden", defaultValue = "48", paramLabel = "H",
      description = "Hidden units of both models (default ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--length", defaultValue = "25", paramLabel = "T",
      description = "Characters per training window, the steps BPTT goes back (default ${DEFAULT-VALUE}).")
  int length;

  @Option(names = "--steps", defaultValue = "3000", paramLabel = "N",
      description = "SGD steps of each model, one window each (default ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--rnn-lr", defaultValue = "0.1",
      description = "SGD learning rate of the RNN, for the loss per character (default ${DEFAULT-VALUE}).")
  double rnnLr;

  @Option(names = "--lstm-lr", defaultValue = "0.5",
      description = "SGD learning rate of the LSTM, for the loss per character (default ${DEFAULT-VALUE}).")
  double lstmLr;

  @Option(names = "--text", paramLabel = "FILE",
      description = "A UTF-8 text file to learn (default: a paragraph about recurrent networks that ships with Eddy).")
  Path textFile;

  @Mixin DemoOptions common;

  /** One line of the gradient check. */
  private record Comparison(String model, String name, String shape, double norm, double maxRelDiff) {}

  @Override
  public Integer call() throws IOException {
    CharCorpus corpus = CharCorpus.of(validate());
    PrintWriter pw = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int vocab = corpus.vocabulary().length;
    double uniform = Math.log(vocab);
    pw.printf(Locale.ROOT, "Next-character prediction on %d characters (%d distinct); windows of %d, %d hidden"
        + " units, plain SGD (lr %s for the RNN, %s for the LSTM), %d steps per model.%nBaselines, loss per"
        + " character: uniform guess %.3f, character frequencies %.3f.%n", corpus.ids().length, vocab, length, hidden,
        rnnLr, lstmLr, steps, uniform, corpus.unigramLoss());
    pw.flush();

    var rnn = new ScratchRnn(vocab, hidden, new SplittableRandom(common.seed()));
    var lstm = new ScratchLstm(vocab, hidden, new SplittableRandom(common.seed()));
    double[] rnnLoss = train("RNN", corpus, err, (in, target) -> {
      ScratchRnn.Grads g = rnn.lossAndGrads(in, target, new double[hidden]);
      rnn.sgd(g, rnnLr / length);
      return g.loss / length;
    });
    double[] lstmLoss = train("LSTM", corpus, err, (in, target) -> {
      ScratchLstm.Grads g = lstm.lossAndGrads(in, target, new double[hidden], new double[hidden]);
      lstm.sgd(g, lstmLr / length);
      return g.loss / length;
    });
    printTraining(pw, rnnLoss, lstmLoss, corpus);
    Path plot = common.out().resolve("loss.png");
    plotTraining(rnnLoss, lstmLoss, uniform, corpus.unigramLoss(), plot);

    // the same weights through Eddy's modules: autograd's gradients beside the hand-derived ones
    var rng = new SplittableRandom(common.seed() + 1);
    int[] in = corpus.window(0, length);
    int[] target = corpus.window(1, length);
    double[] h0 = rng.doubles(hidden, -0.5, 0.5).toArray();
    double[] c0 = rng.doubles(hidden, -0.5, 0.5).toArray();
    ScratchRnn.Grads rnnGrads = rnn.lossAndGrads(in, target, h0);
    ScratchLstm.Grads lstmGrads = lstm.lossAndGrads(in, target, h0, c0);
    AutogradTwin.Result rnnAuto = AutogradTwin.rnn(rnn, in, target, h0);
    AutogradTwin.Result lstmAuto = AutogradTwin.lstm(lstm, in, target, h0, c0);
    List<Comparison> rows = new ArrayList<>();
    rows.add(compareLoss("RNN", rnnGrads.loss, rnnAuto.loss()));
    compare("RNN", AutogradTwin.scratchGrads(rnnGrads), rnnAuto.grads(), rows);
    rows.add(compareLoss("LSTM", lstmGrads.loss, lstmAuto.loss()));
    compare("LSTM", AutogradTwin.scratchGrads(lstmGrads), lstmAuto.grads(), rows);
    double worst = printCheck(pw, rows);

    pw.printf("%nWrote %s%n", plot);
    if (common.json()) {
      pw.println(Json.write(summary(corpus, rnnLoss, lstmLoss, rows, worst, plot)));
    }
    pw.flush();
    if (!(worst <= AGREEMENT)) {
      err.printf(Locale.ROOT, "FAIL: hand-derived and autograd gradients differ by %.2e > %.0e%n", worst, AGREEMENT);
      return 1;
    }
    return 0;
  }

  private String validate() throws IOException {
    OptionChecks check = new OptionChecks(spec);
    check.atLeast("--hidden", hidden, 1);
    check.atLeast("--length", length, 1);
    check.atLeast("--steps", steps, 1);
    check.positive("--rnn-lr", rnnLr);
    check.positive("--lstm-lr", lstmLr);
    if (textFile == null) {
      return CharCorpus.PARAGRAPH;
    }
    if (!Files.isRegularFile(textFile)) {
      throw check.bad("--text: no such file: " + textFile);
    }
    String text;
    try {
      text = Files.readString(textFile, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw check.bad("--text: " + textFile + " is not UTF-8 text");
    }
    if (text.length() <= length) {
      throw check.bad("--text must have more characters than --length (" + length + "), got " + text.length());
    }
    return text;
  }

  /**
   * {@code steps} SGD steps, each on a window at a random place in the text (the same places for
   * both models); returns the loss per character of every step.
   */
  private double[] train(String name, CharCorpus corpus, PrintWriter err, ToDoubleBiFunction<int[], int[]> step) {
    var places = new SplittableRandom(common.seed() + 2);
    err.printf("Training the %s%n", name);
    var progress = new ProgressBar(err, steps, "chars/s");
    double[] losses = new double[steps];
    for (int s = 0; s < steps; s++) {
      int start = places.nextInt(corpus.ids().length - length);
      losses[s] = step.applyAsDouble(corpus.window(start, length), corpus.window(start + 1, length));
      progress.update(s + 1, losses[s], (long) (s + 1) * length);
    }
    progress.finish();
    return losses;
  }

  /** The mean loss over the last {@code n} steps before step {@code upTo} (1-based, inclusive). */
  private static double recentMean(double[] losses, int upTo, int n) {
    int from = Math.max(0, upTo - n);
    double sum = 0;
    for (int i = from; i < upTo; i++) {
      sum += losses[i];
    }
    return sum / (upTo - from);
  }

  private void printTraining(PrintWriter pw, double[] rnnLoss, double[] lstmLoss, CharCorpus corpus) {
    int window = averagingWindow();
    pw.printf("%nLoss per character, mean of the last %d steps:%n%8s %8s %8s%n", window, "step", "RNN", "LSTM");
    for (int k = 1; k <= 10; k++) {
      int step = Math.max(1, (int) Math.round(steps * k / 10.0));
      if (k > 1 && step == Math.round(steps * (k - 1) / 10.0)) {
        continue; // fewer than ten steps in all
      }
      pw.printf(Locale.ROOT, "%8d %8.3f %8.3f%n", step, recentMean(rnnLoss, step, window),
          recentMean(lstmLoss, step, window));
    }
    pw.printf(Locale.ROOT, "RNN %.3f -> %.3f, LSTM %.3f -> %.3f nats per character (uniform guess %.3f, character"
        + " frequencies %.3f)%n", recentMean(rnnLoss, window, window), recentMean(rnnLoss, steps, window),
        recentMean(lstmLoss, window, window), recentMean(lstmLoss, steps, window), Math.log(corpus.vocabulary().length),
        corpus.unigramLoss());
  }

  /** Losses are shown as means over this many steps: a tenth of the run, at most 100. */
  private int averagingWindow() {
    return Math.max(1, Math.min(100, steps / 10));
  }

  private void plotTraining(double[] rnnLoss, double[] lstmLoss, double uniform, double unigram, Path file)
      throws IOException {
    int window = averagingWindow();
    double[] x = new double[steps];
    double[] rnnMean = new double[steps];
    double[] lstmMean = new double[steps];
    for (int s = 0; s < steps; s++) {
      x[s] = s + 1;
      rnnMean[s] = recentMean(rnnLoss, s + 1, window);
      lstmMean[s] = recentMean(lstmLoss, s + 1, window);
    }
    new LinePlot("From-scratch BPTT: next-character loss (mean of " + window + " steps)", "SGD step",
        "loss per character (nats)")
        .series("vanilla RNN", x, rnnMean)
        .series("LSTM", x, lstmMean)
        .dashed("uniform guess", new double[] {1, steps}, new double[] {uniform, uniform})
        .dashed("character frequencies", new double[] {1, steps}, new double[] {unigram, unigram})
        .write(file);
  }

  private static Comparison compareLoss(String model, double scratch, double autograd) {
    return new Comparison(model, "loss", "[]", Math.abs(scratch),
        RelativeError.of("loss", Tensor.of(new double[] {scratch}, 1), Tensor.of(new double[] {autograd}, 1)).max());
  }

  private static void compare(String model, Map<String, Tensor> scratch, Map<String, Tensor> autograd,
      List<Comparison> rows) {
    for (Map.Entry<String, Tensor> e : scratch.entrySet()) {
      Tensor mine = e.getValue();
      rows.add(new Comparison(model, e.getKey(), mine.shape().toString(), Math.sqrt(mine.square().sum().item()),
          RelativeError.of(e.getKey(), mine, autograd.get(e.getKey())).max()));
    }
  }

  /** Prints the comparison table and the verdict; returns the worst difference. */
  private double printCheck(PrintWriter pw, List<Comparison> rows) {
    pw.printf("%nGradient check: the trained weights copied into Eddy's RnnCell/LstmCell and Linear (float64),"
        + " autograd on one%n  %d-character window from a random state, against the hand-derived BPTT"
        + " (rel diff = |a - b| / max(|b|, RMS of b)):%n", length);
    pw.printf("%6s %6s %10s %12s %14s%n", "model", "what", "shape", "|scratch|", "max rel diff");
    double worst = 0;
    for (Comparison c : rows) {
      pw.printf(Locale.ROOT, "%6s %6s %10s %12.4e %14.2e%n", c.model(), c.name(), c.shape(), c.norm(), c.maxRelDiff());
      worst = Double.isNaN(c.maxRelDiff()) ? Double.POSITIVE_INFINITY : Math.max(worst, c.maxRelDiff());
    }
    pw.printf(Locale.ROOT, "%s: %d of %d values agree to %.1e (limit %.0e)%n", worst <= AGREEMENT ? "OK" : "FAIL",
        rows.stream().filter(c -> c.maxRelDiff() <= AGREEMENT).count(), rows.size(), worst, AGREEMENT);
    return worst;
  }

  private Map<String, Object> summary(CharCorpus corpus, double[] rnnLoss, double[] lstmLoss, List<Comparison> rows,
      double worst, Path plot) {
    int window = averagingWindow();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "scratch");
    m.put("characters", corpus.ids().length);
    m.put("vocabulary", corpus.vocabulary().length);
    m.put("hidden", hidden);
    m.put("length", length);
    m.put("steps", steps);
    m.put("seed", common.seed());
    m.put("uniform_loss", Math.log(corpus.vocabulary().length));
    m.put("unigram_loss", corpus.unigramLoss());
    for (String model : List.of("rnn", "lstm")) {
      double[] losses = model.equals("rnn") ? rnnLoss : lstmLoss;
      Map<String, Object> training = new LinkedHashMap<>();
      training.put("first_loss", finite(recentMean(losses, window, window)));
      training.put("final_loss", finite(recentMean(losses, steps, window)));
      m.put(model, training);
    }
    List<Object> check = new ArrayList<>();
    for (Comparison c : rows) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("model", c.model());
      row.put("name", c.name());
      row.put("max_rel_diff", finite(c.maxRelDiff()));
      check.add(row);
    }
    m.put("gradients", check);
    m.put("max_rel_diff", finite(worst));
    m.put("files", List.of(plot.toString()));
    return m;
  }

  /** The value, or null: JSON has no NaN or infinity. */
  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
