package dev.eddy.nn.recurrent.example;

import dev.eddy.autograd.MatMulOps;
import dev.eddy.autograd.Var;
import dev.eddy.nn.Init;
import dev.eddy.nn.recurrent.RecurrentCell;
import dev.eddy.nn.recurrent.RecurrentState;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * The docs/extending.md example of a user-written cell: an independently recurrent cell (IndRNN, Li et
 * al. 2018), where each unit sees only its own previous value, {@code h' = tanh(x Wᵀ + b + u ⊙ h)}.
 * Written against the public API only.
 */
public final class IndRnnCell extends RecurrentCell {
  private final int inputSize;
  private final int hiddenSize;

  public IndRnnCell(int inputSize, int hiddenSize, DType dtype, long seed) {
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    SplittableRandom rng = new SplittableRandom(seed);
    registerParameter("weight_ih", Init.kaimingUniform(rng, dtype, Math.sqrt(5), hiddenSize, inputSize));
    registerParameter("weight_hh", Init.uniform(rng, dtype, 1, hiddenSize)); // u: one weight per unit
    registerParameter("bias", Tensor.zeros(dtype, hiddenSize));
  }

  @Override
  public int inputSize() {
    return inputSize;
  }

  @Override
  public int[] stateSizes() {
    return new int[] {hiddenSize}; // one part, h [batch, hidden]
  }

  @Override
  public RecurrentState step(Var x, RecurrentState state) {
    checkStep(x, state); // x [batch, inputSize] of the parameters' dtype, state of this cell's shape
    Var h = state.output();
    Var input = MatMulOps.matmul(x, false, parameter("weight_ih"), true).add(parameter("bias"));
    return RecurrentState.of(input.add(parameter("weight_hh").mul(h)).tanh());
  }
}
