package dev.eddy.tensor;

import dev.eddy.tensor.kernels.BinaryOp;
import dev.eddy.tensor.kernels.Kernels;

/**
 * Inclusive scans along one axis: the running sum and the running log-sum-exp.
 *
 * <p>The tensor is read as {@code [outer, n, inner]} with {@code n} the scanned axis, so no axis is
 * moved: each step combines a block of {@code inner} contiguous elements with the block of the step
 * before. The running sum adds whole blocks with the active kernels' add (vectorised when
 * {@code inner} is long, as for a {@code [time, batch, features]} scan over time). The running
 * log-sum-exp adds one element at a time in log space ({@link #logAddExp}), with {@link Math#exp}
 * and {@link Math#log} as the F64 transcendentals of every backend are.
 *
 * <p>Each output element is the same fixed sequence of operations however the columns are split
 * among threads, so results are bitwise the same for 1 or N threads.
 */
final class Scans {
  private Scans() {}

  /** A step of a scan over {@code len} columns: {@code out[o..] = combine(out[prev..], x[o..])}. */
  private interface Step {
    void apply(Tensor x, Tensor out, int prev, int cur, int len);
  }

  static Tensor cumsum(Tensor x, int axis, boolean reverse) {
    Kernels k = Kernels.active();
    boolean f32 = x.dtype() == DType.F32;
    return scan("cumsum", x, axis, reverse, (in, out, prev, cur, len) -> {
      if (f32) {
        k.binary(BinaryOp.ADD, out.f(), prev, in.f(), cur, out.f(), cur, len);
      } else {
        k.binary(BinaryOp.ADD, out.d(), prev, in.d(), cur, out.d(), cur, len);
      }
    });
  }

  static Tensor logCumSumExp(Tensor x, int axis, boolean reverse) {
    boolean f32 = x.dtype() == DType.F32;
    return scan("logCumSumExp", x, axis, reverse, (in, out, prev, cur, len) -> {
      if (f32) {
        float[] o = out.f();
        float[] v = in.f();
        for (int j = 0; j < len; j++) {
          o[cur + j] = (float) logAddExp(o[prev + j], v[cur + j]);
        }
      } else {
        double[] o = out.d();
        double[] v = in.d();
        for (int j = 0; j < len; j++) {
          o[cur + j] = logAddExp(o[prev + j], v[cur + j]);
        }
      }
    });
  }

  /**
   * {@code log(e^a + e^b)} without overflow: {@code max + log(1 + e^-|a - b|)}. Two {@code -∞} give
   * {@code -∞} (an empty sum so far), an {@code +∞} gives {@code +∞}, a NaN gives NaN.
   *
   * <p>{@code log(1 + e)} rather than {@code log1p(e)}: its absolute error is about 2^-53 (the rounding
   * of 1 + e), which is all a running log-sum needs, and {@link Math#log} is a JIT intrinsic where
   * {@link Math#log1p} is plain Java several times slower.
   */
  static double logAddExp(double a, double b) {
    double m = Math.max(a, b);
    if (m == Double.NEGATIVE_INFINITY || m == Double.POSITIVE_INFINITY) {
      return m;
    }
    return m + Math.log(1 + Math.exp(-Math.abs(a - b)));
  }

  /** Copies the first step of every column, then runs {@code step} along the axis, forward or backward. */
  private static Tensor scan(String op, Tensor x, int axis, boolean reverse, Step step) {
    int ax = x.shape().axis(op, axis);
    int[] d = x.shape().dimsUnsafe();
    int n = d[ax];
    int inner = 1;
    for (int i = ax + 1; i < d.length; i++) {
      inner *= d[i];
    }
    Tensor out = Tensor.allocate(x.dtype(), x.shape());
    if (out.numel() == 0) {
      return out;
    }
    int columns = out.numel() / n;
    int stride = inner;
    Parallel.forRange(columns, Math.max(1, Elementwise.PARALLEL_CHUNK / n), (from, to) -> {
      for (int c = from; c < to; ) {
        int o = c / stride;
        int i = c % stride;
        int len = Math.min(to - c, stride - i); // columns of this outer block in the range
        int base = o * n * stride + i;
        int first = reverse ? n - 1 : 0;
        System.arraycopy(x.data(), base + first * stride, out.data(), base + first * stride, len);
        for (int s = 1; s < n; s++) {
          int t = reverse ? n - 1 - s : s;
          int prev = reverse ? t + 1 : t - 1;
          step.apply(x, out, base + prev * stride, base + t * stride, len);
        }
        c += len;
      }
    });
    return out;
  }
}
