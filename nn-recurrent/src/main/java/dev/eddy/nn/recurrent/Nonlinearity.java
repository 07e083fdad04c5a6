package dev.eddy.nn.recurrent;

import dev.eddy.autograd.Var;

/** The activation of an Elman {@link RnnCell}: PyTorch's {@code nonlinearity='tanh'} or {@code 'relu'}. */
public enum Nonlinearity {
  TANH,
  RELU;

  Var apply(Var x) {
    return this == TANH ? x.tanh() : x.relu();
  }

  /** {@code tanh} or {@code relu}, as PyTorch spells it. */
  public String pytorchName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
