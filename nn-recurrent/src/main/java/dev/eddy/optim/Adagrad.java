package dev.eddy.optim;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Adagrad: PyTorch 1.13's {@code torch.optim.Adagrad}. For each parameter {@code p} with gradient
 * {@code g} at its update number {@code t} (1, 2, ...), elementwise:
 *
 * <pre>
 *   g = g + weight_decay * p
 *   clr = lr / (1 + (t - 1) * lr_decay)
 *   sum = sum + g * g                        (sum, starts at initial_accumulator_value)
 *   p = p - clr * g / (sqrt(sum) + eps)
 * </pre>
 *
 * Defaults as in PyTorch: lr 1e-2, lr decay 0, weight decay 0, initial accumulator 0, eps 1e-10.
 * State per parameter: {@code sum}.
 */
public final class Adagrad extends Optimizer {
  private static final String KIND = "Adagrad";

  private final double lrDecay;
  private final double initialAccumulator;
  private final double eps;
  private final double weightDecay;

  private Adagrad(Builder b) {
    super(KIND, b.params, b.lr, List.of("sum"));
    this.lrDecay = Checks.nonNegative(KIND, "lr_decay", b.lrDecay);
    this.initialAccumulator = Checks.nonNegative(KIND, "initial_accumulator_value", b.initialAccumulator);
    this.eps = Checks.nonNegative(KIND, "eps", b.eps);
    this.weightDecay = Checks.nonNegative(KIND, "weight_decay", b.weightDecay);
  }

  /** A builder over named parameters (e.g. a module's), in the map's order. */
  public static Builder builder(Map<String, Var> params) {
    return new Builder(NamedParameters.withoutNulls(KIND, params));
  }

  /** A builder over a list of parameters, named "0", "1", ... */
  public static Builder builder(List<Var> params) {
    return new Builder(NamedParameters.fromList(KIND, params));
  }

  @Override
  Map<String, String> hyperParameters() {
    return ordered("lr_decay", lrDecay, "initial_accumulator_value", initialAccumulator, "eps", eps,
        "weight_decay", weightDecay);
  }

  @Override
  Tensor initialBuffer(int index, Tensor param) {
    return Tensor.fullLike(param, initialAccumulator);
  }

  @Override
  void update(Tensor param, Tensor grad, Tensor[] buffers, long step) {
    double clr = lr() / (1 + (step - 1) * lrDecay);
    double e = eps;
    double wd = weightDecay;
    UpdateLoop.run(param, grad, buffers, (p, g, s, from, to) -> {
      double[] sum = s[0];
      for (int i = from; i < to; i++) {
        double gi = wd != 0 ? g[i] + wd * p[i] : g[i];
        double si = sum[i] + gi * gi;
        sum[i] = si;
        p[i] = p[i] + -clr * gi / (Math.sqrt(si) + e);
      }
    });
  }

  /** Hyper-parameters of {@link Adagrad}. */
  public static final class Builder extends Optimizer.Builder<Adagrad, Builder> {
    private double lrDecay;
    private double initialAccumulator;
    private double eps = 1e-10;

    private Builder(Map<String, Var> params) {
      super(params, 1e-2, 0, Adagrad::new);
    }

    /** Learning-rate decay: update t uses {@code lr / (1 + (t - 1) * lr_decay)}; {@code >= 0}. */
    public Builder lrDecay(double value) {
      lrDecay = value;
      return this;
    }

    /** Starting value of the squared-gradient sum, {@code >= 0}. */
    public Builder initialAccumulator(double value) {
      initialAccumulator = value;
      return this;
    }

    /** Added to the denominator for numerical stability, {@code >= 0}. */
    public Builder eps(double value) {
      eps = value;
      return this;
    }
  }
}
