package dev.eddy.autograd;

import dev.eddy.tensor.Shape;
import dev.eddy.tensor.Tensor;
import java.util.Arrays;

/**
 * Differentiable reductions over all axes or a set of axes: {@code [batch, time, features]} summed
 * over axis 1 is {@code [batch, features]}, or {@code [batch, 1, features]} with {@code keepDims}.
 * The gradient is broadcast back over the reduced axes. The running forms along one axis,
 * {@link #cumsum} and {@link #logCumSumExp}, keep every prefix instead of only the whole.
 *
 * <p>{@link #max} and {@link #min} split the gradient evenly among tied extremes (so the gradient of
 * a slice's maximum always sums to the incoming gradient, wherever ties are), the same rule as
 * {@link ElementwiseOps#maximum}.
 */
public final class ReductionOps {
  private ReductionOps() {}

  /** The sum of all elements, a scalar. */
  public static Var sum(Var x) {
    Shape xs = x.shape();
    return Op.result("sum", x.value().sum(), g -> g.broadcastTo(xs.dims()), x);
  }

  /** The sum over {@code axes} (all if none), reduced axes dropped or kept as size 1. */
  public static Var sum(Var x, boolean keepDims, int... axes) {
    Shape xs = x.shape();
    Tensor y = x.value().sum(keepDims, axes);
    int[] kept = keptDims(xs, axes);
    return Op.result("sum", y, g -> g.reshape(kept).broadcastTo(xs.dims()), x);
  }

  /** The mean of all elements, a scalar. */
  public static Var mean(Var x) {
    Shape xs = x.shape();
    double scale = 1.0 / xs.numel();
    return Op.result("mean", x.value().mean(), g -> g.mul(scale).broadcastTo(xs.dims()), x);
  }

  /** The mean over {@code axes} (all if none), like {@link #sum(Var, boolean, int...)}. */
  public static Var mean(Var x, boolean keepDims, int... axes) {
    Shape xs = x.shape();
    Tensor y = x.value().mean(keepDims, axes);
    int[] kept = keptDims(xs, axes);
    double scale = (double) Shape.of(kept).numel() / xs.numel();
    return Op.result("mean", y, g -> g.mul(scale).reshape(kept).broadcastTo(xs.dims()), x);
  }

  /** The largest element, a scalar; tied maxima share the gradient. */
  public static Var max(Var x) {
    return extreme("max", x, x.value().max(), new int[0]);
  }

  /** The maximum over {@code axes} (all if none); tied maxima share the gradient. */
  public static Var max(Var x, boolean keepDims, int... axes) {
    return extreme("max", x, x.value().max(keepDims, axes), axes);
  }

  /** The smallest element, a scalar; tied minima share the gradient. */
  public static Var min(Var x) {
    return extreme("min", x, x.value().min(), new int[0]);
  }

  /** The minimum over {@code axes} (all if none); tied minima share the gradient. */
  public static Var min(Var x, boolean keepDims, int... axes) {
    return extreme("min", x, x.value().min(keepDims, axes), axes);
  }

  private static Var extreme(String op, Var x, Tensor y, int[] axes) {
    Tensor xv = x.value();
    int[] kept = keptDims(xv.shape(), axes);
    return Op.result(op, y, g -> {
      Tensor hit = xv.eq(y.reshape(kept));
      Tensor share = g.reshape(kept).div(hit.sum(true, axes));
      return hit.mul(share);
    }, x);
  }

  /** {@code log Σ exp(x)} along {@code axis}, stable; its gradient is the softmax along that axis. */
  public static Var logSumExp(Var x, int axis, boolean keepDims) {
    Tensor xv = x.value();
    Tensor y = xv.logSumExp(axis, keepDims);
    int[] kept = keptDims(xv.shape(), new int[] {axis});
    return Op.result("logSumExp", y, g -> g.reshape(kept).mul(xv.sub(y.reshape(kept)).exp()), x);
  }

  /**
   * The running sum along {@code axis}, same shape ({@link Tensor#cumsum}): step t of a
   * {@code [time, batch, features]} input summed over axis 0 holds steps 0..t. Its gradient is the
   * running sum of the incoming gradient taken from the other end.
   */
  public static Var cumsum(Var x, int axis) {
    return Op.result("cumsum", x.value().cumsum(axis), g -> g.cumsum(axis, true), x);
  }

  /**
   * The running {@code log Σ exp} along {@code axis}, same shape ({@link Tensor#logCumSumExp}), stable.
   *
   * <p>Its gradient {@code dx_s = Σ_{t ≥ s} g_t e^(x_s - y_t)} is summed in log space, as PyTorch and
   * TensorFlow do: the positive and the negative parts of {@code g} each go through a reversed
   * log-cum-sum-exp of {@code log|g_t| - y_t}, so no {@code e^x} or {@code e^-y} is ever formed and
   * neither overflows. A step whose {@code y_t} is {@code -∞} (nothing but {@code -∞} so far) passes
   * no gradient.
   */
  public static Var logCumSumExp(Var x, int axis) {
    Tensor xv = x.value();
    Tensor y = xv.logCumSumExp(axis);
    return Op.result("logCumSumExp", y, g -> {
      Tensor none = Tensor.fullLike(g, Double.NEGATIVE_INFINITY);
      // -∞ - (+∞) = -∞: a step with y_t = -∞ contributes nothing instead of NaN
      Tensor safeY = Tensor.where(y.eq(Double.NEGATIVE_INFINITY), Tensor.fullLike(y, Double.POSITIVE_INFINITY), y);
      Tensor logAbs = g.abs().log();
      Tensor positive = Tensor.where(g.gt(0), logAbs, none).sub(safeY).logCumSumExp(axis, true).add(xv).exp();
      Tensor negative = Tensor.where(g.lt(0), logAbs, none).sub(safeY).logCumSumExp(axis, true).add(xv).exp();
      return positive.sub(negative);
    }, x);
  }

  /** The dimensions of {@code shape} with the reduced {@code axes} (all if none) set to 1; axes already checked. */
  static int[] keptDims(Shape shape, int[] axes) {
    int[] kept = shape.dims();
    if (axes.length == 0) {
      Arrays.fill(kept, 1);
    }
    for (int a : axes) {
      kept[shape.axis("reduce", a)] = 1;
    }
    return kept;
  }
}
