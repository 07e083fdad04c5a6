package dev.eddy.nn.recurrent;

import java.util.SplittableRandom;

/**
 * PyTorch's {@code nn.GRU}: a {@link RecurrentStack} of {@link GruCell}s (gate order r, z, n,
 * {@code b_hn} inside the reset product) with its options, parameter names, layouts and shapes.
 *
 * <pre>{@code
 * GRU gru = GRU.builder(4, 6).numLayers(2).bidirectional(true).seed(1).build();
 * RecurrentOutput out = gru.forward(x, null, lengths);   // output [time, batch, 12], hN [4, batch, 6]
 * }</pre>
 *
 * <p>Parameters per layer k (and {@code _reverse}): {@code weight_ih_lk [3H, in]},
 * {@code weight_hh_lk [3H, H]}, {@code bias_ih_lk [3H]}, {@code bias_hh_lk [3H]}.
 */
public final class GRU extends RecurrentStack {
  private final int hiddenSize;

  private GRU(Builder b, SplittableRandom rng) {
    super(b.options(), (layer, direction, in) -> {
      GruCell.Builder cell = b.configure(GruCell.builder(in, b.hiddenSize), rng);
      return (Double.isNaN(b.chronoMaxTimeScale) ? cell : cell.chronoInit(b.chronoMaxTimeScale)).build();
    });
    this.hiddenSize = b.hiddenSize;
  }

  /** A builder with PyTorch's defaults for {@code input_size} and {@code hidden_size}. */
  public static Builder builder(int inputSize, int hiddenSize) {
    return new Builder(inputSize, hiddenSize);
  }

  /** The options of {@link LayerBuilder} and chrono init. */
  public static final class Builder extends LayerBuilder<Builder, GRU> {
    double chronoMaxTimeScale = Double.NaN;

    Builder(int inputSize, int hiddenSize) {
      super("GRU", inputSize, hiddenSize);
    }

    /** Chrono-initialises every cell's update-gate bias ({@link GruCell.Builder#chronoInit}). */
    public Builder chronoInit(double maxTimeScale) {
      this.chronoMaxTimeScale = ChronoInit.checkMaxTimeScale(owner, maxTimeScale);
      return this;
    }

    @Override
    public GRU build() {
      GruCell.checkChronoBias(owner, bias, chronoMaxTimeScale);
      return new GRU(this, new SplittableRandom(seed));
    }
  }

  public int hiddenSize() {
    return hiddenSize;
  }
}
