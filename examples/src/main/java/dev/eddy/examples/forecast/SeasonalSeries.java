package dev.eddy.examples.forecast;

import java.util.SplittableRandom;

/**
 * The default series of {@code eddy forecast}: an hourly-looking signal with a daily cycle that is
 * not a pure sine (a second harmonic), a weekly cycle, a slow upward trend and Gaussian noise, all
 * seeded. Hour {@code t}:
 *
 * <pre>
 *   v(t) = 10 + 0.002 t + 2 sin(2 pi t / 24 + a) + 0.8 sin(4 pi t / 24 + b) + 1 sin(2 pi t / 168 + c) + N(0, 0.25²)
 * </pre>
 *
 * with phases a, b, c drawn from the seed. Its structure is worth learning: the shape of the day is
 * predictable hours ahead, where "repeat the last value" is not; the noise (standard deviation 0.25)
 * is what no forecaster can predict, so it bounds the error from below.
 */
public final class SeasonalSeries {
  /** Hours per day and per week: the two periods of the series. */
  static final int DAY = 24;

  static final int WEEK = 7 * DAY;

  /** Standard deviation of the noise. */
  public static final double NOISE = 0.25;

  private SeasonalSeries() {}

  /** {@code length} hourly values drawn from {@code seed}. */
  public static double[] generate(int length, long seed) {
    if (length < 1) {
      throw new IllegalArgumentException("seasonal series: length must be at least 1, got " + length);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double a = rng.nextDouble(2 * Math.PI);
    double b = rng.nextDouble(2 * Math.PI);
    double c = rng.nextDouble(2 * Math.PI);
    double[] v = new double[length];
    for (int t = 0; t < length; t++) {
      double day = 2 * Math.sin(2 * Math.PI * t / DAY + a) + 0.8 * Math.sin(4 * Math.PI * t / DAY + b);
      double week = Math.sin(2 * Math.PI * t / WEEK + c);
      v[t] = 10 + 0.002 * t + day + week + NOISE * rng.nextGaussian();
    }
    return v;
  }
}
