package dev.eddy.optim;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The update shared by {@link Adam} and {@link AdamW}, PyTorch 1.13's {@code _single_tensor_adam(w)};
 * they differ only in how weight decay is applied. For each parameter {@code p} with gradient
 * {@code g} at its update number {@code t} (1, 2, ...), elementwise:
 *
 * <pre>
 *   Adam:  g = g + weight_decay * p                  (L2 penalty folded into the gradient)
 *   AdamW: p = p * (1 - lr * weight_decay)            (decoupled weight decay)
 *   m = beta1 * m + (1 - beta1) * g                   (exp_avg)
 *   v = beta2 * v + (1 - beta2) * g * g               (exp_avg_sq)
 *   vmax = max(vmax, v); use vmax for v below         (amsgrad only: max_exp_avg_sq)
 *   denom = sqrt(v) / sqrt(1 - beta2^t) + eps
 *   p = p - (lr / (1 - beta1^t)) * m / denom
 * </pre>
 *
 * {@code beta^t} is {@link StrictMath#pow}, so results do not depend on the machine.
 */
public abstract sealed class AdamBase extends Optimizer permits Adam, AdamW {
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private final boolean amsgrad;
  private final boolean decoupled;

  AdamBase(String kind, Builder<?, ?> b, boolean decoupled) {
    super(kind, b.params, b.lr, b.amsgrad ? List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq")
        : List.of("exp_avg", "exp_avg_sq"));
    this.beta1 = Checks.belowOne(kind, "beta1", b.beta1);
    this.beta2 = Checks.belowOne(kind, "beta2", b.beta2);
    this.eps = Checks.nonNegative(kind, "eps", b.eps);
    this.weightDecay = Checks.nonNegative(kind, "weight_decay", b.weightDecay);
    this.amsgrad = b.amsgrad;
    this.decoupled = decoupled;
  }

  @Override
  final Map<String, String> hyperParameters() {
    return ordered("beta1", beta1, "beta2", beta2, "eps", eps, "weight_decay", weightDecay, "amsgrad", amsgrad);
  }

  @Override
  final void update(Tensor param, Tensor grad, Tensor[] buffers, long step) {
    double lr = lr();
    double b1 = beta1;
    double b2 = beta2;
    double e = eps;
    double l2 = decoupled ? 0 : weightDecay;
    double decay = decoupled ? 1 - lr * weightDecay : 1;
    boolean max = amsgrad;
    double stepSize = lr / (1 - StrictMath.pow(b1, step));
    double correction2Sqrt = Math.sqrt(1 - StrictMath.pow(b2, step));
    UpdateLoop.run(param, grad, buffers, (p, g, s, from, to) -> {
      double[] m = s[0];
      double[] v = s[1];
      double[] vmax = max ? s[2] : null;
      for (int i = from; i < to; i++) {
        double pi = p[i] * decay;
        double gi = l2 != 0 ? g[i] + l2 * pi : g[i];
        double mi = m[i] * b1 + (1 - b1) * gi;
        double vi = v[i] * b2 + (1 - b2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        if (max) {
          vi = Math.max(vmax[i], vi);
          vmax[i] = vi;
        }
        double denom = Math.sqrt(vi) / correction2Sqrt + e;
        p[i] = pi + -stepSize * mi / denom;
      }
    });
  }

  /**
   * Hyper-parameters shared by {@link Adam} and {@link AdamW}; defaults as in PyTorch: lr 1e-3,
   * betas (0.9, 0.999), eps 1e-8, no amsgrad.
   *
   * @param <O> the optimizer built
   * @param <B> the concrete builder
   */
  public abstract static class Builder<O extends AdamBase, B extends Builder<O, B>> extends Optimizer.Builder<O, B> {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private boolean amsgrad;

    Builder(Map<String, Var> params, double weightDecay, Function<B, O> constructor) {
      super(params, 1e-3, weightDecay, constructor);
    }

    /** Decay rates of the running averages of the gradient and its square, each in [0, 1). */
    public final B betas(double first, double second) {
      beta1 = first;
      beta2 = second;
      return self();
    }

    /** Added to the denominator for numerical stability, {@code >= 0}. */
    public final B eps(double value) {
      eps = value;
      return self();
    }

    /** Whether to use the maximum of all second-moment averages so far (AMSGrad). */
    public final B amsgrad(boolean value) {
      amsgrad = value;
      return self();
    }
  }
}
