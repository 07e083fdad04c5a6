package dev.eddy.tensor.kernels;

/** Reductions over runs of elements. {@code MAX}/{@code MIN} propagate NaN like {@link Math#max}. */
public enum ReduceOp {
  SUM, MAX, MIN;

  /** The value of the reduction over no elements: 0 for SUM, -inf for MAX, +inf for MIN. */
  public double identity() {
    return switch (this) {
      case SUM -> 0.0;
      case MAX -> Double.NEGATIVE_INFINITY;
      case MIN -> Double.POSITIVE_INFINITY;
    };
  }
}
