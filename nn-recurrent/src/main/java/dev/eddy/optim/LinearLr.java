package dev.eddy.optim;

/**
 * Scales the learning rate by a factor that moves linearly from {@code startFactor} to
 * {@code endFactor} over {@code totalSteps} steps and then stays, PyTorch's {@code LinearLR}:
 * {@code lr = baseLr * (startFactor + (endFactor - startFactor) * min(step, totalSteps) / totalSteps)}.
 * {@code new LinearLr(0.01, 1, 500)} is a linear warm-up; {@link SequentialLr#warmupThen} chains one
 * with another schedule.
 *
 * @param startFactor factor at step 0, in [0, 1]
 * @param endFactor factor from step {@code totalSteps} on, in [0, 1]
 * @param totalSteps steps of the ramp, at least 1
 */
public record LinearLr(double startFactor, double endFactor, long totalSteps) implements LrSchedule {
  public LinearLr {
    Checks.unitInterval("LinearLr", "startFactor", startFactor);
    Checks.unitInterval("LinearLr", "endFactor", endFactor);
    Checks.atLeast("LinearLr", "totalSteps", 1, totalSteps);
  }

  @Override
  public double lr(double baseLr, long step) {
    return baseLr * (startFactor + (endFactor - startFactor) * Math.min(totalSteps, step) / totalSteps);
  }
}
