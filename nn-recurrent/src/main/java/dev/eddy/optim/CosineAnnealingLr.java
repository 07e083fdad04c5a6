package dev.eddy.optim;

/**
 * Cosine annealing from the base learning rate down to {@code etaMin} over {@code tMax} steps,
 * PyTorch's {@code CosineAnnealingLR}:
 * {@code lr = etaMin + (baseLr - etaMin) * (1 + cos(pi * step / tMax)) / 2}. After {@code tMax} steps
 * the same formula climbs back (a period of {@code 2 * tMax}); use {@link CosineAnnealingWarmRestarts}
 * to restart at the top instead.
 *
 * @param tMax steps from the base learning rate to {@code etaMin}, at least 1
 * @param etaMin the lowest learning rate, a finite number {@code >= 0}
 */
public record CosineAnnealingLr(long tMax, double etaMin) implements LrSchedule {
  public CosineAnnealingLr {
    Checks.atLeast("CosineAnnealingLr", "tMax", 1, tMax);
    Checks.nonNegative("CosineAnnealingLr", "etaMin", etaMin);
  }

  @Override
  public double lr(double baseLr, long step) {
    return cosine(baseLr, etaMin, step, tMax);
  }

  /** {@code etaMin + (baseLr - etaMin) * (1 + cos(pi * t / period)) / 2}, in PyTorch's order of operations. */
  static double cosine(double baseLr, double etaMin, long t, long period) {
    return etaMin + (baseLr - etaMin) * (1 + StrictMath.cos(Math.PI * t / period)) / 2;
  }
}
