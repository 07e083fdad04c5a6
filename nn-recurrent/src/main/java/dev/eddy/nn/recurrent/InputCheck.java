package dev.eddy.nn.recurrent;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;

/** The argument checks at the public edge of the drivers and layers, with messages in the user's terms. */
final class InputCheck {
  private InputCheck() {}

  /**
   * Checks that {@code x} is a non-empty {@code [time, batch, inputSize]} sequence (or
   * {@code [batch, time, inputSize]} batch-first) of the parameters' dtype ({@code null}: any).
   */
  static void sequence(String what, Var x, int inputSize, boolean batchFirst, DType dtype) {
    String layout = batchFirst ? "[batch, time, " + inputSize + "] (batch_first=true)"
        : "[time, batch, " + inputSize + "] (batch_first=false)";
    if (x.rank() != 3 || x.dim(2) != inputSize) {
      throw new IllegalArgumentException(what + ": input must be " + layout + ", got " + x.shape());
    }
    if (x.dim(0) == 0 || x.dim(1) == 0) {
      throw new IllegalArgumentException(what + ": input must have at least one time step and one sequence, got "
          + x.shape() + " for " + layout);
    }
    if (dtype != null && x.dtype() != dtype) {
      throw new IllegalArgumentException(what + ": input is " + x.dtype() + " but the parameters are " + dtype
          + "; convert the input or the module with to(" + x.dtype() + ")");
    }
  }

  /** The dtype of a module's parameters, or null for a module without any. */
  static DType parameterDtype(dev.eddy.nn.Module m) {
    return m.parameters().isEmpty() ? null : m.dtype();
  }
}
