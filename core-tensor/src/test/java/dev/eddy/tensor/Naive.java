package dev.eddy.tensor;

import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;

/** Independent, slow reference computations by multi-index arithmetic, and random test data. */
final class Naive {
  private Naive() {}

  /** Row-major multi-index of flat position {@code flat} in {@code dims}. */
  static int[] unravel(int flat, int[] dims) {
    int[] idx = new int[dims.length];
    for (int i = dims.length - 1; i >= 0; i--) {
      idx[i] = flat % dims[i];
      flat /= dims[i];
    }
    return idx;
  }

  /** The element of {@code t} that broadcasts to output position {@code outIdx}. */
  static double broadcastGet(Tensor t, int[] outIdx) {
    int[] d = t.shape().dims();
    int[] idx = new int[d.length];
    int lead = outIdx.length - d.length;
    for (int i = 0; i < d.length; i++) {
      idx[i] = d[i] == 1 ? 0 : outIdx[lead + i];
    }
    return t.get(idx);
  }

  static Tensor binary(Tensor a, Tensor b, DoubleBinaryOperator f) {
    Shape s = Shape.broadcast("naive", a.shape(), b.shape());
    double[] out = new double[s.numel()];
    for (int i = 0; i < out.length; i++) {
      int[] idx = unravel(i, s.dims());
      out[i] = f.applyAsDouble(broadcastGet(a, idx), broadcastGet(b, idx));
    }
    return Tensor.wrap(out, s.dims()).to(a.dtype());
  }

  /** Random dims: rank in [0, maxRank], each size in [1, maxDim]. */
  static int[] dims(SplittableRandom r, int maxRank, int maxDim) {
    int[] d = new int[r.nextInt(maxRank + 1)];
    for (int i = 0; i < d.length; i++) {
      d[i] = 1 + r.nextInt(maxDim);
    }
    return d;
  }

  /** A shape that broadcasts with {@code dims}: a random suffix with some sizes set to 1. */
  static int[] broadcastPartner(SplittableRandom r, int[] dims) {
    return broadcastPartner(r, dims, true);
  }

  /** Like {@link #broadcastPartner(SplittableRandom, int[])}; never longer than dims unless allowed. */
  static int[] broadcastPartner(SplittableRandom r, int[] dims, boolean mayGrow) {
    int rank = r.nextInt(dims.length + 1);
    int[] d = new int[rank];
    for (int i = 0; i < rank; i++) {
      d[i] = r.nextInt(3) == 0 ? 1 : dims[dims.length - rank + i];
    }
    if (mayGrow && r.nextBoolean()) { // sometimes more leading axes than the partner
      int[] longer = new int[d.length + 1];
      longer[0] = 1 + r.nextInt(3);
      System.arraycopy(d, 0, longer, 1, d.length);
      return longer.length > dims.length ? longer : d;
    }
    return d;
  }

  static Tensor random(SplittableRandom r, DType dtype, int... dims) {
    return Tensor.uniform(r, dtype, -2, 2, dims);
  }

  /** Σ a·b in double. */
  static double inner(Tensor a, Tensor b) {
    double s = 0;
    for (int i = 0; i < a.numel(); i++) {
      s += a.flat(i) * b.flat(i);
    }
    return s;
  }
}
