package dev.eddy.examples.classify;

import dev.eddy.autograd.Losses;
import dev.eddy.examples.support.DemoOptions;
import dev.eddy.examples.support.EpochLoop;
import dev.eddy.examples.support.LinePlot;
import dev.eddy.examples.support.MiniBatches;
import dev.eddy.examples.support.OptionChecks;
import dev.eddy.examples.support.Trainer;
import dev.eddy.io.Json;
import dev.eddy.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
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

/**
 * {@code eddy classify}: the temporal order task ({@link TemporalOrderTask}) learnt by several
 * models with the same budget, their accuracy side by side with chance and the order-blind ceiling.
 */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Sequence classification where order matters: the temporal order task. Sequences of random length hold"
            + " --markers markers, each X or Y, among distractors a-d; the class is the markers in order (with 3:"
            + " X..X..X, X..X..Y, ..., Y..Y..Y).",
        "Trains each of --models with the same data, epochs, batch size and learning rate (padded batches, each"
            + " sequence run to its own length) and prints train and validation accuracy beside chance (1/2^k) and"
            + " the best an order-blind model can do ((k+1)/2^k). Writes accuracy.png (validation accuracy by epoch)"
            + " to --out."})
public final class ClassifyCommand implements Callable<Integer> {
  private static final List<String> MODEL_NAMES = List.of("bag", "rnn", "lstm", "gru", "bi-rnn", "bi-lstm", "bi-gru");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--models", defaultValue = "bag,rnn,lstm,gru,bi-gru", split = ",", paramLabel = "NAME",
      description = "Models to train, comma-separated, from bag (order-blind counts), rnn, lstm, gru, bi-rnn, bi-lstm,"
          + " bi-gru (default: ${DEFAULT-VALUE}).")
  List<String> models;

  @Option(names = "--markers", defaultValue = "3", paramLabel = "K", description = "Markers per sequence, 1 to 8; 2^K classes (default: ${DEFAULT-VALUE}).")
  int markers;

  @Option(names = "--train", defaultValue = "2000", paramLabel = "N", description = "Training sequences (default: ${DEFAULT-VALUE}).")
  int trainCount;

  @Option(names = "--val", defaultValue = "500", paramLabel = "N", description = "Validation sequences (default: ${DEFAULT-VALUE}).")
  int validationCount;

  @Option(names = "--min-length", defaultValue = "50", description = "Shortest sequence, at least --markers (default: ${DEFAULT-VALUE}).")
  int minLength;

  @Option(names = "--max-length", defaultValue = "100", description = "Longest sequence (default: ${DEFAULT-VALUE}).")
  int maxLength;

  @Option(names = "--epochs", defaultValue = "15", description = "Passes over the training set, per model (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--hidden", defaultValue = "32", description = "Hidden units per direction (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--embed", defaultValue = "8", description = "Size of the symbol embeddings (default: ${DEFAULT-VALUE}).")
  int embed;

  @Option(names = "--batch", defaultValue = "32", description = "Sequences per training step (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--lr", defaultValue = "0.005", description = "Adam learning rate, annealed to 0 by a cosine (default: ${DEFAULT-VALUE}).")
  double lr;

  @Mixin DemoOptions demo;

  /** What one model reached. */
  private record Result(String name, long parameters, double trainAccuracy, double validationAccuracy,
      double[] validationByEpoch, double seconds) {}

  @Override
  public Integer call() throws IOException {
    checkOptions();
    PrintWriter stdout = spec.commandLine().getOut();
    TemporalOrderTask task = new TemporalOrderTask(markers, minLength, maxLength);
    SplittableRandom data = new SplittableRandom(demo.seed());
    List<TemporalOrderTask.Example> train = task.generate(trainCount, data);
    List<TemporalOrderTask.Example> validation = task.generate(validationCount, data);
    stdout.printf(Locale.ROOT, "temporal order task: %d training and %d validation sequences of length %d to %d,"
        + " %d markers, %d classes%n", trainCount, validationCount, minLength, maxLength, markers, task.classes());
    stdout.println("  e.g. " + show(task, train.get(0)));
    stdout.printf(Locale.ROOT, "each model: %d epochs of %d steps, batch %d, Adam lr %s (cosine), hidden %d, embedding %d%n",
        epochs, new MiniBatches(trainCount, batch, 0).batchesPerEpoch(), batch, lr, hidden, embed);

    List<Result> results = new ArrayList<>();
    for (String name : models) {
      results.add(train(name, build(name, task), train, validation, stdout));
    }

    stdout.println();
    stdout.printf("  %-8s  %10s  %9s  %9s  %8s%n", "model", "parameters", "train acc", "val acc", "seconds");
    for (Result r : results) {
      stdout.printf(Locale.ROOT, "  %-8s  %,10d  %8.1f%%  %8.1f%%  %8.1f%n", r.name(), r.parameters(),
          100 * r.trainAccuracy(), 100 * r.validationAccuracy(), r.seconds());
    }
    stdout.printf(Locale.ROOT, "chance: %.1f%%; an order-blind model can reach at most %.1f%% (it can count the X"
        + " markers but not tell their order)%n", 100 * task.chance(), 100 * task.orderBlindCeiling());

    Path plot = demo.out().resolve("accuracy.png");
    Files.createDirectories(demo.out());
    plot(task, results).write(plot);
    stdout.println("wrote " + plot);
    if (demo.json()) {
      stdout.println(Json.write(summary(task, results, plot)));
    }
    stdout.flush();
    return 0;
  }

  private void checkOptions() {
    OptionChecks check = new OptionChecks(spec);
    for (String name : models) {
      if (!MODEL_NAMES.contains(name)) {
        throw check.bad("--models: unknown model '" + name + "', expected some of " + String.join(", ", MODEL_NAMES));
      }
    }
    check.atLeast("--markers", markers, 1);
    check.atMost("--markers", markers, 8);
    check.atLeast("--train", trainCount, 1);
    check.atLeast("--val", validationCount, 1);
    check.atLeast("--min-length", minLength, markers);
    check.atLeast("--max-length", maxLength, minLength);
    check.atLeast("--epochs", epochs, 1);
    check.atLeast("--hidden", hidden, 1);
    check.atLeast("--embed", embed, 1);
    check.atLeast("--batch", batch, 1);
    check.positive("--lr", lr);
  }

  private SequenceClassifier build(String name, TemporalOrderTask task) {
    int symbols = TemporalOrderTask.SYMBOLS.size();
    int classes = task.classes();
    if (name.equals("bag")) {
      return new BagOfSymbols(symbols, classes, demo.seed());
    }
    boolean bidirectional = name.startsWith("bi-");
    RecurrentClassifier.Kind kind = RecurrentClassifier.Kind.valueOf(
        name.substring(bidirectional ? 3 : 0).toUpperCase(Locale.ROOT));
    return new RecurrentClassifier(kind, bidirectional, symbols, embed, hidden, classes, demo.seed());
  }

  private Result train(String name, SequenceClassifier model, List<TemporalOrderTask.Example> train,
      List<TemporalOrderTask.Example> validation, PrintWriter stdout) {
    MiniBatches batches = new MiniBatches(train.size(), batch, demo.seed() + 3);
    long totalSteps = (long) epochs * batches.batchesPerEpoch();
    Trainer trainer = Trainer.adamCosine(model, lr, totalSteps, 1.0);
    stdout.printf(Locale.ROOT, "training %s (%,d parameters)%n", name, model.parameterCount());
    double[] validationByEpoch = new double[epochs];
    double seconds = EpochLoop.run(stdout, "sequences/s", batches, epochs,
        rows -> {
          TemporalOrderTask.Batch b = TemporalOrderTask.batch(train, rows);
          return trainer.step(() -> Losses.crossEntropy(model.logits(b), b.labels()));
        },
        (epoch, meanLoss) -> validationByEpoch[epoch] = accuracy(model, validation));
    Result r = new Result(name, model.parameterCount(), accuracy(model, train), validationByEpoch[epochs - 1],
        validationByEpoch, seconds);
    stdout.printf(Locale.ROOT, "%s: train accuracy %.1f%%, validation %.1f%% (%.1f s, %.1f ms per step)%n", name,
        100 * r.trainAccuracy(), 100 * r.validationAccuracy(), seconds, 1e3 * seconds / totalSteps);
    return r;
  }

  /** The fraction of {@code examples} whose highest logit is their class (no tape: inference). */
  static double accuracy(SequenceClassifier model, List<TemporalOrderTask.Example> examples) {
    int correct = 0;
    int chunk = 256;
    for (int from = 0; from < examples.size(); from += chunk) {
      int[] rows = new int[Math.min(chunk, examples.size() - from)];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = from + i;
      }
      TemporalOrderTask.Batch b = TemporalOrderTask.batch(examples, rows);
      Tensor predicted = model.logits(b).value().argmax(1, false);
      for (int i = 0; i < rows.length; i++) {
        correct += (int) predicted.get(i) == b.labels()[i] ? 1 : 0;
      }
    }
    return correct / (double) examples.size();
  }

  private static String show(TemporalOrderTask task, TemporalOrderTask.Example e) {
    StringBuilder s = new StringBuilder();
    for (int id : e.symbols()) {
      s.append(TemporalOrderTask.SYMBOLS.get(id));
    }
    return s + " -> " + task.className(e.label());
  }

  private LinePlot plot(TemporalOrderTask task, List<Result> results) {
    double[] x = new double[epochs];
    double[] chance = new double[epochs];
    double[] ceiling = new double[epochs];
    for (int e = 0; e < epochs; e++) {
      x[e] = e + 1;
      chance[e] = 100 * task.chance();
      ceiling[e] = 100 * task.orderBlindCeiling();
    }
    LinePlot plot = new LinePlot("Temporal order task: validation accuracy", "epoch", "accuracy (%)");
    for (Result r : results) {
      double[] percent = new double[epochs];
      for (int e = 0; e < epochs; e++) {
        percent[e] = 100 * r.validationByEpoch()[e];
      }
      plot.series(r.name(), x, percent);
    }
    return plot.dashed("order-blind ceiling", x, ceiling).dashed("chance", x, chance);
  }

  private Map<String, Object> summary(TemporalOrderTask task, List<Result> results, Path plot) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("command", "classify");
    s.put("task", "temporal order");
    s.put("markers", markers);
    s.put("train_sequences", trainCount);
    s.put("validation_sequences", validationCount);
    s.put("min_length", minLength);
    s.put("max_length", maxLength);
    s.put("epochs", epochs);
    s.put("chance", task.chance());
    s.put("order_blind_ceiling", task.orderBlindCeiling());
    List<Object> rows = new ArrayList<>();
    for (Result r : results) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", r.name());
      m.put("parameters", r.parameters());
      m.put("train_accuracy", r.trainAccuracy());
      m.put("validation_accuracy", r.validationAccuracy());
      m.put("seconds", r.seconds());
      rows.add(m);
    }
    s.put("models", rows);
    s.put("plot", plot.toString());
    return s;
  }
}
