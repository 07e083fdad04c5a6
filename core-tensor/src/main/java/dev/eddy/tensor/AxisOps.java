package dev.eddy.tensor;

import dev.eddy.tensor.kernels.Kernels;

/**
 * Softmax, log-softmax and log-sum-exp along one axis. The kernels work on contiguous rows, so an
 * axis other than the last is first moved to the end (a copy) and, for softmax, moved back.
 */
final class AxisOps {
  private AxisOps() {}

  static Tensor softmax(Tensor x, int axis, boolean log) {
    String name = log ? "logSoftmax" : "softmax";
    int ax = x.shape().axis(name, axis);
    int last = x.rank() - 1;
    Tensor rows = Movement.moveAxis(x, ax, last);
    Tensor out = Tensor.allocate(x.dtype(), rows.shape());
    int n = x.shape().dimsUnsafe()[ax];
    if (out.numel() > 0) {
      Kernels k = Kernels.active();
      boolean f32 = x.dtype() == DType.F32;
      Parallel.forRange(out.numel() / n, Math.max(1, Elementwise.PARALLEL_CHUNK / n), (from, to) -> {
        for (int r = from; r < to; r++) {
          if (f32 && log) {
            k.logSoftmax(rows.f(), r * n, out.f(), r * n, n);
          } else if (f32) {
            k.softmax(rows.f(), r * n, out.f(), r * n, n);
          } else if (log) {
            k.logSoftmax(rows.d(), r * n, out.d(), r * n, n);
          } else {
            k.softmax(rows.d(), r * n, out.d(), r * n, n);
          }
        }
      });
    }
    return Movement.moveAxis(out, last, ax);
  }

  static Tensor logSumExp(Tensor x, int axis, boolean keepDims) {
    int ax = x.shape().axis("logSumExp", axis);
    Tensor rows = Movement.moveAxis(x, ax, x.rank() - 1);
    int n = x.shape().dimsUnsafe()[ax];
    Tensor out = Tensor.allocate(x.dtype(), keepDims ? x.shape().with(ax, 1) : x.shape().without(ax));
    if (n == 0) {
      return out.fillInPlace(Double.NEGATIVE_INFINITY); // log of an empty sum
    }
    Kernels k = Kernels.active();
    boolean f32 = x.dtype() == DType.F32;
    Parallel.forRange(out.numel(), Math.max(1, Elementwise.PARALLEL_CHUNK / n), (from, to) -> {
      for (int r = from; r < to; r++) {
        if (f32) {
          out.f()[r] = k.logSumExp(rows.f(), r * n, n);
        } else {
          out.d()[r] = k.logSumExp(rows.d(), r * n, n);
        }
      }
    });
    return out;
  }
}
