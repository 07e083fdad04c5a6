package dev.eddy.autograd;

import dev.eddy.tensor.Tensor;

/**
 * The backward half of an op with several outputs (split, chunk, a fused LSTM step returning h and c).
 *
 * <p>It receives one gradient per output, always: an output that no gradient reached (unused by the
 * loss) arrives as zeros of its shape, so a backward never needs a null check. See
 * {@link Op#results(String, java.util.List, MultiBackward, Var...)}.
 */
@FunctionalInterface
public interface MultiBackward {
  /**
   * @param gradOutputs one gradient per output, in output order, each shaped like that output
   * @param needsGrad one flag per input: whether that input wants a gradient (read only)
   * @return one gradient per input, shaped like that input; {@code null} where {@code needsGrad} is false
   */
  Tensor[] gradients(Tensor[] gradOutputs, boolean[] needsGrad);
}
