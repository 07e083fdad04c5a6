package dev.eddy.tensor;

import dev.eddy.tensor.kernels.BinaryOp;
import dev.eddy.tensor.kernels.Kernels;

/**
 * Index-driven ops and their adjoints: indexSelect / indexAdd (whole slices along an axis, e.g.
 * embedding rows) and gather / scatterAdd (one element per index, torch semantics). Indices are
 * integral values in {@code [0, size)}; anything else is an error naming the op, the index and the
 * axis size.
 */
final class Indexing {
  private Indexing() {}

  /** Checks one index against the axis size. */
  private static int checkIndex(String op, double v, int axis, int size, Shape shape) {
    if (v != Math.rint(v)) {
      throw new ShapeException(op + ": index " + v + " is not an integer");
    }
    if (v < 0 || v >= size) {
      throw new ShapeException(op + ": index " + (long) v + " is out of range for axis " + axis + " of size "
          + size + " (shape " + shape + ")");
    }
    return (int) v;
  }

  private static int[] checkedIndices(String op, Tensor indices, int axis, int size, Shape shape) {
    int[] out = new int[indices.numel()];
    for (int i = 0; i < out.length; i++) {
      out[i] = checkIndex(op, indices.flat(i), axis, size, shape);
    }
    return out;
  }

  private static int[] checkedIndices(String op, int[] indices, int axis, int size, Shape shape) {
    for (int i : indices) {
      checkIndex(op, i, axis, size, shape);
    }
    return indices;
  }

  static Tensor indexSelect(Tensor x, int axis, int[] indices) {
    int ax = x.shape().axis("indexSelect", axis);
    int d = x.shape().dimsUnsafe()[ax];
    return select(x, ax, checkedIndices("indexSelect", indices, axis, d, x.shape()), x.shape().with(ax, indices.length));
  }

  static Tensor indexSelect(Tensor x, int axis, Tensor indices) {
    int ax = x.shape().axis("indexSelect", axis);
    int d = x.shape().dimsUnsafe()[ax];
    int[] idx = checkedIndices("indexSelect", indices, axis, d, x.shape());
    return select(x, ax, idx, replaceAxis(x.shape(), ax, indices.shape()));
  }

  /** {@code shape} with axis {@code ax} replaced by the axes of {@code by}. */
  private static Shape replaceAxis(Shape shape, int ax, Shape by) {
    int[] d = shape.dimsUnsafe();
    int[] out = new int[d.length - 1 + by.rank()];
    System.arraycopy(d, 0, out, 0, ax);
    System.arraycopy(by.dimsUnsafe(), 0, out, ax, by.rank());
    System.arraycopy(d, ax + 1, out, ax + by.rank(), d.length - ax - 1);
    return Shape.ofUnsafe(out);
  }

