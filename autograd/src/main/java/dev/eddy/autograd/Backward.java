package dev.eddy.autograd;

import dev.eddy.tensor.Tensor;

/**
 * The backward half of a single-output op: given the gradient of the loss with respect to the op's
 * output, the gradients with respect to its inputs (a vector–Jacobian product).
 *
 * <p>Written as a lambda next to the forward computation, capturing only what it needs (inputs,
 * output, masks); see {@link Op#result(String, Tensor, Backward, Var...)}.
 */
@FunctionalInterface
public interface Backward {
  /**
   * @param gradOutput the gradient with respect to the output, shaped like the output
   * @param needsGrad one flag per input, in input order: whether that input wants a gradient (read only)
   * @return one gradient per input, each shaped like that input's value (broadcast inputs summed back
   *     with {@link Tensor#sumTo}); {@code null} where {@code needsGrad} is false
   */
  Tensor[] gradients(Tensor gradOutput, boolean[] needsGrad);
}
