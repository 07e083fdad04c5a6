package dev.eddy.examples.support;

import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.nn.Module;
import dev.eddy.optim.Adam;
import dev.eddy.optim.CosineAnnealingLr;
import dev.eddy.optim.GradClipping;
import dev.eddy.optim.LrScheduler;
import dev.eddy.optim.Optimizer;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The training step the demos share: open a tape, compute the loss, run backward, clip the gradient
 * norm, step the optimizer and its learning-rate schedule, clear the gradients.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.adamCosine(model, 3e-3, epochs * batchesPerEpoch, 1.0);
 * for (...) {
 *   double loss = trainer.step(() -> Losses.mse(model.forward(x), y));
 * }
 * }</pre>
 */
public final class Trainer {
  private final Map<String, Var> parameters;
  private final Optimizer optimizer;
  private final LrScheduler schedule;
  private final double maxGradNorm;
  private double lastGradNorm = Double.NaN;

  /**
   * @param optimizer updates the parameters it was built over
   * @param schedule stepped after every optimizer step, or null for a constant learning rate
   * @param maxGradNorm the gradient norm is clipped to this (over all parameters); infinity: no clipping
   */
  public Trainer(Optimizer optimizer, LrScheduler schedule, double maxGradNorm) {
    if (!(maxGradNorm > 0)) {
      throw new IllegalArgumentException("trainer: the largest gradient norm must be positive, got " + maxGradNorm);
    }
    this.parameters = optimizer.parameters();
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.maxGradNorm = maxGradNorm;
  }

  /** Adam at {@code lr}, annealed to 0 by a cosine over {@code totalSteps}, gradient norm clipped to {@code maxGradNorm}. */
  public static Trainer adamCosine(Module model, double lr, long totalSteps, double maxGradNorm) {
    Optimizer adam = Adam.builder(model.namedParameters()).lr(lr).build();
    return new Trainer(adam, new LrScheduler(adam, new CosineAnnealingLr(Math.max(1, totalSteps), 0)), maxGradNorm);
  }

  /** One step on the scalar {@code loss} (computed inside the tape); returns its value. */
  public double step(Supplier<Var> loss) {
    double value;
    try (Tape tape = Tape.open()) {
      Var l = loss.get();
      tape.backward(l);
      value = l.item();
    }
    lastGradNorm = GradClipping.clipGradNorm(parameters, maxGradNorm); // with infinity it only measures
    optimizer.step();
    optimizer.zeroGrad();
    if (schedule != null) {
      schedule.step();
    }
    return value;
  }

  /** The total gradient norm of the last step, before clipping (NaN before the first step). */
  public double lastGradNorm() {
    return lastGradNorm;
  }

  public Optimizer optimizer() {
    return optimizer;
  }
}
