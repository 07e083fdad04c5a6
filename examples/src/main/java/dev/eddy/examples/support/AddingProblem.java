package dev.eddy.examples.support;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Batches of the adding problem (Le et al. 2015): each of {@code T} steps carries a value drawn from
 * U(0, 1) and a marker; exactly two steps are marked, one in each half of the sequence, and the
 * target is the sum of the two marked values. Always answering 1 (the mean of the target) gives a
 * mean squared error of 1/6, the variance of a sum of two U(0, 1): the baseline to beat.
 *
 * @param x {@code [T, batch, 2]} (value, marker), time-major
 * @param target {@code [batch, 1]}
 */
public record AddingProblem(Tensor x, Tensor target) {
  /** The mean squared error of always answering 1. */
  public static final double BASELINE_MSE = 1.0 / 6;

  /** A batch of {@code batch} sequences of {@code length ≥ 2} steps, drawn from {@code rng}. */
  public static AddingProblem sample(RandomGenerator rng, int length, int batch, DType dtype) {
    if (length < 2 || batch < 1) {
      throw new IllegalArgumentException("AddingProblem: needs length >= 2 and batch >= 1, got " + length + " and "
          + batch);
    }
    double[] x = new double[length * batch * 2];
    double[] target = new double[batch];
    int half = length / 2;
    for (int b = 0; b < batch; b++) {
      int first = rng.nextInt(half);
      int second = half + rng.nextInt(length - half);
      for (int t = 0; t < length; t++) {
        double value = rng.nextDouble();
        int at = (t * batch + b) * 2;
        x[at] = value;
        if (t == first || t == second) {
          x[at + 1] = 1;
          target[b] += value;
        }
      }
    }
    return new AddingProblem(Tensor.wrap(x, length, batch, 2).to(dtype), Tensor.wrap(target, batch, 1).to(dtype));
  }
}
