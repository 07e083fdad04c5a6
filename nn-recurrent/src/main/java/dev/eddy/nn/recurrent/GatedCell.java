package dev.eddy.nn.recurrent;

import dev.eddy.autograd.MatMulOps;
import dev.eddy.autograd.Var;
import dev.eddy.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * What the built-in cells share: {@code G} gate blocks of {@code hidden} rows computed from the input
 * ({@code x W_ihᵀ + b_ih}) and from the recurrent input ({@code h W_hhᵀ + b_hh}), with PyTorch's
 * parameter names, layouts and registration order.
 */
abstract class GatedCell extends RecurrentCell {
  static final String WEIGHT_IH = "weight_ih";
  static final String WEIGHT_HH = "weight_hh";
  static final String BIAS_IH = "bias_ih";
  static final String BIAS_HH = "bias_hh";

  final int inputSize;
  final int hiddenSize;
  final boolean bias;
  /**
   * Whether the recurrent bias only adds to the gates (RNN, LSTM): then {@code b_ih + b_hh} is added
   * once with the input projection of all steps instead of {@code b_hh} at every step. Not for the
   * GRU, whose {@code b_hn} is multiplied by the reset gate.
   */
  private final boolean biasesAdd;
  /** The generator the subclass draws its extra parameters from, right after the shared ones. */
  final RandomGenerator rng;

  /**
   * Registers {@code weight_ih [G*H, in]}, {@code weight_hh [G*H, recurrentIn]} and, with bias,
   * {@code bias_ih} and {@code bias_hh [G*H]}.
   */
  GatedCell(CellBuilder<?, ?> b, int gates, int recurrentIn, boolean biasesAdd) {
    this.biasesAdd = biasesAdd;
    this.inputSize = b.inputSize;
    this.hiddenSize = b.hiddenSize;
    this.bias = b.bias;
    this.rng = b.generator();
    registerParameter(WEIGHT_IH, b.init.inputWeight(rng, b.dtype, gates, hiddenSize, inputSize));
    registerParameter(WEIGHT_HH, b.init.recurrentWeight(rng, b.dtype, gates, hiddenSize, recurrentIn));
    if (bias) {
      registerParameter(BIAS_IH, b.init.bias(rng, b.dtype, gates, hiddenSize));
      registerParameter(BIAS_HH, b.init.bias(rng, b.dtype, gates, hiddenSize));
    }
  }

  /** Overwrites gate block {@code gate} ({@code hidden} entries) of the bias {@code name} with {@code values}. */
  final void setBiasBlock(String name, int gate, double[] values) {
    Var p = parameter(name);
    double[] d = p.value().toDoubleArray();
    System.arraycopy(values, 0, d, gate * hiddenSize, hiddenSize);
    p.setValue(Tensor.of(d, d.length).to(p.dtype()));
  }

  @Override
  public final int inputSize() {
    return inputSize;
  }

  /** The number of hidden units H (gate block size). */
  public final int hiddenSize() {
    return hiddenSize;
  }

  /** Whether the cell has biases. */
  public final boolean hasBias() {
    return bias;
  }

  /**
   * {@code x W_ihᵀ + b_ih}, plus {@code b_hh} when the biases simply add: {@code [n, in] -> [n, G*H]}.
   */
  @Override
  protected final Var projectInput(Var x) {
    Var y = MatMulOps.matmul(x, false, parameter(WEIGHT_IH), true);
    if (!bias) {
      return y;
    }
    return y.add(biasesAdd ? parameter(BIAS_IH).add(parameter(BIAS_HH)) : parameter(BIAS_IH));
  }

  /**
   * {@code h W_hhᵀ}, plus {@code b_hh} unless {@link #projectInput} added it:
   * {@code [batch, recurrentIn] -> [batch, G*H]}.
   */
  final Var projectHidden(Var h) {
    Var y = MatMulOps.matmul(h, false, parameter(WEIGHT_HH), true);
    return bias && !biasesAdd ? y.add(parameter(BIAS_HH)) : y;
  }

  // The parameters as the fused path reads them (at each use, so setParameter is seen).

  final Var weightIh() {
    return parameter(WEIGHT_IH);
  }

  final Var weightHh() {
    return parameter(WEIGHT_HH);
  }

  final Var biasIh() {
    return parameter(BIAS_IH);
  }

  final Var biasHh() {
    return parameter(BIAS_HH);
  }

  @Override
  public final RecurrentState step(Var x, RecurrentState state) {
    checkStep(x, state);
    return stepProjected(projectInput(x), state);
  }
}
