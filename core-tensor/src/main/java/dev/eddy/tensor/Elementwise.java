package dev.eddy.tensor;

import dev.eddy.tensor.kernels.BinaryOp;
import dev.eddy.tensor.kernels.Kernels;
import dev.eddy.tensor.kernels.UnaryOp;
import java.util.Arrays;

/**
 * Elementwise ops: broadcasting binary ops, unary ops, where, and the in-place updates. Same-shape
 * and tensor-vs-scalar cases go straight to one kernel call per thread chunk; everything else walks
 * a {@link RunLoop} and calls the run ⊕ run, run ⊕ scalar or scalar ⊕ run kernel per run.
 */
final class Elementwise {
  private Elementwise() {}

  /** Elements per thread chunk: below about this, splitting costs more than it saves. */
  static final int PARALLEL_CHUNK = 1 << 15;

  static void checkDTypes(String op, Tensor a, Tensor b) {
    if (a.dtype() != b.dtype()) {
      throw new ShapeException(op + ": dtypes " + a.dtype() + " " + a.shape() + " and " + b.dtype() + " "
          + b.shape() + " differ; convert one with to(DType)");
    }
  }

  /** Same dtype and same shape, for ops that do not broadcast. */
  static void checkSame(String op, Tensor self, Tensor x) {
    checkDTypes(op, self, x);
    if (!self.shape().equals(x.shape())) {
      throw new ShapeException(op + ": shape " + x.shape() + " differs from the target's " + self.shape());
    }
  }

  static Tensor binary(String name, BinaryOp op, Tensor a, Tensor b) {
    checkDTypes(name, a, b);
    Tensor out = Tensor.allocate(a.dtype(), Shape.broadcast(name, a.shape(), b.shape()));
    binaryInto(op, a, b, out);
    return out;
  }

  /** {@code a op s}, with {@code s} in a's dtype. */
  static Tensor binary(BinaryOp op, Tensor a, double s) {
    Tensor out = Tensor.allocate(a.dtype(), a.shape());
    binaryInto(op, a, Tensor.scalar(a.dtype(), s), out);
    return out;
  }

  /** {@code s op b}, with {@code s} in b's dtype. */
  static Tensor binary(BinaryOp op, double s, Tensor b) {
    Tensor out = Tensor.allocate(b.dtype(), b.shape());
    binaryInto(op, Tensor.scalar(b.dtype(), s), b, out);
    return out;
  }

  /** {@code out = a op b} where a and b broadcast to out's shape (out may be a). */
  static void binaryInto(BinaryOp op, Tensor a, Tensor b, Tensor out) {
    Kernels k = Kernels.active();
    Shape s = out.shape();
    if (a.shape().equals(s) && b.shape().equals(s)) {
      Parallel.forRange(s.numel(), PARALLEL_CHUNK, (from, to) -> runRun(k, op, a, from, b, from, out, from, to - from));
      return;
    }
    if (a.shape().equals(s) && b.numel() == 1) {
      double v = b.flat(0);
      Parallel.forRange(s.numel(), PARALLEL_CHUNK, (from, to) -> runScalar(k, op, a, from, v, out, from, to - from));
      return;
    }
    if (b.shape().equals(s) && a.numel() == 1) {
      double v = a.flat(0);
      Parallel.forRange(s.numel(), PARALLEL_CHUNK, (from, to) -> scalarRun(k, op, v, b, from, out, from, to - from));
      return;
    }
    if (a.shape().equals(s) && isTrailingBlock(b.shape(), s)) { // [B, N] op [N]: the bias row
      int len = b.numel();
      Parallel.forRange(s.numel() / len, Math.max(1, PARALLEL_CHUNK / len), (from, to) -> {
        for (int r = from; r < to; r++) {
          runRun(k, op, a, r * len, b, 0, out, r * len, len);
        }
      });
      return;
    }
    if (b.shape().equals(s) && isTrailingBlock(a.shape(), s)) { // [N] op [B, N]
      int len = a.numel();
      Parallel.forRange(s.numel() / len, Math.max(1, PARALLEL_CHUNK / len), (from, to) -> {
        for (int r = from; r < to; r++) {
          runRun(k, op, a, 0, b, r * len, out, r * len, len);
        }
      });
      return;
    }
    RunLoop loop = RunLoop.broadcast(s, a.shape(), b.shape());
    int sa = loop.innerStride(1);
    int sb = loop.innerStride(2);
    loop.forEach((offs, n) -> {
      if (sa != 0 && sb != 0) {
        runRun(k, op, a, offs[1], b, offs[2], out, offs[0], n);
      } else if (sa != 0) {
        runScalar(k, op, a, offs[1], b.flat(offs[2]), out, offs[0], n);
      } else if (sb != 0) {
        scalarRun(k, op, a.flat(offs[1]), b, offs[2], out, offs[0], n);
      } else { // both broadcast along the run: one value, repeated
        runScalar(k, op, a, offs[1], b.flat(offs[2]), out, offs[0], 1);
        fill(out, offs[0] + 1, n - 1, out.flat(offs[0]));
      }
    });
  }

