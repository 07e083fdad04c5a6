package dev.eddy.nn.golden;

import dev.eddy.tensor.Tensor;

/**
 * The error of one computed tensor against its reference, element by element:
 *
 * <pre>
 * rel_err(a, b) = |a - b| / max(|b|, scale),   scale = RMS of the whole reference tensor
 * </pre>
 *
 * <p>Plain relative error {@code |a - b| / |b|} explodes where the reference is near zero (a gradient
 * element that happens to cancel to 1e-17), although nothing is wrong there: the rounding error of a
 * value is set by the size of the terms it was computed from, not by the result. The RMS of the
 * tensor stands in for that size, so an element well below the tensor's typical magnitude is judged
 * on the tensor's scale, and every other element on its own. (The scale is floored at the smallest
 * normal double, so an all-zero reference demands an exact zero.) Any two computations of the same
 * tensors can be compared this way, e.g. hand-written backpropagation against autograd.
 *
 * @param tensor what was compared ({@code output}, {@code grad weight_hh_l0})
 * @param max the worst error
 * @param at the flat index of the worst element (-1 for a shape mismatch)
 * @param actual the computed value at {@code at}
 * @param expected the reference value at {@code at}
 * @param shapeProblem what differs when the shapes do not match, else null
 */
public record RelativeError(String tensor, double max, int at, double actual, double expected, String shapeProblem) {

  /** Compares {@code actual} with the reference {@code expected}; {@code tensor} names them in messages. */
  public static RelativeError of(String tensor, Tensor actual, Tensor expected) {
    if (!actual.shape().equals(expected.shape())) {
      return new RelativeError(tensor, Double.POSITIVE_INFINITY, -1, Double.NaN, Double.NaN,
          "shape " + actual.shape() + ", expected " + expected.shape());
    }
    double[] a = actual.toDoubleArray();
    double[] b = expected.toDoubleArray();
    double sumSquares = 0;
    for (double v : b) {
      sumSquares += v * v;
    }
    double scale = Math.max(Math.sqrt(sumSquares / Math.max(1, b.length)), Double.MIN_NORMAL);
    double worst = 0;
    int at = b.length == 0 ? -1 : 0;
    for (int i = 0; i < b.length; i++) {
      double err = Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), scale);
      if (Double.isNaN(err)) {
        err = Double.POSITIVE_INFINITY;
      }
      if (err > worst) {
        worst = err;
        at = i;
      }
    }
    return at < 0 ? new RelativeError(tensor, 0, -1, 0, 0, null)
        : new RelativeError(tensor, worst, at, a[at], b[at], null);
  }

  /** What differs, with the position in the tensor's shape. */
  String describe(int[] dims, double tolerance) {
    if (shapeProblem != null) {
      return tensor + ": " + shapeProblem;
    }
    int[] index = new int[dims.length];
    int rest = at;
    for (int d = dims.length - 1; d >= 0; d--) {
      index[d] = rest % dims[d];
      rest /= dims[d];
    }
    return String.format("%s %s: got %.17g, expected %.17g (rel_err %.2e > %.0e)", tensor,
        java.util.Arrays.toString(index), actual, expected, max, tolerance);
  }
}
