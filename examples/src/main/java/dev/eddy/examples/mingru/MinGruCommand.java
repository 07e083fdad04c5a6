package dev.eddy.examples.mingru;

import dev.eddy.examples.support.AddingProblem;
import dev.eddy.examples.support.DemoOptions;
import dev.eddy.examples.support.LinePlot;
import dev.eddy.examples.support.OptionChecks;
import dev.eddy.io.Json;
import dev.eddy.nn.recurrent.GRU;
import dev.eddy.nn.recurrent.LSTM;
import dev.eddy.nn.recurrent.RecurrentStack;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 * {@code eddy mingru}: minGRU, a cell written outside the library, checked and trained like a
 * built-in one. Prints (1) the step-by-step form against the log-space scan in float64, outputs and
 * gradients; (2) training on the adding problem through the standard driver, beside the scan and the
 * built-in GRU and LSTM, against the always-predict-1 baseline; (3) the forward time of both forms over
 * one long sequence.
 */
@Command(
    name = "mingru",
    mixinStandardHelpOptions = true,
    description = {
        "minGRU (Feng et al. 2024, 'Were RNNs All We Needed?') as a user-written cell: z = sigmoid(Linear x),"
            + " h~ = g(Linear x), h = (1 - z) h_prev + z h~, with the paper's g(v) = v + 1/2 (v >= 0),"
            + " sigmoid(v) below.",
        "1. Its step (run by the sequence driver) and its parallel log-space scan (Heinsen 2023) on the same input in"
            + " float64: the largest differences of the outputs and of every gradient.",
        "2. The adding problem (Le et al. 2015; baseline MSE 1/6 for always answering 1): minGRU trained through"
            + " the driver ('mingru') and through the scan ('mingru-scan'), and the built-in GRU and LSTM, with the"
            + " same data, Adam and clipping; validation MSE and the time of a training step.",
        "3. The forward pass over one long sequence: driver against scan."})
public final class MinGruCommand implements Callable<Integer> {
  static final List<String> MODELS = List.of("mingru", "mingru-scan", "gru", "lstm");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin DemoOptions demo;

  @Option(names = "--models", defaultValue = "mingru,mingru-scan,gru,lstm", split = ",", paramLabel = "M[,M...]",
      description = "Models to train, from mingru, mingru-scan, gru, lstm (default ${DEFAULT-VALUE}).")
  List<String> models;

  @Option(names = "--T", defaultValue = "100",
      description = "Sequence length of the adding problem (default ${DEFAULT-VALUE}).")
  int length;

  @Option(names = "--steps", defaultValue = "1000",
      description = "Training steps per model (default ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--batch", defaultValue = "32", description = "Sequences per step (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--hidden", defaultValue = "32",
      description = "Units per layer, every model (default ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--layers", defaultValue = "1",
      description = "Stacked layers, every model (default ${DEFAULT-VALUE}).")
  int layers;

  @Option(names = "--lr", defaultValue = "0.01", description = "Adam's learning rate (default ${DEFAULT-VALUE}).")
  double lr;

  @Option(names = "--clip", defaultValue = "1.0", description = "Gradient norm clipping (default ${DEFAULT-VALUE}).")
  double clip;

  @Option(names = "--eval-every", defaultValue = "50",
      description = "Steps between validations (default ${DEFAULT-VALUE}).")
  int evalEvery;

  @Option(names = "--validation", defaultValue = "256",
      description = "Validation sequences (default ${DEFAULT-VALUE}).")
  int validation;

  @Option(names = "--scan-length", defaultValue = "1024",
      description = "Length of the sequence for the forward timing (default ${DEFAULT-VALUE}).")
  int scanLength;

  @Option(names = "--repeats", defaultValue = "5",
      description = "Timed forward passes of each form; the fastest is shown (default ${DEFAULT-VALUE}).")
  int repeats;

  @Override
  public Integer call() throws IOException {
    validate();
    PrintWriter o = spec.commandLine().getOut();
    o.printf("minGRU (Feng et al. 2024), a cell written outside the library, %d layer(s) of %d units%n%n", layers,
        hidden);

    FormComparison forms = compareForms(o);
    AddingTraining.Settings settings =
        new AddingTraining.Settings(length, steps, batch, lr, clip, evalEvery, validation, demo.seed());
    o.printf(Locale.ROOT, "2. Adding problem, T=%d: %d steps of %d sequences, Adam lr %s, clipping %s;"
        + " baseline (always predict 1) MSE %.4f%n", length, steps, batch, lr, clip, AddingProblem.BASELINE_MSE);
    List<AddingTraining.Result> results = new ArrayList<>();
    for (String name : new LinkedHashSet<>(models)) {
      o.println("   " + name);
      o.flush();
      results.add(AddingTraining.run(name, model(name), settings, o));
    }
    o.printf("   %-12s %8s %10s %12s %9s%n", "model", "params", "val MSE", "/ baseline", "ms/step");
    for (AddingTraining.Result r : results) {
      o.printf(Locale.ROOT, "   %-12s %8d %10.5f %12.3f %9.1f%n", r.name(), r.parameters(), r.finalMse(),
          r.finalMse() / AddingProblem.BASELINE_MSE, r.msPerStep());
    }
    Path plot = demo.out().resolve("adding_validation_mse.png");
    plot(results, plot);
    o.println("   validation MSE by step: " + plot);

    MinGruCell cell = new MinGruCell(hidden, hidden, DType.F32, demo.seed());
    o.printf(Locale.ROOT, "%n3. Forward of one minGRU layer over T=%d (%d units in and out, float32, fastest of %d):%n",
        scanLength, hidden, repeats);
    o.printf("   %5s %16s %12s %9s %16s%n", "batch", "sequential (ms)", "scan (ms)", "speed-up", "max |difference|");
    Map<Integer, ScanTiming> timings = new LinkedHashMap<>();
    for (int b : new java.util.TreeSet<>(List.of(1, 8, batch))) {
      ScanTiming t = ScanTiming.measure(cell, scanLength, b, repeats, demo.seed());
      timings.put(b, t);
      o.printf(Locale.ROOT, "   %5d %16.1f %12.1f %8.1fx %16.1e%n", b, t.sequentialMs(), t.parallelMs(), t.speedup(),
          t.maxAbsDifference());
      o.flush();
    }
    if (demo.json()) {
      o.println(Json.write(summary(forms, results, timings)));
    }
    o.flush();
    return 0;
  }

