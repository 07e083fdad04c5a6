package dev.eddy.tensor;

import dev.eddy.tensor.kernels.BinaryOp;
import dev.eddy.tensor.kernels.Kernels;
import dev.eddy.tensor.kernels.ReduceOp;
import java.util.Arrays;

/**
 * Sums, means, maxima and minima over any set of axes, argmax/argmin, and sumTo.
 *
 * <p>A reduction over a block of neighbouring axes views the tensor as {@code [outer, r, inner]}: with
 * {@code inner == 1} each output is one contiguous run ({@link Kernels#reduce}), otherwise each output
 * row is a column-wise reduction of r rows ({@link Kernels#reduceRows}). A set of axes that is not one
 * block is reduced block by block, innermost first. Each output element is computed by one thread in
 * an order fixed by the shape, so results do not depend on the thread count.
 */
final class Reductions {
  private Reductions() {}

  /** Marks which axes are reduced; no axes means all. Rejects duplicates and out-of-range axes. */
  static boolean[] reducedAxes(String op, Shape shape, int... axes) {
    boolean[] reduced = new boolean[shape.rank()];
    if (axes.length == 0) {
      Arrays.fill(reduced, true);
      return reduced;
    }
    for (int a : axes) {
      int ax = shape.axis(op, a);
      if (reduced[ax]) {
        throw new ShapeException(op + ": axis " + a + " appears twice in " + Arrays.toString(axes)
            + " for shape " + shape);
      }
      reduced[ax] = true;
    }
    return reduced;
  }

  /** The result shape: reduced axes dropped, or kept as 1. */
  static Shape reducedShape(Shape shape, boolean[] reduced, boolean keepDims) {
    int[] d = shape.dimsUnsafe();
    int[] out = new int[shape.rank()];
    int r = 0;
    for (int i = 0; i < d.length; i++) {
      if (!reduced[i]) {
        out[r++] = d[i];
      } else if (keepDims) {
        out[r++] = 1;
      }
    }
    return Shape.ofUnsafe(Arrays.copyOf(out, r));
  }

  static Tensor reduce(String name, ReduceOp op, Tensor x, boolean keepDims, int... axes) {
    boolean[] reduced = reducedAxes(name, x.shape(), axes);
    Shape outShape = reducedShape(x.shape(), reduced, keepDims);
    if (op != ReduceOp.SUM && outShape.numel() > 0 && x.numel() == 0) {
      throw new ShapeException(name + ": cannot reduce empty axes of shape " + x.shape()
          + " (there is no identity for " + name + ")");
    }
    int[] dims = x.shape().dims();
    Tensor cur = x;
    int hi = dims.length; // axes at or beyond hi are gone (reduced to size 1)
    while (true) {
      int end = hi;
      while (end > 0 && !reduced[end - 1]) {
        end--;
      }
      if (end == 0) {
        break;
      }
      int start = end;
      while (start > 0 && reduced[start - 1]) {
        start--;
      }
      int outer = product(dims, 0, start);
      int r = product(dims, start, end);
      int inner = product(dims, end, dims.length);
      cur = reduceBlock(op, cur, outer, r, inner);
      for (int i = start; i < end; i++) {
        dims[i] = 1;
      }
      hi = start;
    }
    return (cur == x ? x.copy() : cur).view(outShape);
  }

  private static int product(int[] d, int from, int to) {
    int p = 1;
    for (int i = from; i < to; i++) {
      p *= d[i];
    }
    return p;
  }

  /** Reduces the middle axis of x viewed as {@code [outer, r, inner]}; the result has outer·inner elements. */
  static Tensor reduceBlock(ReduceOp op, Tensor x, int outer, int r, int inner) {
    Tensor out = Tensor.allocate(x.dtype(), Shape.of(outer * inner));
    if (out.numel() == 0) {
      return out;
    }
    if (r == 0) {
      return out.fillInPlace(op.identity());
    }
    Kernels k = Kernels.active();
    boolean f32 = x.dtype() == DType.F32;
    if (inner == 1) {
      Parallel.forRange(outer, Math.max(1, Elementwise.PARALLEL_CHUNK / r), (from, to) -> {
        for (int o = from; o < to; o++) {
          if (f32) {
            out.f()[o] = k.reduce(op, x.f(), o * r, r);
          } else {
            out.d()[o] = k.reduce(op, x.d(), o * r, r);
          }
        }
      });
      return out;
    }
    // Columns of one outer slice are independent, so splitting them across threads is bitwise safe.
    int minCols = Math.max(1, Elementwise.PARALLEL_CHUNK / r);
    for (int o = 0; o < outer; o++) {
      int xo = o * r * inner;
      int oo = o * inner;
      Parallel.forRange(inner, minCols, (from, to) -> {
        if (f32) {
          k.reduceRows(op, x.f(), xo + from, r, inner, out.f(), oo + from, to - from);
        } else {
          k.reduceRows(op, x.d(), xo + from, r, inner, out.d(), oo + from, to - from);
        }
      });
    }
    return out;
  }

  static Tensor mean(Tensor x, boolean keepDims, int... axes) {
    boolean[] reduced = reducedAxes("mean", x.shape(), axes);
    long count = 1;
    for (int i = 0; i < reduced.length; i++) {
      if (reduced[i]) {
        count *= x.shape().dimsUnsafe()[i];
      }
    }
    Tensor sum = reduce("mean", ReduceOp.SUM, x, keepDims, axes);
    return Elementwise.binary(BinaryOp.DIV, sum, (double) count);
  }

  static Tensor argExtreme(String name, boolean max, Tensor x, int axis, boolean keepDims) {
    int ax = x.shape().axis(name, axis);
    int[] d = x.shape().dimsUnsafe();
    int r = d[ax];
    if (r == 0) {
      throw new ShapeException(name + ": axis " + axis + " of shape " + x.shape() + " is empty");
    }
    int outer = x.shape().product(0, ax);
    int inner = x.shape().product(ax + 1, d.length);
    Shape outShape = keepDims ? x.shape().with(ax, 1) : x.shape().without(ax);
    Tensor out = Tensor.allocate(x.dtype(), outShape);
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * r * inner + i;
        int best = 0;
        double bv = x.flat(base);
        for (int j = 1; j < r && !Double.isNaN(bv); j++) {
          double v = x.flat(base + j * inner);
          if ((max ? v > bv : v < bv) || Double.isNaN(v)) {
            best = j;
            bv = v;
          }
        }
        out.setFlat(o * inner + i, best);
      }
    }
    return out;
  }

  static Tensor sumTo(Tensor x, Shape target) {
    Shape s = x.shape();
    if (!target.broadcastsTo(s)) {
      throw new ShapeException("sumTo: shape " + target + " does not broadcast to " + s
          + ", so " + s + " cannot be summed back to it");
    }
    if (target.equals(s)) {
      return x; // documented: no copy when nothing is summed
    }
    int lead = s.rank() - target.rank();
    int[] axes = new int[s.rank()];
    int n = 0;
    for (int i = 0; i < s.rank(); i++) {
      if (i < lead || (target.dimsUnsafe()[i - lead] == 1 && s.dimsUnsafe()[i] != 1)) {
        axes[n++] = i;
      }
    }
    return reduce("sumTo", ReduceOp.SUM, x, true, Arrays.copyOf(axes, n)).view(target);
  }
}
