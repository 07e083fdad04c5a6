package dev.eddy.autograd;

import dev.eddy.tensor.Tensor;
import java.util.random.RandomGenerator;

/** Differentiable neural-network functions: softmax, log-softmax and dropout. */
public final class NnOps {
  private NnOps() {}

  /** {@code exp(x) / Σ exp(x)} along {@code axis} (stable); backward reuses the output. */
  public static Var softmax(Var x, int axis) {
    Tensor y = x.value().softmax(axis);
    return Op.result("softmax", y, g -> g.sub(g.mul(y).sum(true, axis)).mul(y), x);
  }

  /** {@code x - logSumExp(x)} along {@code axis} (stable); backward reuses the output. */
  public static Var logSoftmax(Var x, int axis) {
    Tensor y = x.value().logSoftmax(axis);
    return Op.result("logSoftmax", y, g -> g.sub(y.exp().mul(g.sum(true, axis))), x);
  }

  /**
   * Inverted dropout: while {@code training}, each element is zeroed with probability {@code p} and
   * the survivors are scaled by {@code 1 / (1 - p)}, so the expected value is unchanged; otherwise,
   * or when {@code p == 0}, x itself is returned. The mask draws {@code x.numel()} doubles from
   * {@code rng} in row-major order (element kept when its draw is {@code >= p}), so a seeded generator
   * gives the same mask on every machine; the caller decides training versus evaluation.
   */
  public static Var dropout(Var x, double p, boolean training, RandomGenerator rng) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("dropout: p must be in [0, 1], got " + p);
    }
    if (!training || p == 0) {
      return x;
    }
    Tensor xv = x.value();
    Tensor mask = p == 1
        ? Tensor.zerosLike(xv)
        : Tensor.uniform(rng, xv.dtype(), 0, 1, xv.shape().dims()).ge(p).mul(1 / (1 - p));
    return Op.result("dropout", xv.mul(mask), g -> g.mul(mask), x);
  }
}
