package dev.eddy.nn.recurrent;

import dev.eddy.autograd.Var;
import java.util.List;

/**
 * The gated recurrent unit in PyTorch's form ({@code nn.GRUCell}), gate order r, z, n, with
 * {@code b_hn} inside the reset product:
 *
 * <pre>
 * r = σ(x W_irᵀ + b_ir + h W_hrᵀ + b_hr)
 * z = σ(x W_izᵀ + b_iz + h W_hzᵀ + b_hz)
 * n = tanh(x W_inᵀ + b_in + r ⊙ (h W_hnᵀ + b_hn))
 * h' = (1 - z) ⊙ n + z ⊙ h
 * </pre>
 *
 * State {@code (h [batch, hidden])}. Parameters: {@code weight_ih [3H, in]}, {@code weight_hh [3H, H]},
 * {@code bias_ih [3H]}, {@code bias_hh [3H]}, each three blocks of H rows in the order r, z, n.
 */
public final class GruCell extends GatedCell {

  private static final int UPDATE = 1;

  private GruCell(Builder b) {
    super(b, 3, b.hiddenSize, false);
    if (!Double.isNaN(b.chronoMaxTimeScale)) {
      setBiasBlock(BIAS_IH, UPDATE, ChronoInit.keepBiases(rng, hiddenSize, b.chronoMaxTimeScale));
      setBiasBlock(BIAS_HH, UPDATE, new double[hiddenSize]);
    }
  }

  /** A builder for a cell of {@code inputSize} input features and {@code hiddenSize} units. */
  public static Builder builder(int inputSize, int hiddenSize) {
    return new Builder(inputSize, hiddenSize);
  }

  /** Options of {@link GruCell}: those of {@link CellBuilder} and chrono init (default: off). */
  public static final class Builder extends CellBuilder<Builder, GruCell> {
    double chronoMaxTimeScale = Double.NaN;

    Builder(int inputSize, int hiddenSize) {
      super("GruCell", inputSize, hiddenSize);
    }

    /**
     * Chrono init ({@link ChronoInit}): the update (z) block of {@code bias_ih} gets {@code log(u)},
     * {@code u ~ U(1, maxTimeScale - 1)} per unit (z is the share of the old state kept), that of
     * {@code bias_hh} 0; drawn after the other values. Needs bias.
     */
    public Builder chronoInit(double maxTimeScale) {
      this.chronoMaxTimeScale = ChronoInit.checkMaxTimeScale(owner, maxTimeScale);
      return this;
    }

    @Override
    public GruCell build() {
      checkChronoBias(owner, bias, chronoMaxTimeScale);
      return new GruCell(this);
    }
  }

  static void checkChronoBias(String owner, boolean bias, double chronoMaxTimeScale) {
    if (!bias && !Double.isNaN(chronoMaxTimeScale)) {
      throw new IllegalArgumentException(owner + ": chronoInit needs bias=true");
    }
  }

  @Override
  public int[] stateSizes() {
    return new int[] {hiddenSize};
  }

  @Override
  protected RecurrentState stepProjected(Var projected, RecurrentState state) {
    Var h = state.output();
    List<Var> gi = projected.chunk(3, 1);
    List<Var> gh = projectHidden(h).chunk(3, 1);
    Var r = gi.get(0).add(gh.get(0)).sigmoid();
    Var z = gi.get(1).add(gh.get(1)).sigmoid();
    Var n = gi.get(2).add(r.mul(gh.get(2))).tanh();
    return RecurrentState.of(n.add(z.mul(h.sub(n)))); // (1 - z) n + z h
  }
}
