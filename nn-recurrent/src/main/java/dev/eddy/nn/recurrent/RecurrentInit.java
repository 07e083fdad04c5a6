package dev.eddy.nn.recurrent;

import dev.eddy.nn.Init;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * How the built-in cells initialise their parameters. Every scheme draws each parameter in
 * registration order ({@code weight_ih}, {@code weight_hh}, {@code bias_ih}, {@code bias_hh},
 * {@code weight_hr}) from the cell's generator, so a seed fixes the model bitwise.
 */
public enum RecurrentInit {
  /** PyTorch's default: every parameter {@code U(-1/sqrt(hidden), 1/sqrt(hidden))}. */
  PYTORCH,
  /**
   * Input weights Xavier-uniform and recurrent weights orthogonal, each per gate block
   * ({@code [hidden, in]}), biases zero, projection Xavier-uniform: keeps the scale of the state steady
   * through long sequences at the start of training.
   */
  XAVIER_ORTHOGONAL;

  Tensor inputWeight(RandomGenerator rng, DType dtype, int gates, int hidden, int in) {
    return this == PYTORCH ? pytorch(rng, dtype, hidden, gates * hidden, in)
        : blocks(gates, () -> Init.xavierUniform(rng, dtype, 1, hidden, in));
  }

  Tensor recurrentWeight(RandomGenerator rng, DType dtype, int gates, int hidden, int in) {
    return this == PYTORCH ? pytorch(rng, dtype, hidden, gates * hidden, in)
        : blocks(gates, () -> Init.orthogonal(rng, dtype, 1, hidden, in));
  }

  /** {@code gates} blocks drawn one after the other, stacked along the rows. */
  private static Tensor blocks(int gates, Supplier<Tensor> block) {
    List<Tensor> blocks = new ArrayList<>(gates);
    for (int g = 0; g < gates; g++) {
      blocks.add(block.get());
    }
    return Tensor.concat(0, blocks);
  }

  Tensor bias(RandomGenerator rng, DType dtype, int gates, int hidden) {
    return this == PYTORCH ? pytorch(rng, dtype, hidden, gates * hidden) : Tensor.zeros(dtype, gates * hidden);
  }

  Tensor projectionWeight(RandomGenerator rng, DType dtype, int proj, int hidden) {
    return this == PYTORCH ? pytorch(rng, dtype, hidden, proj, hidden) : Init.xavierUniform(rng, dtype, 1, proj, hidden);
  }

  private static Tensor pytorch(RandomGenerator rng, DType dtype, int hidden, int... dims) {
    return Init.uniform(rng, dtype, 1 / Math.sqrt(hidden), dims);
  }
}
