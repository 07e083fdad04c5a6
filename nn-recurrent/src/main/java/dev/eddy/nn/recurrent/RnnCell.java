package dev.eddy.nn.recurrent;

import dev.eddy.autograd.Var;

/**
 * The Elman cell of PyTorch's {@code nn.RNNCell}: {@code h' = act(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh)}
 * with {@code act} tanh (default) or relu. State {@code (h [batch, hidden])}.
 *
 * <p>Parameters: {@code weight_ih [H, in]}, {@code weight_hh [H, H]}, {@code bias_ih [H]},
 * {@code bias_hh [H]}.
 *
 * <pre>{@code
 * RnnCell cell = RnnCell.builder(4, 16).nonlinearity(Nonlinearity.RELU).seed(1).build();
 * }</pre>
 */
public final class RnnCell extends GatedCell {
  private final Nonlinearity nonlinearity;

  private RnnCell(Builder b) {
    super(b, 1, b.hiddenSize, true);
    this.nonlinearity = b.nonlinearity;
  }

  /** A builder for a cell of {@code inputSize} input features and {@code hiddenSize} units. */
  public static Builder builder(int inputSize, int hiddenSize) {
    return new Builder(inputSize, hiddenSize);
  }

  /** Options of {@link RnnCell}: those of {@link CellBuilder} and the nonlinearity (default tanh). */
  public static final class Builder extends CellBuilder<Builder, RnnCell> {
    Nonlinearity nonlinearity = Nonlinearity.TANH;

    Builder(int inputSize, int hiddenSize) {
      super("RnnCell", inputSize, hiddenSize);
    }

    /** tanh (default) or relu. */
    public Builder nonlinearity(Nonlinearity value) {
      this.nonlinearity = java.util.Objects.requireNonNull(value, "nonlinearity");
      return this;
    }

    @Override
    public RnnCell build() {
      return new RnnCell(this);
    }
  }

  public Nonlinearity nonlinearity() {
    return nonlinearity;
  }

  @Override
  public int[] stateSizes() {
    return new int[] {hiddenSize};
  }

  @Override
  protected RecurrentState stepProjected(Var projected, RecurrentState state) {
    return RecurrentState.of(nonlinearity.apply(projected.add(projectHidden(state.output()))));
  }
}
