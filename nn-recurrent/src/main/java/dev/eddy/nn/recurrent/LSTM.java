package dev.eddy.nn.recurrent;

import java.util.SplittableRandom;

/**
 * PyTorch's {@code nn.LSTM}: a {@link RecurrentStack} of {@link LstmCell}s with its options,
 * parameter names, layouts and shapes, so that a PyTorch {@code state_dict} loads unchanged.
 *
 * <pre>{@code
 * LSTM lstm = LSTM.builder(4, 6).numLayers(2).bidirectional(true).batchFirst(true).dropout(0.1)
 *     .projSize(3).seed(42).build();
 * RecurrentOutput out = lstm.forward(x);              // x [batch, time, 4]
 * out.output();                                       // [batch, time, 2 * 3]
 * out.hN();                                           // [2 * 2, batch, 3]
 * out.cN();                                           // [2 * 2, batch, 6]
 * lstm.forward(x, RecurrentState.of(h0, c0), lengths);
 * }</pre>
 *
 * <p>Parameters per layer k (and {@code _reverse}): {@code weight_ih_lk [4H, in]} (in = input_size
 * for k = 0, else {@code D * Hout}), {@code weight_hh_lk [4H, Hout]}, {@code bias_ih_lk [4H]},
 * {@code bias_hh_lk [4H]}, with a projection {@code weight_hr_lk [proj_size, H]}; gate order i, f, g, o.
 */
public final class LSTM extends RecurrentStack {
  private final int hiddenSize;
  private final int projSize;

  private LSTM(Builder b, SplittableRandom rng) {
    super(b.options(), (layer, direction, in) -> {
      LstmCell.Builder cell = b.configure(LstmCell.builder(in, b.hiddenSize), rng).projSize(b.projSize);
      cell = Double.isNaN(b.forgetBias) ? cell : cell.forgetBias(b.forgetBias);
      return (Double.isNaN(b.chronoMaxTimeScale) ? cell : cell.chronoInit(b.chronoMaxTimeScale)).build();
    });
    this.hiddenSize = b.hiddenSize;
    this.projSize = b.projSize;
  }

  /** A builder with PyTorch's defaults for {@code input_size} and {@code hidden_size}. */
  public static Builder builder(int inputSize, int hiddenSize) {
    return new Builder(inputSize, hiddenSize);
  }

  /** {@link LayerBuilder}'s options plus {@code proj_size} and a forget-gate bias or chrono init. */
  public static final class Builder extends LayerBuilder<Builder, LSTM> {
    int projSize;
    double forgetBias = Double.NaN;
    double chronoMaxTimeScale = Double.NaN;

    Builder(int inputSize, int hiddenSize) {
      super("LSTM", inputSize, hiddenSize);
    }

    /** PyTorch's {@code proj_size} (default 0: no projection); must be below hidden_size. */
    public Builder projSize(int value) {
      this.projSize = LstmCell.checkProjSize(owner, value, hiddenSize);
      return this;
    }

    /** Sets every cell's forget-gate bias ({@link LstmCell.Builder#forgetBias}); 1 is the usual choice. */
    public Builder forgetBias(double value) {
      this.forgetBias = LstmCell.checkForgetBias(owner, value);
      return this;
    }

    /** Chrono-initialises every cell's input and forget biases ({@link LstmCell.Builder#chronoInit}). */
    public Builder chronoInit(double maxTimeScale) {
      this.chronoMaxTimeScale = ChronoInit.checkMaxTimeScale(owner, maxTimeScale);
      return this;
    }

    @Override
    public LSTM build() {
      LstmCell.checkBiasOptions(owner, bias, forgetBias, chronoMaxTimeScale);
      return new LSTM(this, new SplittableRandom(seed));
    }
  }

  public int hiddenSize() {
    return hiddenSize;
  }

  /** PyTorch's {@code proj_size}, 0 without a projection. */
  public int projSize() {
    return projSize;
  }
}