  private void validate() {
    OptionChecks check = new OptionChecks(spec);
    check.atLeast("--T", length, 2);
    check.atLeast("--steps", steps, 1);
    check.atLeast("--batch", batch, 1);
    check.atLeast("--hidden", hidden, 1);
    check.atLeast("--layers", layers, 1);
    check.atLeast("--eval-every", evalEvery, 1);
    check.atLeast("--validation", validation, 1);
    check.atLeast("--scan-length", scanLength, 1);
    check.atLeast("--repeats", repeats, 1);
    check.positive("--lr", lr);
    check.positive("--clip", clip);
    for (String m : models) {
      if (!MODELS.contains(m)) {
        throw check.bad("--models: unknown model '" + m + "', expected some of " + String.join(", ", MODELS));
      }
    }
  }

  /** Part 1: one float64 cell, an adding-problem input and a random initial state, both forms. */
  private FormComparison compareForms(PrintWriter o) {
    int rows = 4;
    MinGruCell cell = new MinGruCell(2, hidden, DType.F64, demo.seed());
    SplittableRandom rng = new SplittableRandom(demo.seed());
    Tensor x = AddingProblem.sample(rng, length, rows, DType.F64).x();
    Tensor h0 = Tensor.uniform(rng, DType.F64, -1, 1, rows, hidden);
    FormComparison c = FormComparison.of(cell, x, h0, demo.seed());
    o.printf(Locale.ROOT, "1. Step by step (driver) vs log-space scan, float64, T=%d, batch %d: largest |difference|"
        + " (largest value)%n", length, rows);
    c.differences().forEach((name, d) -> o.printf(Locale.ROOT, "   %-14s %.1e  (%.3g)%n",
        name.equals("output") ? "output h" : "grad " + name, d.maxAbs(), d.maxMagnitude()));
    o.println();
    return c;
  }

  private LastStepRegressor model(String name) {
    RecurrentStack rnn = switch (name) {
      case "gru" -> GRU.builder(2, hidden).numLayers(layers).seed(demo.seed()).build();
      case "lstm" -> LSTM.builder(2, hidden).numLayers(layers).seed(demo.seed()).build();
      default -> RecurrentStack.builder(2, (layer, direction, in) ->
          new MinGruCell(in, hidden, DType.F32, demo.seed() + layer)).numLayers(layers).build();
    };
    return new LastStepRegressor(rnn, name.equals("mingru-scan"), demo.seed());
  }

  private void plot(List<AddingTraining.Result> results, Path file) throws IOException {
    LinePlot p = new LinePlot("Adding problem, T=" + length + ": validation MSE", "training step", "MSE").logY(true);
    for (AddingTraining.Result r : results) {
      if (r.name().equals("mingru-scan")) { // dashed: it lies on the driver's curve
        p.dashed(r.name(), r.evalSteps(), r.validationMse());
      } else {
        p.series(r.name(), r.evalSteps(), r.validationMse());
      }
    }
    p.dashed("baseline (always 1)", new double[] {0, steps},
        new double[] {AddingProblem.BASELINE_MSE, AddingProblem.BASELINE_MSE});
    p.write(file);
  }

  private Map<String, Object> summary(FormComparison forms, List<AddingTraining.Result> results,
      Map<Integer, ScanTiming> timings) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("command", "mingru");
    s.put("seed", demo.seed());
    s.put("T", length);
    s.put("steps", steps);
    s.put("baseline_mse", AddingProblem.BASELINE_MSE);
    Map<String, Object> diffs = new LinkedHashMap<>();
    forms.differences().forEach((name, d) -> diffs.put(name, d.maxAbs()));
    s.put("sequential_vs_scan_f64", diffs);
    Map<String, Object> trained = new LinkedHashMap<>();
    for (AddingTraining.Result r : results) {
      trained.put(r.name(), Map.of("val_mse", r.finalMse(), "ms_per_step", r.msPerStep(), "params", r.parameters()));
    }
    s.put("models", trained);
    List<Object> forward = new ArrayList<>();
    timings.forEach((b, t) -> forward.add(Map.of("batch", b, "sequential_ms", t.sequentialMs(),
        "scan_ms", t.parallelMs(), "max_abs_difference", t.maxAbsDifference())));
    s.put("forward_T", scanLength);
    s.put("forward", forward);
    s.put("plot", demo.out().resolve("adding_validation_mse.png").toString());
    return s;
  }
}
