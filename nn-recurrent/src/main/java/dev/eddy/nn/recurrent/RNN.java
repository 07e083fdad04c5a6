package dev.eddy.nn.recurrent;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * PyTorch's {@code nn.RNN}: a {@link RecurrentStack} of Elman {@link RnnCell}s (tanh or relu) with
 * its options, parameter names, layouts and shapes.
 *
 * <pre>{@code
 * RNN rnn = RNN.builder(4, 6).nonlinearity(Nonlinearity.RELU).numLayers(2).seed(1).build();
 * RecurrentOutput out = rnn.forward(x);                 // output [time, batch, 6], hN [2, batch, 6]
 * }</pre>
 *
 * <p>Parameters per layer k (and {@code _reverse}): {@code weight_ih_lk [H, in]},
 * {@code weight_hh_lk [H, H]}, {@code bias_ih_lk [H]}, {@code bias_hh_lk [H]}.
 */
public final class RNN extends RecurrentStack {
  private final int hiddenSize;
  private final Nonlinearity nonlinearity;

  private RNN(Builder b, SplittableRandom rng) {
    super(b.options(), (layer, direction, in) ->
        b.configure(RnnCell.builder(in, b.hiddenSize), rng).nonlinearity(b.nonlinearity).build());
    this.hiddenSize = b.hiddenSize;
    this.nonlinearity = b.nonlinearity;
  }

  /** A builder with PyTorch's defaults for {@code input_size} and {@code hidden_size}. */
  public static Builder builder(int inputSize, int hiddenSize) {
    return new Builder(inputSize, hiddenSize);
  }

  /** {@link LayerBuilder}'s options plus PyTorch's {@code nonlinearity} (default tanh). */
  public static final class Builder extends LayerBuilder<Builder, RNN> {
    Nonlinearity nonlinearity = Nonlinearity.TANH;

    Builder(int inputSize, int hiddenSize) {
      super("RNN", inputSize, hiddenSize);
    }

    public Builder nonlinearity(Nonlinearity value) {
      this.nonlinearity = Objects.requireNonNull(value, "nonlinearity");
      return this;
    }

    @Override
    public RNN build() {
      return new RNN(this, new SplittableRandom(seed));
    }
  }

  public int hiddenSize() {
    return hiddenSize;
  }

  public Nonlinearity nonlinearity() {
    return nonlinearity;
  }
}
