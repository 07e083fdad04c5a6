package dev.eddy.nn.recurrent;

import dev.eddy.tensor.DType;
import java.util.Objects;

/**
 * The options the builders of the built-in cells and layers share: sizes, bias, dtype, how the
 * parameters are initialised, and the seed. Defaults: bias on, float32, {@link RecurrentInit#PYTORCH},
 * seed 0.
 *
 * @param <B> the concrete builder (so that chained calls keep its type)
 */
public abstract class RecurrentOptions<B extends RecurrentOptions<B>> {
  /** The name of what is built, for messages ({@code LSTM}, {@code GruCell}). */
  final String owner;
  final int inputSize;
  final int hiddenSize;
  boolean bias = true;
  DType dtype = DType.F32;
  RecurrentInit init = RecurrentInit.PYTORCH;
  long seed;

  RecurrentOptions(String owner, int inputSize, int hiddenSize) {
    if (inputSize < 1 || hiddenSize < 1) {
      throw new IllegalArgumentException(owner + ": input_size and hidden_size must be positive, got " + inputSize
          + " and " + hiddenSize);
    }
    this.owner = owner;
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
  }

  @SuppressWarnings("unchecked")
  final B self() {
    return (B) this;
  }

  /** PyTorch's {@code bias}: whether there are {@code bias_ih} and {@code bias_hh} (default true). */
  public B bias(boolean on) {
    this.bias = on;
    return self();
  }

  /** The dtype of the parameters (default F32). */
  public B dtype(DType value) {
    this.dtype = Objects.requireNonNull(value, "dtype");
    return self();
  }

  /** How the parameters are initialised (default {@link RecurrentInit#PYTORCH}). */
  public B init(RecurrentInit value) {
    this.init = Objects.requireNonNull(value, "init");
    return self();
  }

  /** Seeds the initial values (and a layer's dropout draws); default 0. */
  public B seed(long value) {
    this.seed = value;
    return self();
  }
}
