package dev.eddy.nn.attention;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;

/** Source masks for {@link Attention}: {@code [batch, source]}, 1 on real positions, 0 on padding. */
public final class SourceMask {
  private SourceMask() {}

  /**
   * The mask of a padded batch whose sequence {@code b} fills the first {@code lengths[b]} of
   * {@code source} positions; every length must be in {@code [1, source]}, since a query needs at
   * least one position to attend to.
   */
  public static Tensor fromLengths(int[] lengths, int source) {
    if (source < 1) {
      throw new IllegalArgumentException("SourceMask: the source length must be at least 1, got " + source);
    }
    double[] mask = new double[lengths.length * source];
    for (int b = 0; b < lengths.length; b++) {
      if (lengths[b] < 1 || lengths[b] > source) {
        throw new IllegalArgumentException("SourceMask: length " + lengths[b] + " of sequence " + b
            + " is not in [1, " + source + "]; attention needs at least one real position");
      }
      for (int t = 0; t < lengths[b]; t++) {
        mask[b * source + t] = 1;
      }
    }
    return Tensor.wrap(mask, lengths.length, source).to(DType.F32);
  }
}
