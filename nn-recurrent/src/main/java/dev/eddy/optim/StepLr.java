package dev.eddy.optim;

/**
 * Decays the learning rate by {@code gamma} every {@code stepSize} steps, PyTorch's {@code StepLR}:
 * {@code lr = baseLr * gamma^floor(step / stepSize)}.
 *
 * @param stepSize steps between decays, at least 1
 * @param gamma the factor, a finite number {@code > 0}
 */
public record StepLr(long stepSize, double gamma) implements LrSchedule {
  public StepLr {
    Checks.atLeast("StepLr", "stepSize", 1, stepSize);
    Checks.positive("StepLr", "gamma", gamma);
  }

  @Override
  public double lr(double baseLr, long step) {
    return baseLr * StrictMath.pow(gamma, step / stepSize);
  }
}
