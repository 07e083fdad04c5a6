package dev.eddy.examples.gradients;

import dev.eddy.autograd.Losses;
import dev.eddy.autograd.Var;
import dev.eddy.examples.support.DemoOptions;
import dev.eddy.examples.support.OptionChecks;
import dev.eddy.examples.support.ProgressBar;
import dev.eddy.io.Json;
import dev.eddy.nn.Linear;
import dev.eddy.nn.recurrent.GruCell;
import dev.eddy.nn.recurrent.LstmCell;
import dev.eddy.nn.recurrent.RnnCell;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
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
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code eddy gradients}: the vanishing/exploding-gradient study. How far back the gradient of a
 * loss on the last step reaches in a tanh RNN at several spectral radii of W_hh, an LSTM and a GRU;
 * the Jacobian product that explains it, checked against autograd; and what norm clipping does when
 * the gradient explodes.
 */
@Command(
    name = "gradients",
    mixinStandardHelpOptions = true,
    description = {
        "The vanishing/exploding-gradient study: |dL/dh_t| over t for a loss on the last step, for a tanh RNN"
            + " whose W_hh has spectral radius below, at and above 1, an LSTM (forget bias 1) and a GRU; the"
            + " Jacobian product diag(1 - h^2) W_hh that explains the tanh RNN's figures, checked against"
            + " autograd to 1e-9; and a training run whose gradient explodes, with and without clipGradNorm.",
        "Writes gradients.png (|dL/dh_t| over t, log scale) and clipping.png (loss per SGD step) to --out."})
