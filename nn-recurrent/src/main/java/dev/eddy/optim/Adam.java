package dev.eddy.optim;

import dev.eddy.autograd.Var;
import java.util.List;
import java.util.Map;

/**
 * Adam with weight decay as an L2 penalty added to the gradient: PyTorch 1.13's
 * {@code torch.optim.Adam} (update rule in {@link AdamBase}). Defaults: lr 1e-3, betas (0.9, 0.999),
 * eps 1e-8, weight decay 0, no amsgrad.
 *
 * <p>State per parameter: {@code exp_avg}, {@code exp_avg_sq}, and {@code max_exp_avg_sq} with
 * amsgrad. {@code Adam.builder(model.namedParameters()).lr(3e-4).build()}.
 */
public final class Adam extends AdamBase {
  private static final String KIND = "Adam";

  private Adam(Builder b) {
    super(KIND, b, false);
  }

  /** A builder over named parameters (e.g. a module's), in the map's order. */
  public static Builder builder(Map<String, Var> params) {
    return new Builder(NamedParameters.withoutNulls(KIND, params));
  }

  /** A builder over a list of parameters, named "0", "1", ... */
  public static Builder builder(List<Var> params) {
    return new Builder(NamedParameters.fromList(KIND, params));
  }

  /** Hyper-parameters of {@link Adam}. */
  public static final class Builder extends AdamBase.Builder<Adam, Builder> {
    private Builder(Map<String, Var> params) {
      super(params, 0, Adam::new);
    }
  }
}
