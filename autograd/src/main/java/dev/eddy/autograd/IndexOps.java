package dev.eddy.autograd;

import dev.eddy.tensor.Shape;
import dev.eddy.tensor.Tensor;

/**
 * Differentiable gathering and scattering by integer indices. The gradient of a selection is added
 * back at the selected places, so repeated indices accumulate: an embedding row looked up three
 * times in a batch receives the sum of three gradients. Index tensors hold integral values (of any
 * dtype) and are never differentiated.
 */
public final class IndexOps {
  private IndexOps() {}

  /** Rows at {@code indices} along {@code axis}, in that order (repeats allowed). */
  public static Var indexSelect(Var x, int axis, int[] indices) {
    Tensor xv = x.value();
    int[] idx = indices.clone();
    return Op.result("indexSelect", xv.indexSelect(axis, idx), g -> Tensor.zerosLike(xv).indexAdd(axis, idx, g), x);
  }

  /**
   * Like {@link #indexSelect(Var, int, int[])} with an index tensor of any shape, which replaces the
   * axis: an embedding table {@code [vocab, dim]} at axis 0 with token ids {@code [batch, time]} gives
   * {@code [batch, time, dim]}.
   */
  public static Var indexSelect(Var x, int axis, Tensor indices) {
    Tensor xv = x.value();
    return Op.result("indexSelect", xv.indexSelect(axis, indices),
        g -> Tensor.zerosLike(xv).indexAdd(axis, indices, g), x);
  }

  /**
   * {@code torch.gather}: along axis 1, {@code out[i][j][k] = x[i][index[i][j][k]][k]}; {@code index}
   * has x's rank and the result has its shape.
   */
  public static Var gather(Var x, int axis, Tensor index) {
    Tensor xv = x.value();
    return Op.result("gather", xv.gather(axis, index), g -> Tensor.zerosLike(xv).scatterAdd(axis, index, g), x);
  }

  /** {@code x} plus {@code src} added at {@code indices} along {@code axis}; the adjoint of indexSelect. */
  public static Var indexAdd(Var x, int axis, int[] indices, Var src) {
    int[] idx = indices.clone();
    Shape xs = x.shape();
    return Op.result("indexAdd", x.value().indexAdd(axis, idx, src.value()), (g, needs) -> new Tensor[] {
        needs[0] ? g.sumTo(xs) : null, needs[1] ? g.indexSelect(axis, idx) : null}, x, src);
  }

  /** {@link #indexAdd(Var, int, int[], Var)} with an index tensor of any shape. */
  public static Var indexAdd(Var x, int axis, Tensor indices, Var src) {
    Shape xs = x.shape();
    return Op.result("indexAdd", x.value().indexAdd(axis, indices, src.value()), (g, needs) -> new Tensor[] {
        needs[0] ? g.sumTo(xs) : null, needs[1] ? g.indexSelect(axis, indices) : null}, x, src);
  }

  /** {@code torch.scatter_add}: {@code x} plus {@code src} added at {@code index} along {@code axis}; the adjoint of gather. */
  public static Var scatterAdd(Var x, int axis, Tensor index, Var src) {
    Shape xs = x.shape();
    return Op.result("scatterAdd", x.value().scatterAdd(axis, index, src.value()), (g, needs) -> new Tensor[] {
        needs[0] ? g.sumTo(xs) : null, needs[1] ? g.gather(axis, index) : null}, x, src);
  }
}
