package dev.eddy.nn.attention;

import dev.eddy.autograd.NnOps;
import dev.eddy.autograd.Op;
import dev.eddy.autograd.Var;
import dev.eddy.tensor.Tensor;

/**
 * Softmax over the last axis of {@code scores [batch, source]} restricted to the positions where
 * {@code mask} is nonzero: one differentiable op whose padded positions are exactly zero in the
 * output and in the gradient. The padded scores are replaced by -∞ before the (stable) softmax, whose
 * exp gives exactly 0 there; the -∞ never leaves the op, so anomaly mode sees only finite values.
 * Every row must have a real position (checked by {@link AttentionMemory}).
 */
final class MaskedSoftmax {
  private MaskedSoftmax() {}

  /** {@code softmax(scores)} over the real positions; {@code mask} null: plain softmax. */
  static Var apply(Var scores, Tensor mask) {
    if (mask == null) {
      return NnOps.softmax(scores, 1);
    }
    Tensor s = scores.value();
    Tensor y = Tensor.where(mask, s, Tensor.scalar(s.dtype(), Double.NEGATIVE_INFINITY)).softmax(1);
    // the softmax backward y ⊙ (g - Σ g·y): zero wherever y is, i.e. on padding
    return Op.result("maskedSoftmax", y, g -> g.sub(g.mul(y).sum(true, 1)).mul(y), scores);
  }
}
