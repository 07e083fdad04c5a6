package dev.eddy.nn.recurrent;

import dev.eddy.autograd.ShapeOps;
import dev.eddy.autograd.Var;

/** How a bidirectional layer combines the forward and reverse outputs {@code [time, batch, H]} of each step. */
public enum Merge {
  /** {@code [forward | reverse]}, {@code 2H} features (PyTorch's layout). */
  CONCAT,
  /** {@code forward + reverse}. */
  SUM,
  /** {@code (forward + reverse) / 2}. */
  MEAN,
  /** {@code forward ⊙ reverse}. */
  PRODUCT;

  /** The merged feature count for directions of {@code size} features each. */
  public int outputSize(int size) {
    return this == CONCAT ? 2 * size : size;
  }

  /** Merges two time-major outputs of equal shape along the feature axis. */
  Var apply(Var forward, Var reverse) {
    return switch (this) {
      case CONCAT -> ShapeOps.concat(2, forward, reverse);
      case SUM -> forward.add(reverse);
      case MEAN -> forward.add(reverse).mul(0.5);
      case PRODUCT -> forward.mul(reverse);
    };
  }
}
