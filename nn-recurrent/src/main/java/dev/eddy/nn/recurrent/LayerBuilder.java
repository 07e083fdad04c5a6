package dev.eddy.nn.recurrent;

import java.util.random.RandomGenerator;

/**
 * The options {@link RNN}, {@link LSTM} and {@link GRU} share, named as in PyTorch: those of
 * {@link RecurrentOptions} and the layer structure. Defaults: one layer, time-major
 * ({@code batch_first=false}), no dropout, one direction.
 *
 * @param <B> the concrete builder (so that chained calls keep its type)
 * @param <L> the layer it builds
 */
public abstract class LayerBuilder<B extends LayerBuilder<B, L>, L extends RecurrentStack> extends RecurrentOptions<B> {
  int numLayers = 1;
  boolean batchFirst;
  double dropout;
  boolean bidirectional;
  boolean fastPath = true;

  LayerBuilder(String layer, int inputSize, int hiddenSize) {
    super(layer, inputSize, hiddenSize);
  }

  /** PyTorch's {@code num_layers} (default 1). */
  public B numLayers(int value) {
    this.numLayers = value;
    return self();
  }

  /** PyTorch's {@code batch_first}: inputs and outputs {@code [batch, time, features]} (default false). */
  public B batchFirst(boolean on) {
    this.batchFirst = on;
    return self();
  }

  /** PyTorch's {@code dropout}: on the outputs of every layer but the last, in training mode (default 0). */
  public B dropout(double p) {
    this.dropout = p;
    return self();
  }

  /** PyTorch's {@code bidirectional} (default false). */
  public B bidirectional(boolean on) {
    this.bidirectional = on;
    return self();
  }

  /**
   * Whether the layer may run its fused fast path where it applies (default true); false always runs
   * the composed cells, which define the results (the fast path is tested against them).
   */
  public B fastPath(boolean on) {
    this.fastPath = on;
    return self();
  }

  RecurrentStack.Options options() {
    return new RecurrentStack.Options(inputSize, numLayers, bidirectional, Merge.CONCAT, dropout, seed, batchFirst,
        fastPath);
  }

  /** {@code cell} with this layer's bias, dtype and init, drawing from the layer's generator. */
  <C extends CellBuilder<C, ?>> C configure(C cell, RandomGenerator rng) {
    return cell.bias(bias).dtype(dtype).init(init).rng(rng);
  }

  /** The layer. */
  public abstract L build();
}