  /** Whether {@code part}, leading 1s aside, is a non-empty suffix of {@code whole}'s dims: one contiguous block repeated. */
  private static boolean isTrailingBlock(Shape part, Shape whole) {
    int[] p = part.dimsUnsafe();
    int[] w = whole.dimsUnsafe();
    int lead = 0;
    while (lead < p.length && p[lead] == 1) {
      lead++;
    }
    int k = p.length - lead;
    if (k == 0 || part.numel() == 0 || k > w.length) { // k == 0: a single value, handled as a scalar
      return false;
    }
    for (int i = 0; i < k; i++) {
      if (p[lead + i] != w[w.length - k + i]) {
        return false;
      }
    }
    return true;
  }

  private static void runRun(Kernels k, BinaryOp op, Tensor a, int ao, Tensor b, int bo, Tensor out, int oo, int n) {
    if (out.dtype() == DType.F32) {
      k.binary(op, a.f(), ao, b.f(), bo, out.f(), oo, n);
    } else {
      k.binary(op, a.d(), ao, b.d(), bo, out.d(), oo, n);
    }
  }

  private static void runScalar(Kernels k, BinaryOp op, Tensor a, int ao, double s, Tensor out, int oo, int n) {
    if (out.dtype() == DType.F32) {
      k.binary(op, a.f(), ao, (float) s, out.f(), oo, n);
    } else {
      k.binary(op, a.d(), ao, s, out.d(), oo, n);
    }
  }

  private static void scalarRun(Kernels k, BinaryOp op, double s, Tensor b, int bo, Tensor out, int oo, int n) {
    if (out.dtype() == DType.F32) {
      k.binary(op, (float) s, b.f(), bo, out.f(), oo, n);
    } else {
      k.binary(op, s, b.d(), bo, out.d(), oo, n);
    }
  }

  private static void fill(Tensor t, int from, int n, double v) {
    if (t.dtype() == DType.F32) {
      Arrays.fill(t.f(), from, from + n, (float) v);
    } else {
      Arrays.fill(t.d(), from, from + n, v);
    }
  }

  static Tensor unary(UnaryOp op, Tensor x) {
    Tensor out = Tensor.allocate(x.dtype(), x.shape());
    Kernels k = Kernels.active();
    Parallel.forRange(x.numel(), PARALLEL_CHUNK, (from, to) -> {
      if (x.dtype() == DType.F32) {
        k.unary(op, x.f(), from, out.f(), from, to - from);
      } else {
        k.unary(op, x.d(), from, out.d(), from, to - from);
      }
    });
    return out;
  }

  static Tensor clamp(Tensor x, double lo, double hi) {
    if (!(lo <= hi)) {
      throw new IllegalArgumentException("clamp: lo " + lo + " is not <= hi " + hi);
    }
    Tensor out = Tensor.allocate(x.dtype(), x.shape());
    Kernels k = Kernels.active();
    Parallel.forRange(x.numel(), PARALLEL_CHUNK, (from, to) -> {
      if (x.dtype() == DType.F32) {
        k.clamp(x.f(), from, (float) lo, (float) hi, out.f(), from, to - from);
      } else {
        k.clamp(x.d(), from, lo, hi, out.d(), from, to - from);
      }
    });
    return out;
  }

  static Tensor where(Tensor cond, Tensor a, Tensor b) {
    checkDTypes("where", a, b);
    Shape s = Shape.broadcast("where", Shape.broadcast("where", cond.shape(), a.shape()), b.shape());
    Tensor c = cond.to(a.dtype());
    Tensor out = Tensor.allocate(a.dtype(), s);
    RunLoop loop = RunLoop.broadcast(s, c.shape(), a.shape(), b.shape());
    int sc = loop.innerStride(1);
    int sa = loop.innerStride(2);
    int sb = loop.innerStride(3);
    loop.forEach((offs, n) -> {
      if (out.dtype() == DType.F32) {
        float[] cv = c.f();
        float[] av = a.f();
        float[] bv = b.f();
        float[] o = out.f();
        for (int i = 0; i < n; i++) {
          o[offs[0] + i] = cv[offs[1] + i * sc] != 0 ? av[offs[2] + i * sa] : bv[offs[3] + i * sb];
        }
      } else {
        double[] cv = c.d();
        double[] av = a.d();
        double[] bv = b.d();
        double[] o = out.d();
        for (int i = 0; i < n; i++) {
          o[offs[0] + i] = cv[offs[1] + i * sc] != 0 ? av[offs[2] + i * sa] : bv[offs[3] + i * sb];
        }
      }
    });
    return out;
  }

  static void addInPlace(Tensor self, Tensor x) {
    checkDTypes("addInPlace", self, x);
    if (!x.shape().broadcastsTo(self.shape())) {
      throw new ShapeException("addInPlace: shape " + x.shape() + " does not broadcast onto " + self.shape());
    }
    binaryInto(BinaryOp.ADD, self, x, self);
  }

  static void addScaledInPlace(Tensor self, double alpha, Tensor x) {
    checkSame("addScaledInPlace", self, x);
    Kernels k = Kernels.active();
    Parallel.forRange(self.numel(), PARALLEL_CHUNK, (from, to) -> {
      if (self.dtype() == DType.F32) {
        k.axpy((float) alpha, x.f(), from, self.f(), from, to - from);
      } else {
        k.axpy(alpha, x.d(), from, self.d(), from, to - from);
      }
    });
  }

  static void scaleInPlace(Tensor self, double s) {
    binaryInto(BinaryOp.MUL, self, Tensor.scalar(self.dtype(), s), self);
  }
}