  private static Tensor select(Tensor x, int ax, int[] idx, Shape outShape) {
    int d = x.shape().dimsUnsafe()[ax];
    int outer = x.shape().product(0, ax);
    int inner = x.shape().product(ax + 1, x.rank());
    Tensor out = Tensor.allocate(x.dtype(), outShape);
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < idx.length; j++) {
        System.arraycopy(x.data(), (o * d + idx[j]) * inner, out.data(), (o * idx.length + j) * inner, inner);
      }
    }
    return out;
  }

  static Tensor indexAdd(Tensor x, int axis, int[] indices, Tensor src) {
    int ax = x.shape().axis("indexAdd", axis);
    int d = x.shape().dimsUnsafe()[ax];
    return add(x, ax, checkedIndices("indexAdd", indices, axis, d, x.shape()), src,
        x.shape().with(ax, indices.length));
  }

  static Tensor indexAdd(Tensor x, int axis, Tensor indices, Tensor src) {
    int ax = x.shape().axis("indexAdd", axis);
    int d = x.shape().dimsUnsafe()[ax];
    int[] idx = checkedIndices("indexAdd", indices, axis, d, x.shape());
    return add(x, ax, idx, src, replaceAxis(x.shape(), ax, indices.shape()));
  }

  private static Tensor add(Tensor x, int ax, int[] idx, Tensor src, Shape srcShape) {
    Elementwise.checkDTypes("indexAdd", x, src);
    if (!src.shape().equals(srcShape)) {
      throw new ShapeException("indexAdd: source shape " + src.shape() + " does not match " + srcShape
          + " (the target " + x.shape() + " with axis " + ax + " indexed)");
    }
    int d = x.shape().dimsUnsafe()[ax];
    int outer = x.shape().product(0, ax);
    int inner = x.shape().product(ax + 1, x.rank());
    Tensor out = x.copy();
    Kernels k = Kernels.active();
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < idx.length; j++) {
        int to = (o * d + idx[j]) * inner;
        int from = (o * idx.length + j) * inner;
        if (x.dtype() == DType.F32) {
          k.binary(BinaryOp.ADD, out.f(), to, src.f(), from, out.f(), to, inner);
        } else {
          k.binary(BinaryOp.ADD, out.d(), to, src.d(), from, out.d(), to, inner);
        }
      }
    }
    return out;
  }

  /** Checks the torch rules for gather/scatterAdd: same rank, index no larger than x off the axis. */
  private static int checkIndexShape(String op, Tensor x, int axis, Tensor index) {
    int ax = x.shape().axis(op, axis);
    boolean ok = index.rank() == x.rank();
    for (int i = 0; ok && i < x.rank(); i++) {
      ok = i == ax || index.shape().dimsUnsafe()[i] <= x.shape().dimsUnsafe()[i];
    }
    if (!ok) {
      throw new ShapeException(op + ": index shape " + index.shape() + " does not fit " + x.shape()
          + " (same rank, and no larger except along axis " + axis + ")");
    }
    return ax;
  }

  /** Walks the index shape; operand 1 is x without the axis term, operand 2 the index, operand 3 (optional) src. */
  private static RunLoop indexWalk(Tensor x, int ax, Tensor index, Tensor src) {
    int[] xs = x.shape().strides().clone();
    xs[ax] = 0;
    int[] is = index.shape().strides();
    int[][] strides = src == null
        ? new int[][] {is, xs, is}
        : new int[][] {is, xs, is, src.shape().strides()};
    return RunLoop.strided(index.shape().dimsUnsafe(), strides, new int[strides.length]);
  }

  static Tensor gather(Tensor x, int axis, Tensor index) {
    int ax = checkIndexShape("gather", x, axis, index);
    int d = x.shape().dimsUnsafe()[ax];
    int axisStride = x.shape().strides()[ax];
    int[] idx = checkedIndices("gather", index, axis, d, x.shape());
    Tensor out = Tensor.allocate(x.dtype(), index.shape());
    RunLoop loop = indexWalk(x, ax, index, null);
    int sx = loop.innerStride(1);
    int si = loop.innerStride(2);
    loop.walk(0, loop.numel(), (offs, n) -> {
      for (int t = 0; t < n; t++) {
        out.setFlat(offs[0] + t, x.flat(offs[1] + t * sx + idx[offs[2] + t * si] * axisStride));
      }
    });
    return out;
  }

  static Tensor scatterAdd(Tensor x, int axis, Tensor index, Tensor src) {
    int ax = checkIndexShape("scatterAdd", x, axis, index);
    Elementwise.checkDTypes("scatterAdd", x, src);
    boolean fits = src.rank() == index.rank();
    for (int i = 0; fits && i < src.rank(); i++) {
      fits = index.shape().dimsUnsafe()[i] <= src.shape().dimsUnsafe()[i];
    }
    if (!fits) {
      throw new ShapeException("scatterAdd: index shape " + index.shape() + " is larger than source shape "
          + src.shape());
    }
    int d = x.shape().dimsUnsafe()[ax];
    int axisStride = x.shape().strides()[ax];
    int[] idx = checkedIndices("scatterAdd", index, axis, d, x.shape());
    Tensor out = x.copy();
    RunLoop loop = indexWalk(x, ax, index, src);
    int sx = loop.innerStride(1);
    int si = loop.innerStride(2);
    int ss = loop.innerStride(3);
    // Sequential on purpose: repeated indices accumulate in index order.
    loop.walk(0, loop.numel(), (offs, n) -> {
      for (int t = 0; t < n; t++) {
        int at = offs[1] + t * sx + idx[offs[2] + t * si] * axisStride;
        out.setFlat(at, out.flat(at) + src.flat(offs[3] + t * ss));
      }
    });
    return out;
  }
}
