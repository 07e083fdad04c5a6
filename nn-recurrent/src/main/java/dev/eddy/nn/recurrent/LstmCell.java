package dev.eddy.nn.recurrent;

import dev.eddy.autograd.MatMulOps;
import dev.eddy.autograd.Var;
import java.util.Arrays;
import java.util.List;

/**
 * The long short-term memory cell of PyTorch ({@code nn.LSTMCell}, and the cell of {@code nn.LSTM}),
 * gate order i, f, g, o:
 *
 * <pre>
 * i = σ(..i), f = σ(..f), g = tanh(..g), o = σ(..o)   where .. = x W_ihᵀ + b_ih + h W_hhᵀ + b_hh
 * c' = f ⊙ c + i ⊙ g
 * h' = o ⊙ tanh(c')                 or, with a projection, h' = (o ⊙ tanh(c')) W_hrᵀ
 * </pre>
 *
 * State {@code (h [batch, Hout], c [batch, H])}, with {@code Hout = projSize} if set, else H.
 * Parameters: {@code weight_ih [4H, in]}, {@code weight_hh [4H, Hout]}, {@code bias_ih [4H]},
 * {@code bias_hh [4H]}, and with a projection {@code weight_hr [projSize, H]}.
 */
public final class LstmCell extends GatedCell {
  static final String WEIGHT_HR = "weight_hr";
  private static final int INPUT = 0;
  private static final int FORGET = 1;

  private final int projSize;

  private LstmCell(Builder b) {
    super(b, 4, b.projSize > 0 ? b.projSize : b.hiddenSize, true);
    this.projSize = b.projSize;
    if (projSize > 0) {
      registerParameter(WEIGHT_HR, b.init.projectionWeight(rng, b.dtype, projSize, hiddenSize));
    }
    if (!Double.isNaN(b.forgetBias)) {
      // the two biases add up: the forget block of bias_ih carries the value, that of bias_hh is zero
      double[] forget = new double[hiddenSize];
      Arrays.fill(forget, b.forgetBias);
      setBiasBlock(BIAS_IH, FORGET, forget);
      setBiasBlock(BIAS_HH, FORGET, new double[hiddenSize]);
    }
    if (!Double.isNaN(b.chronoMaxTimeScale)) {
      double[] forget = ChronoInit.keepBiases(rng, hiddenSize, b.chronoMaxTimeScale);
      double[] input = new double[hiddenSize];
      for (int k = 0; k < hiddenSize; k++) {
        input[k] = -forget[k];
      }
      setBiasBlock(BIAS_IH, INPUT, input);
      setBiasBlock(BIAS_IH, FORGET, forget);
      setBiasBlock(BIAS_HH, INPUT, new double[hiddenSize]);
      setBiasBlock(BIAS_HH, FORGET, new double[hiddenSize]);
    }
  }

  /** A builder for a cell of {@code inputSize} input features and {@code hiddenSize} units. */
  public static Builder builder(int inputSize, int hiddenSize) {
    return new Builder(inputSize, hiddenSize);
  }

  /**
   * Options of {@link LstmCell}: those of {@link CellBuilder}, a projection size (default 0: none)
   * and a forget-gate bias or chrono init (default: neither, the biases keep their drawn values).
   */
  public static final class Builder extends CellBuilder<Builder, LstmCell> {
    int projSize;
    double forgetBias = Double.NaN;
    double chronoMaxTimeScale = Double.NaN;

    Builder(int inputSize, int hiddenSize) {
      super("LstmCell", inputSize, hiddenSize);
    }

    /** PyTorch's {@code proj_size}: h is projected to this size, which must be below hidden_size; 0 = none. */
    public Builder projSize(int value) {
      this.projSize = checkProjSize(owner, value, hiddenSize);
      return this;
    }

    /**
     * Starts the forget gate at {@code σ(value)} (1 is the usual choice, letting gradients through
     * long sequences early in training): the forget block of {@code bias_ih} is set to {@code value}
     * and that of {@code bias_hh} to 0, after the other values are drawn. Needs bias.
     */
    public Builder forgetBias(double value) {
      this.forgetBias = checkForgetBias(owner, value);
      return this;
    }

    /**
     * Chrono init ({@link ChronoInit}): the forget block of {@code bias_ih} gets {@code log(u)},
     * {@code u ~ U(1, maxTimeScale - 1)} per unit, the input block its negative, and those blocks of
     * {@code bias_hh} 0; drawn after the other values. For dependencies up to about
     * {@code maxTimeScale} steps (e.g. the sequence length). Needs bias; not with {@link #forgetBias}.
     */
    public Builder chronoInit(double maxTimeScale) {
      this.chronoMaxTimeScale = ChronoInit.checkMaxTimeScale(owner, maxTimeScale);
      return this;
    }

    @Override
    public LstmCell build() {
      checkBiasOptions(owner, bias, forgetBias, chronoMaxTimeScale);
      return new LstmCell(this);
    }
  }

  /** forgetBias and chronoInit set the biases, so they need them, and they exclude each other. */
  static void checkBiasOptions(String owner, boolean bias, double forgetBias, double chronoMaxTimeScale) {
    if (!bias && !(Double.isNaN(forgetBias) && Double.isNaN(chronoMaxTimeScale))) {
      throw new IllegalArgumentException(owner + ": " + (Double.isNaN(forgetBias) ? "chronoInit" : "forgetBias")
          + " needs bias=true");
    }
    if (!Double.isNaN(forgetBias) && !Double.isNaN(chronoMaxTimeScale)) {
      throw new IllegalArgumentException(owner + ": forgetBias and chronoInit both set the forget-gate bias; choose one");
    }
  }

  static int checkProjSize(String owner, int value, int hiddenSize) {
    if (value < 0 || value >= hiddenSize) {
      throw new IllegalArgumentException(owner + ": proj_size must be in [0, hidden_size) = [0, " + hiddenSize
          + "), got " + value);
    }
    return value;
  }

  static double checkForgetBias(String owner, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(owner + ": forget bias must be finite, got " + value);
    }
    return value;
  }

  /** The projection size, or 0 without a projection. */
  public int projSize() {
    return projSize;
  }

  @Override
  public int[] stateSizes() {
    return new int[] {projSize > 0 ? projSize : hiddenSize, hiddenSize};
  }

  @Override
  protected RecurrentState stepProjected(Var projected, RecurrentState state) {
    List<Var> gates = projected.add(projectHidden(state.part(0))).chunk(4, 1);
    Var i = gates.get(0).sigmoid();
    Var f = gates.get(1).sigmoid();
    Var g = gates.get(2).tanh();
    Var o = gates.get(3).sigmoid();
    Var c = f.mul(state.part(1)).add(i.mul(g));
    Var h = o.mul(c.tanh());
    if (projSize > 0) {
      h = MatMulOps.matmul(h, false, parameter(WEIGHT_HR), true);
    }
    return RecurrentState.of(h, c);
  }
}
