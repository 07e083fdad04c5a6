package dev.eddy.optim;

/**
 * Cosine annealing with warm restarts (SGDR), PyTorch's {@code CosineAnnealingWarmRestarts} stepped
 * one whole step at a time: the first period lasts {@code t0} steps, each later one {@code tMult}
 * times the one before; within a period of length {@code T}, at step {@code t} into it,
 * {@code lr = etaMin + (baseLr - etaMin) * (1 + cos(pi * t / T)) / 2}, so the learning rate jumps
 * back to the base at every restart.
 *
 * @param t0 steps in the first period, at least 1
 * @param tMult growth of the period at each restart, at least 1
 * @param etaMin the lowest learning rate, a finite number {@code >= 0}
 */
public record CosineAnnealingWarmRestarts(long t0, long tMult, double etaMin) implements LrSchedule {
  public CosineAnnealingWarmRestarts {
    Checks.atLeast("CosineAnnealingWarmRestarts", "t0", 1, t0);
    Checks.atLeast("CosineAnnealingWarmRestarts", "tMult", 1, tMult);
    Checks.nonNegative("CosineAnnealingWarmRestarts", "etaMin", etaMin);
  }

  @Override
  public double lr(double baseLr, long step) {
    long t = step;
    long period = t0;
    if (tMult == 1) {
      t = step % t0;
    } else {
      // Exact integer walk over the periods (PyTorch's step() does the same one step at a time); at
      // most 63 rounds, since periods at least double.
      while (t >= period) {
        t -= period;
        period = period > Long.MAX_VALUE / tMult ? Long.MAX_VALUE : period * tMult;
      }
    }
    return CosineAnnealingLr.cosine(baseLr, etaMin, t, period);
  }
}
