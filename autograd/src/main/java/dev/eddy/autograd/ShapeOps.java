package dev.eddy.autograd;

import dev.eddy.tensor.Shape;
import dev.eddy.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Differentiable reshaping and movement: the gradient of each op is the inverse movement of the
 * output gradient (reshape back, permute back, place a slice into zeros, split what was concatenated).
 * Axes may be negative, counting from the end.
 */
public final class ShapeOps {
  private ShapeOps() {}

  /** Same elements in a new shape; one dimension may be -1 (inferred). */
  public static Var reshape(Var x, int... dims) {
    int[] back = x.shape().dims();
    return Op.result("reshape", x.value().reshape(dims), g -> g.reshape(back), x);
  }

  /** Rank 1: {@code [numel]}. */
  public static Var flatten(Var x) {
    int[] back = x.shape().dims();
    return Op.result("flatten", x.value().flatten(), g -> g.reshape(back), x);
  }

  /** Removes {@code axis}, which must have size 1. */
  public static Var squeeze(Var x, int axis) {
    int[] back = x.shape().dims();
    return Op.result("squeeze", x.value().squeeze(axis), g -> g.reshape(back), x);
  }

  /** Inserts a size-1 axis at {@code axis}. */
  public static Var unsqueeze(Var x, int axis) {
    int[] back = x.shape().dims();
    return Op.result("unsqueeze", x.value().unsqueeze(axis), g -> g.reshape(back), x);
  }

  /** Swaps two axes. */
  public static Var transpose(Var x, int axisA, int axisB) {
    return Op.result("transpose", x.value().transpose(axisA, axisB), g -> g.transpose(axisA, axisB), x);
  }

  /** The transpose of a matrix {@code [m, n] -> [n, m]}. */
  public static Var t(Var x) {
    return Op.result("t", x.value().t(), Tensor::t, x);
  }

  /** Reorders the axes: axis i of the result is axis {@code order[i]} of x. */
  public static Var permute(Var x, int... order) {
    Tensor y = x.value().permute(order);
    int[] inverse = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      inverse[Shape.normalizeAxis("permute", order[i], order.length)] = i;
    }
    return Op.result("permute", y, g -> g.permute(inverse), x);
  }

  /** x broadcast to {@code dims} (NumPy rules); the gradient is summed back to x's shape. */
  public static Var broadcastTo(Var x, int... dims) {
    Shape xs = x.shape();
    return Op.result("broadcastTo", x.value().broadcastTo(dims), g -> g.sumTo(xs), x);
  }

  /** Elements {@code [start, end)} along {@code axis} (negative bounds count from the end). */
  public static Var slice(Var x, int axis, int start, int end) {
    return narrowed("slice", x, x.value().slice(axis, start, end), axis, start);
  }

  /** {@code length} elements from {@code start} along {@code axis}. */
  public static Var narrow(Var x, int axis, int start, int length) {
    return narrowed("narrow", x, x.value().narrow(axis, start, length), axis, start);
  }

  /** Records y, the part of x from {@code start} along {@code axis}; its gradient goes back into zeros of x's shape. */
  private static Var narrowed(String op, Var x, Tensor y, int axis, int start) {
    Shape xs = x.shape();
    int ax = xs.axis(op, axis);
    int from = start < 0 ? start + xs.dim(ax) : start;
    return Op.result(op, y, g -> placeInZeros(g, ax, from, xs), x);
  }

  /** The slice at {@code index} along {@code axis}, with that axis removed: {@code [b, t, f]} at axis 1 gives {@code [b, f]}. */
  public static Var select(Var x, int axis, int index) {
    Shape xs = x.shape();
    Tensor y = x.value().select(axis, index);
    int ax = xs.axis("select", axis);
    int at = index < 0 ? index + xs.dim(ax) : index;
    return Op.result("select", y, g -> placeInZeros(g.unsqueeze(ax), ax, at, xs), x);
  }

  /** Zeros of {@code whole} with {@code g} placed from {@code start} along {@code axis}. */
  private static Tensor placeInZeros(Tensor g, int axis, int start, Shape whole) {
    int after = whole.dim(axis) - start - g.dim(axis);
    List<Tensor> parts = new ArrayList<>(3);
    if (start > 0) {
      int[] d = whole.dims();
      d[axis] = start;
      parts.add(Tensor.zeros(g.dtype(), d));
    }
    parts.add(g);
    if (after > 0) {
      int[] d = whole.dims();
      d[axis] = after;
      parts.add(Tensor.zeros(g.dtype(), d));
    }
    return parts.size() == 1 ? g : Tensor.concat(axis, parts);
  }

  /** Reverses the order along {@code axis}. */
  public static Var flip(Var x, int axis) {
    return Op.result("flip", x.value().flip(axis), g -> g.flip(axis), x);
  }

  /** Joins along an existing {@code axis}; all other sizes and the dtype must agree. */
  public static Var concat(int axis, Var... xs) {
    Tensor[] values = values(xs);
    Tensor y = Tensor.concat(axis, values);
    int ax = y.shape().axis("concat", axis);
    int[] sizes = new int[xs.length];
    for (int i = 0; i < xs.length; i++) {
      sizes[i] = values[i].dim(ax);
    }
    return Op.result("concat", y, (g, needs) -> g.split(ax, sizes).toArray(Tensor[]::new), xs);
  }

  /** {@link #concat(int, Var...)} of a list, e.g. the outputs of every time step. */
  public static Var concat(int axis, List<Var> xs) {
    return concat(axis, xs.toArray(Var[]::new));
  }

  /** Joins equally shaped Vars along a new {@code axis}: T × {@code [batch, hidden]} at axis 0 gives {@code [T, batch, hidden]}. */
  public static Var stack(int axis, Var... xs) {
    Tensor y = Tensor.stack(axis, values(xs));
    int ax = y.shape().axis("stack", axis);
    return Op.result("stack", y, (g, needs) -> {
      Tensor[] grads = new Tensor[needs.length];
      for (int i = 0; i < grads.length; i++) {
        grads[i] = needs[i] ? g.select(ax, i) : null;
      }
      return grads;
    }, xs);
  }

  /** {@link #stack(int, Var...)} of a list. */
  public static Var stack(int axis, List<Var> xs) {
    return stack(axis, xs.toArray(Var[]::new));
  }

  private static Tensor[] values(Var[] xs) {
    Tensor[] values = new Tensor[xs.length];
    for (int i = 0; i < xs.length; i++) {
      values[i] = xs[i].value();
    }
    return values;
  }

  /** Cuts along {@code axis} into pieces of the given sizes, which must add up to the axis size. */
  public static List<Var> split(Var x, int axis, int... sizes) {
    List<Tensor> parts = x.value().split(axis, sizes);
    int ax = x.shape().axis("split", axis);
    return Op.results("split", parts, (gs, needs) -> new Tensor[] {Tensor.concat(ax, gs)}, x);
  }

  /**
   * Cuts along {@code axis} into {@code chunks} pieces of {@code ceil(size / chunks)} (the last may be
   * smaller): the four gates of an LSTM from {@code [batch, 4 * hidden]} are {@code chunk(gates, 4, 1)}.
   */
  public static List<Var> chunk(Var x, int chunks, int axis) {
    List<Tensor> parts = x.value().chunk(chunks, axis);
    int ax = x.shape().axis("chunk", axis);
    return Op.results("chunk", parts, (gs, needs) -> new Tensor[] {Tensor.concat(ax, gs)}, x);
  }
}
