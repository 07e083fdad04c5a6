package dev.eddy.examples.gradients;

import dev.eddy.autograd.Losses;
import dev.eddy.autograd.Var;
import dev.eddy.examples.support.ProgressBar;
import dev.eddy.examples.support.Trainer;
import dev.eddy.nn.Linear;
import dev.eddy.nn.recurrent.Recurrence;
import dev.eddy.nn.recurrent.RnnCell;
import dev.eddy.optim.Sgd;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Training a float32 tanh RNN whose gradients explode, with and without
 * {@link dev.eddy.optim.GradClipping#clipGradNorm} (through {@link Trainer}).
 *
 * <p>The task: read {@code length} random inputs {@code x_t ~ N(0, 1)} of {@link #INPUTS} features and
 * output the first feature of the first input at the last step (mean squared error; always
 * answering 0 scores 1). Both runs start from the same weights and see the same batches.
 */
final class ClippingExperiment {
  static final int INPUTS = 8;

  private ClippingExperiment() {}

  /** The settings shared by both runs. */
  record Settings(int length, int hidden, RecurrentWeights weights, double radius, double lr, int steps, int batch,
      long seed) {}

  /**
   * One run. Per step (index 0 is step 1): the loss, the total gradient norm before clipping, and the
   * share of units with |h_T| > 0.99 (saturated: tanh' below 0.02). {@code weightNorm[s]} is ‖W_hh‖
   * (Frobenius) after s steps, index 0 the start. Once the loss is NaN or infinite the run stops and
   * the rest stays NaN.
   */
  record Curve(double[] loss, double[] gradNorm, double[] saturated, double[] weightNorm) {
    /** The first step (1-based) whose loss is not finite, or 0 if none. */
    int firstNonFinite() {
      for (int i = 0; i < loss.length; i++) {
        if (!Double.isFinite(loss[i])) {
          return i + 1;
        }
      }
      return 0;
    }

    /** The largest gradient norm before clipping (NaN steps left out). */
    double largestGradNorm() {
      return Arrays.stream(gradNorm).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    /** The mean loss over the last {@code n} steps (NaN if any is not finite). */
    double meanOfLast(int n) {
      int from = Math.max(0, loss.length - n);
      return Arrays.stream(loss, from, loss.length).average().orElse(Double.NaN);
    }
  }

  /** Trains with plain SGD, clipping the total gradient norm to {@code maxNorm} (infinity: no clipping). */
  static Curve train(Settings s, double maxNorm, ProgressBar progress) {
    RnnCell cell = RnnCell.builder(INPUTS, s.hidden()).seed(s.seed()).build();
    Tensor whh = s.weights().draw(s.hidden(), s.radius(), s.seed() + 2).to(DType.F32);
    cell.loadStateDict(Map.of("weight_hh", whh), false);
    Linear head = new Linear(s.hidden(), 1, true, DType.F32, new SplittableRandom(s.seed() + 1));
    Map<String, Var> params = new LinkedHashMap<>();
    cell.namedParameters().forEach((name, p) -> params.put("rnn." + name, p));
    head.namedParameters().forEach((name, p) -> params.put("head." + name, p));
    Trainer trainer = new Trainer(Sgd.builder(params).lr(s.lr()).build(), null, maxNorm);

    var data = new SplittableRandom(s.seed() + 2);
    double[] loss = new double[s.steps()];
    double[] norm = new double[s.steps()];
    double[] saturated = new double[s.steps()];
    double[] weightNorm = new double[s.steps() + 1];
    for (double[] a : List.of(loss, norm, saturated, weightNorm)) {
      Arrays.fill(a, Double.NaN);
    }
    Var whhParam = params.get("rnn.weight_hh");
    weightNorm[0] = Spectra.norm(whhParam.value());
    Tensor[] lastState = new Tensor[1];
    for (int step = 0; step < s.steps(); step++) {
      Tensor x = Tensor.normal(data, DType.F32, 0, 1, s.length(), s.batch(), INPUTS);
      Var target = Var.constant(x.select(0, 0).narrow(1, 0, 1)); // [batch, 1]: feature 0 of x_0
      loss[step] = trainer.step(() -> {
        Var last = Recurrence.of(cell).run(Var.constant(x)).state().output();
        lastState[0] = last.value();
        return Losses.mse(head.forward(last), target);
      });
      norm[step] = trainer.lastGradNorm();
      saturated[step] = lastState[0].abs().gt(0.99).mean().item();
      progress.update(step + 1, loss[step], (long) (step + 1) * s.batch());
      if (!Double.isFinite(loss[step])) {
        break; // the step just taken was NaN: |W_hh| stays unknown
      }
      weightNorm[step + 1] = Spectra.norm(whhParam.value());
    }
    progress.finish();
    return new Curve(loss, norm, saturated, weightNorm);
  }
}