public final class GradientsCommand implements Callable<Integer> {
  /** Input features of every model. */
  static final int INPUTS = ClippingExperiment.INPUTS;
  /** The largest difference allowed between the hand-written Jacobian product and autograd. */
  static final double AGREEMENT = 1e-9;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--length", defaultValue = "100", paramLabel = "T",
      description = "Sequence length T; the loss is on the last step only (default ${DEFAULT-VALUE}).")
  int length;

  @Option(names = "--hidden", defaultValue = "32", paramLabel = "H",
      description = "Hidden units of every model (default ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--radii", split = ",", defaultValue = "0.5,0.9,1.0,1.1,1.5", paramLabel = "RHO",
      description = "Spectral radii of the tanh RNN's W_hh, comma-separated (default ${DEFAULT-VALUE}).")
  List<Double> radii;

  @Option(names = "--weights", defaultValue = "orthogonal", paramLabel = "orthogonal|gaussian",
      description = "W_hh before scaling: a random orthogonal matrix (largest singular value = radius) or a"
          + " Gaussian one (largest singular value about twice the radius) (default ${DEFAULT-VALUE}).")
  String weights;

  @Option(names = "--forget-biases", split = ",", defaultValue = "1,5", paramLabel = "B",
      description = "Forget-gate biases of the LSTMs, comma-separated: 1 is the usual init (f = σ(1) ≈ 0.73),"
          + " a large one holds the cell path open (default ${DEFAULT-VALUE}).")
  List<Double> forgetBiases;

  @Option(names = "--every", defaultValue = "10", paramLabel = "N",
      description = "Table rows every N steps back from T (default ${DEFAULT-VALUE}).")
  int every;

  @Option(names = "--explode-radius", defaultValue = "3.0", paramLabel = "RHO",
      description = "Spectral radius of W_hh in the exploding run (default ${DEFAULT-VALUE}).")
  double explodeRadius;

  @Option(names = "--clip", defaultValue = "1.0", paramLabel = "NORM",
      description = "Largest total gradient norm in the clipped run (default ${DEFAULT-VALUE}).")
  double clip;

  @Option(names = "--lr", defaultValue = "0.1",
      description = "SGD learning rate of the exploding run (default ${DEFAULT-VALUE}).")
  double lr;

  @Option(names = "--train-steps", defaultValue = "200", paramLabel = "N",
      description = "SGD steps of each exploding run (default ${DEFAULT-VALUE}).")
  int trainSteps;

  @Option(names = "--batch", defaultValue = "16",
      description = "Sequences per SGD step of the exploding run (default ${DEFAULT-VALUE}).")
  int batch;

  @Mixin DemoOptions common;

  @Override
  public Integer call() throws IOException {
    RecurrentWeights kind = validate();
    PrintWriter pw = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();

    // the study: |dL/dh_t| over t, every model reading the same inputs, with the same read-out and loss
    Tensor inputs = Tensor.normal(new SplittableRandom(common.seed()), DType.F64, 0, 1, length, 1, INPUTS);
    Linear readout = new Linear(hidden, 1, true, DType.F64, new SplittableRandom(common.seed() + 1));
    Var one = Var.constant(Tensor.ones(DType.F64, 1, 1));
    Function<Var, Var> loss = h -> Losses.mse(readout.forward(h), one);
    List<GradientSeries> series = new ArrayList<>();
    List<JacobianCheck> checks = new ArrayList<>();
    for (double radius : radii) {
      RnnCell rnn = RnnCell.builder(INPUTS, hidden).dtype(DType.F64).seed(common.seed()).build();
      Tensor whh = kind.draw(hidden, radius, common.seed() + 2);
      rnn.loadStateDict(Map.of("weight_hh", whh), false);
      StateGradients.Run run = StateGradients.measure(rnn, inputs, loss);
      series.add(new GradientSeries("tanh " + radius, run.norms(0)));
      checks.add(JacobianCheck.of(radius, whh, run));
    }
    for (double bias : forgetBiases) {
      LstmCell lstm = LstmCell.builder(INPUTS, hidden).dtype(DType.F64).seed(common.seed()).forgetBias(bias).build();
      StateGradients.Run lstmRun = StateGradients.measure(lstm, inputs, loss);
      String tag = forgetBiases.size() > 1 ? " b" + (bias == Math.rint(bias) ? String.valueOf((long) bias) : bias) : "";
      series.add(new GradientSeries("LSTM h" + tag, lstmRun.norms(0)));
      series.add(new GradientSeries("LSTM c" + tag, lstmRun.norms(1)));
    }
    GruCell gru = GruCell.builder(INPUTS, hidden).dtype(DType.F64).seed(common.seed()).build();
    series.add(new GradientSeries("GRU", StateGradients.measure(gru, inputs, loss).norms(0)));

    pw.printf("|dL/dh_t| for a loss on the last step (t = %d) of one sequence of N(0,1) inputs; float64, %d hidden"
        + " units.%ntanh RHO: tanh RNN, W_hh = %s scaled to spectral radius RHO. LSTM bB: forget-gate bias B, GRU:"
        + " otherwise PyTorch's init.%nLSTM c: |dL/dc_t| of the cell state passed on to step t+1 (0 at t = T: the"
        + " loss reads h only).%n", length, hidden, kind.name().toLowerCase(Locale.ROOT));
    StudyReport.printNorms(pw, series, every);
    StudyReport.printJacobians(pw, checks, AGREEMENT);
    Path studyPlot = common.out().resolve("gradients.png");
    StudyReport.plot(series, studyPlot);

    // exploding gradients, with and without clipping
    pw.printf("%nExploding gradients: a float32 tanh RNN with W_hh of spectral radius %s, T=%d, trained with SGD"
        + " (lr %s, batch %d, %d steps)%n  to output the first feature of x_0 at the last step (answering 0 scores"
        + " 1.0), once as is and once with clipGradNorm(%s).%n", explodeRadius, length, lr, batch, trainSteps, clip);
    pw.flush();
    var settings = new ClippingExperiment.Settings(length, hidden, kind, explodeRadius, lr, trainSteps, batch,
        common.seed());
    ClippingExperiment.Curve plain = ClippingExperiment.train(settings, Double.POSITIVE_INFINITY,
        new ProgressBar(err, trainSteps, "seq/s"));
    ClippingExperiment.Curve clipped = ClippingExperiment.train(settings, clip,
        new ProgressBar(err, trainSteps, "seq/s"));
    String clipName = "clipGradNorm(" + clip + ")";
    ClippingReport.print(pw, plain, clipped, clipName);
    Path clipPlot = common.out().resolve("clipping.png");
    ClippingReport.plot(plain, clipped, clipName, "SGD on a tanh RNN with exploding gradients (radius " + explodeRadius
        + ", T=" + length + ")", clipPlot);

    pw.printf("%nWrote %s and %s%n", studyPlot, clipPlot);
    double worst = StudyReport.worstDifference(checks);
    if (common.json()) {
      pw.println(Json.write(summary(series, checks, plain, clipped, worst, List.of(studyPlot, clipPlot))));
    }
    pw.flush();
    if (!(worst <= AGREEMENT)) {
      err.printf(Locale.ROOT, "FAIL: the Jacobian product differs from autograd's dL/dh_t by %.2e > %.0e%n", worst,
          AGREEMENT);
      return 1;
    }
    return 0;
  }

  private RecurrentWeights validate() {
    OptionChecks check = new OptionChecks(spec);
    check.atLeast("--length", length, 1);
    check.atLeast("--hidden", hidden, 1);
    if (radii.isEmpty()) {
      throw check.bad("--radii needs at least one radius");
    }
    for (double r : radii) {
      check.positive("--radii", r);
    }
    if (forgetBiases.isEmpty()) {
      throw check.bad("--forget-biases needs at least one bias");
    }
    check.atLeast("--every", every, 1);
    check.positive("--explode-radius", explodeRadius);
    check.positive("--clip", clip);
    check.positive("--lr", lr);
    check.atLeast("--train-steps", trainSteps, 1);
    check.atLeast("--batch", batch, 1);
    return switch (weights.toLowerCase(Locale.ROOT)) {
      case "orthogonal" -> RecurrentWeights.ORTHOGONAL;
      case "gaussian" -> RecurrentWeights.GAUSSIAN;
      default -> throw check.bad("--weights must be orthogonal or gaussian, got '" + weights + "'");
    };
  }

  private Map<String, Object> summary(List<GradientSeries> series, List<JacobianCheck> checks,
      ClippingExperiment.Curve plain, ClippingExperiment.Curve clipped, double worst, List<Path> files) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "gradients");
    m.put("length", length);
    m.put("hidden", hidden);
    m.put("weights", weights.toLowerCase(Locale.ROOT));
    m.put("seed", common.seed());
    List<Object> study = new ArrayList<>();
    for (GradientSeries s : series) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("model", s.name());
      row.put("grad_last", finite(s.norms()[length]));
      row.put("grad_first", finite(s.norms()[0]));
      row.put("gain", finite(s.gain()));
      study.add(row);
    }
    m.put("study", study);
    List<Object> jacobian = new ArrayList<>();
    for (JacobianCheck c : checks) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("radius", c.setRadius());
      row.put("rho", finite(c.radius()));
      row.put("sigma_max", finite(c.sigmaMax()));
      row.put("rms_tanh_derivative", finite(c.rmsDerivative()));
      row.put("gain", finite(c.gain()));
      row.put("max_rel_diff", finite(c.maxRelDiff()));
      jacobian.add(row);
    }
    m.put("jacobian", jacobian);
    m.put("jacobian_max_rel_diff", finite(worst));
    Map<String, Object> clipping = new LinkedHashMap<>();
    clipping.put("radius", explodeRadius);
    clipping.put("lr", lr);
    clipping.put("max_norm", clip);
    clipping.put("steps", trainSteps);
    clipping.put("plain", runSummary(plain));
    clipping.put("clipped", runSummary(clipped));
    m.put("clipping", clipping);
    m.put("files", files.stream().map(Path::toString).toList());
    return m;
  }

  private static Map<String, Object> runSummary(ClippingExperiment.Curve c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("first_grad_norm", finite(c.gradNorm()[0]));
    m.put("nonfinite_step", c.firstNonFinite() > 0 ? c.firstNonFinite() : null);
    m.put("mean_loss_last_10", finite(c.meanOfLast(10)));
    m.put("weight_norm_start", finite(c.weightNorm()[0]));
    m.put("weight_norm_after_step_1", finite(c.weightNorm()[1]));
    return m;
  }

  /** The value, or null: JSON has no NaN or infinity. */
  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
