package dev.eddy.optim;

import dev.eddy.autograd.Var;
import java.util.List;
import java.util.Map;

/**
 * Adam with decoupled weight decay (the parameter shrinks by {@code lr * weight_decay} before the
 * Adam step): PyTorch 1.13's {@code torch.optim.AdamW} (update rule in {@link AdamBase}). Defaults:
 * lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 1e-2, no amsgrad.
 *
 * <p>State per parameter: {@code exp_avg}, {@code exp_avg_sq}, and {@code max_exp_avg_sq} with
 * amsgrad. {@code AdamW.builder(model.namedParameters()).lr(3e-4).build()}.
 */
public final class AdamW extends AdamBase {
  private static final String KIND = "AdamW";

  private AdamW(Builder b) {
    super(KIND, b, true);
  }

  /** A builder over named parameters (e.g. a module's), in the map's order. */
  public static Builder builder(Map<String, Var> params) {
    return new Builder(NamedParameters.withoutNulls(KIND, params));
  }

  /** A builder over a list of parameters, named "0", "1", ... */
  public static Builder builder(List<Var> params) {
    return new Builder(NamedParameters.fromList(KIND, params));
  }

  /** Hyper-parameters of {@link AdamW}. */
  public static final class Builder extends AdamBase.Builder<AdamW, Builder> {
    private Builder(Map<String, Var> params) {
      super(params, 1e-2, AdamW::new);
    }
  }
}
