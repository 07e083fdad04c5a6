package dev.eddy.nn.recurrent;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;

/**
 * The real lengths of the sequences of a padded batch, {@code lengths[b]} in {@code [1, time]}, and
 * what the driver derives from them: which rows are still running at step t, and the index that
 * reverses each sequence within its own length.
 */
final class Lengths {
  private final int[] lengths;
  private final int time;
  private final int max;

  private Lengths(int[] lengths, int time) {
    this.lengths = lengths;
    this.time = time;
    int m = 0;
    for (int len : lengths) {
      m = Math.max(m, len);
    }
    this.max = m;
  }

  /**
   * The checked lengths of {@code batch} sequences padded to {@code time} steps, or null when
   * {@code lengths} is null or every sequence fills the batch (no masking needed); {@code what}
   * names the caller in the message.
   */
  static Lengths of(String what, int[] lengths, int time, int batch) {
    if (lengths == null) {
      return null;
    }
    if (lengths.length != batch) {
      throw new IllegalArgumentException(what + ": lengths must have one entry per sequence (" + batch + "), got "
          + lengths.length);
    }
    boolean full = true;
    for (int b = 0; b < batch; b++) {
      if (lengths[b] < 1 || lengths[b] > time) {
        throw new IllegalArgumentException(what + ": lengths[" + b + "] = " + lengths[b] + " is outside [1, " + time
            + "] (time steps of the input)");
      }
      full &= lengths[b] == time;
    }
    return full ? null : new Lengths(lengths.clone(), time);
  }

  /** The length of sequence {@code b}. */
  int length(int b) {
    return lengths[b];
  }

  /** The longest length: steps from here on change nothing and output zeros. */
  int max() {
    return max;
  }

  /** {@code [batch, 1]}, 1 where sequence b is still running at step t ({@code t < lengths[b]}); null if all are. */
  Tensor runningMask(int t, DType dtype) {
    double[] m = new double[lengths.length];
    boolean all = true;
    for (int b = 0; b < m.length; b++) {
      m[b] = t < lengths[b] ? 1 : 0;
      all &= m[b] == 1;
    }
    return all ? null : Tensor.of(m, m.length, 1).to(dtype);
  }

  /**
   * For rows of a time-major {@code [time * batch, ...]} matrix: the row to take so that each sequence
   * is reversed within its length (step t of sequence b comes from step {@code lengths[b] - 1 - t})
   * and padding stays in place. The permutation is its own inverse.
   */
  int[] reversal() {
    int batch = lengths.length;
    int[] idx = new int[time * batch];
    for (int t = 0; t < time; t++) {
      for (int b = 0; b < batch; b++) {
        int from = t < lengths[b] ? lengths[b] - 1 - t : t;
        idx[t * batch + b] = from * batch + b;
      }
    }
    return idx;
  }
}
