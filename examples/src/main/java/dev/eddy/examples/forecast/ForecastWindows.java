package dev.eddy.examples.forecast;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.Arrays;

/**
 * A series cut for forecasting without leakage: the first values are the training part, the rest the
 * validation part, in time order. An example is a window of {@code window} values ending at step
 * {@code t} and the {@code horizon} values after it. Training examples have all their targets in the
 * training part; validation examples have all their targets in the validation part (their inputs may
 * reach back into the training part: those values are known at forecast time).
 *
 * <p>What the network sees is relative to the last known value and scaled by the standard deviation
 * of the training part only: inputs {@code (x[t-window+1+i] - x[t]) / scale}, targets
 * {@code (x[t+h] - x[t]) / scale}. A network that outputs zeros is exactly the persistence baseline,
 * and a level the training part never reached (a trend) looks the same as one it did.
 */
public final class ForecastWindows {
  private final double[] series;
  private final int window;
  private final int horizon;
  private final int trainLength;
  private final double scale;
  private final int[] trainEnds;
  private final int[] validationEnds;

  private ForecastWindows(double[] series, int window, int horizon, int trainLength) {
    this.series = series;
    this.window = window;
    this.horizon = horizon;
    this.trainLength = trainLength;
    this.scale = standardDeviation(series, trainLength);
    this.trainEnds = range(window - 1, trainLength - horizon);
    this.validationEnds = range(trainLength - 1, series.length - horizon);
  }

  /**
   * Splits {@code series} into a training part and the last {@code validationFraction} of it.
   *
   * @throws IllegalArgumentException if either part is too short for one example, naming what it needs
   */
  public static ForecastWindows split(double[] series, int window, int horizon, double validationFraction) {
    if (window < 1 || horizon < 1 || !(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("forecast windows: window and horizon must be at least 1 and the"
          + " validation fraction in (0, 1), got " + window + ", " + horizon + " and " + validationFraction);
    }
    int n = series.length;
    int validationLength = (int) Math.round(n * validationFraction);
    int trainLength = n - validationLength;
    int trainNeeds = window + horizon;
    if (trainLength < trainNeeds || validationLength < horizon) {
      // the smallest length whose split satisfies both; starts near the answer, so the loop is short
      int needed = (int) Math.max(trainNeeds + horizon, Math.floor((horizon - 0.5) / validationFraction));
      while ((int) Math.round(needed * validationFraction) < horizon
          || needed - (int) Math.round(needed * validationFraction) < trainNeeds) {
        needed++;
      }
      throw new IllegalArgumentException("a series of " + n + " values is too short for --window " + window
          + " and --horizon " + horizon + ": the training part (" + trainLength + " values) needs at least "
          + trainNeeds + " (window + horizon) and the validation part (" + validationLength
          + ") at least " + horizon + " (horizon); give at least " + needed + " values");
    }
    double scale = standardDeviation(series, trainLength);
    if (!(scale > 0)) {
      throw new IllegalArgumentException("the training part of the series (" + trainLength
          + " values) is constant: there is nothing to learn");
    }
    return new ForecastWindows(series.clone(), window, horizon, trainLength);
  }

  private static double standardDeviation(double[] v, int length) {
    double mean = 0;
    for (int i = 0; i < length; i++) {
      mean += v[i];
    }
    mean /= length;
    double ss = 0;
    for (int i = 0; i < length; i++) {
      ss += (v[i] - mean) * (v[i] - mean);
    }
    return Math.sqrt(ss / length);
  }

  private static int[] range(int from, int to) {
    int[] r = new int[Math.max(0, to - from)];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  /** Inputs of the examples ending at {@code ends}: {@code [batch, window, 1]}, float32. */
  public Tensor inputs(int[] ends) {
    float[] x = new float[ends.length * window];
    for (int b = 0; b < ends.length; b++) {
      int t = ends[b];
      for (int i = 0; i < window; i++) {
        x[b * window + i] = (float) ((series[t - window + 1 + i] - series[t]) / scale);
      }
    }
    return Tensor.of(x, ends.length, window, 1);
  }

  /** Targets of the examples ending at {@code ends}: {@code [batch, horizon]}, float32. */
  public Tensor targets(int[] ends) {
    float[] y = new float[ends.length * horizon];
    for (int b = 0; b < ends.length; b++) {
      for (int h = 0; h < horizon; h++) {
        y[b * horizon + h] = (float) ((series[ends[b] + 1 + h] - series[ends[b]]) / scale);
      }
    }
    return Tensor.of(y, ends.length, horizon);
  }

  /** Network outputs {@code [batch, horizon]} for the examples ending at {@code ends}, in the series' units. */
  public double[][] toValues(Tensor outputs, int[] ends) {
    double[] o = outputs.to(DType.F64).toDoubleArray();
    double[][] v = new double[ends.length][horizon];
    for (int b = 0; b < ends.length; b++) {
      for (int h = 0; h < horizon; h++) {
        v[b][h] = series[ends[b]] + scale * o[b * horizon + h];
      }
    }
    return v;
  }

  /** The true values after each of {@code ends}: {@code [batch][horizon]}. */
  public double[][] truth(int[] ends) {
    double[][] v = new double[ends.length][];
    for (int b = 0; b < ends.length; b++) {
      v[b] = Arrays.copyOfRange(series, ends[b] + 1, ends[b] + 1 + horizon);
    }
    return v;
  }

  /** The persistence forecast ("repeat the last value") for each of {@code ends}: {@code [batch][horizon]}. */
  public double[][] persistence(int[] ends) {
    double[][] v = new double[ends.length][horizon];
    for (int b = 0; b < ends.length; b++) {
      Arrays.fill(v[b], series[ends[b]]);
    }
    return v;
  }

  /** The last input step of every training example, in time order. */
  public int[] trainEnds() {
    return trainEnds.clone();
  }

  /** The last input step of every validation example, in time order. */
  public int[] validationEnds() {
    return validationEnds.clone();
  }

  /** Values in the training part; the validation part starts at this index. */
  public int trainLength() {
    return trainLength;
  }

  /** The standard deviation of the training part, the unit of the network's inputs and outputs. */
  public double scale() {
    return scale;
  }

  public double[] series() {
    return series.clone();
  }

  public int window() {
    return window;
  }

  public int horizon() {
    return horizon;
  }
}
