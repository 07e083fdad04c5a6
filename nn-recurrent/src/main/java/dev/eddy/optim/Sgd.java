package dev.eddy.optim;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight
 * decay: PyTorch 1.13's {@code torch.optim.SGD}. For each parameter {@code p} with gradient
 * {@code g}, elementwise:
 *
 * <pre>
 *   d = g + weight_decay * p
 *   if momentum != 0:
 *     buf = d                                         (first update of p)
 *     buf = momentum * buf + (1 - dampening) * d      (later updates)
 *     d   = nesterov ? d + momentum * buf : buf
 *   p = p - lr * d
 * </pre>
 *
 * State: {@code momentum_buffer} per parameter when momentum is not 0. There is no default
 * learning rate (as in PyTorch): {@code Sgd.builder(params).lr(0.1).momentum(0.9).build()}.
 */
public final class Sgd extends Optimizer {
  private static final String KIND = "SGD";

  private final double momentum;
  private final double dampening;
  private final boolean nesterov;
  private final double weightDecay;

  private Sgd(Builder b) {
    super(KIND, b.params, requireLr(b.lr), b.momentum != 0 ? List.of("momentum_buffer") : List.of());
    this.momentum = Checks.nonNegative(KIND, "momentum", b.momentum);
    this.dampening = Checks.unitInterval(KIND, "dampening", b.dampening);
    this.weightDecay = Checks.nonNegative(KIND, "weight_decay", b.weightDecay);
    this.nesterov = b.nesterov;
    if (nesterov && (momentum == 0 || dampening != 0)) {
      throw new IllegalArgumentException(KIND + ": nesterov needs momentum > 0 and dampening 0, got momentum "
          + momentum + " and dampening " + dampening);
    }
  }

  private static double requireLr(double lr) {
    if (Double.isNaN(lr)) {
      throw new IllegalArgumentException(KIND + ": lr is required (SGD has no default learning rate); set it with lr(...)");
    }
    return lr;
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
    return ordered("momentum", momentum, "dampening", dampening, "nesterov", nesterov, "weight_decay", weightDecay);
  }

  @Override
  void update(Tensor param, Tensor grad, Tensor[] buffers, long step) {
    double lr = lr();
    double wd = weightDecay;
    double mom = momentum;
    double keep = 1 - dampening;
    boolean first = step == 1;
    boolean nest = nesterov;
    if (mom == 0) {
      UpdateLoop.run(param, grad, buffers, (p, g, s, from, to) -> {
        for (int i = from; i < to; i++) {
          double d = wd != 0 ? g[i] + wd * p[i] : g[i];
          p[i] = p[i] + -lr * d;
        }
      });
      return;
    }
    UpdateLoop.run(param, grad, buffers, (p, g, s, from, to) -> {
      double[] buf = s[0];
      for (int i = from; i < to; i++) {
        double d = wd != 0 ? g[i] + wd * p[i] : g[i];
        double b = first ? d : buf[i] * mom + keep * d;
        buf[i] = b;
        d = nest ? d + mom * b : b;
        p[i] = p[i] + -lr * d;
      }
    });
  }

  /** Hyper-parameters of {@link Sgd}; defaults as in PyTorch (momentum, dampening, weight decay 0). */
  public static final class Builder extends Optimizer.Builder<Sgd, Builder> {
    private double momentum;
    private double dampening;
    private boolean nesterov;

    private Builder(Map<String, Var> params) {
      super(params, Double.NaN, 0, Sgd::new);
    }

    /** Momentum factor, {@code >= 0} (0: plain SGD, no state). */
    public Builder momentum(double value) {
      momentum = value;
      return this;
    }

    /** Dampening of the momentum, in [0, 1]. */
    public Builder dampening(double value) {
      dampening = value;
      return this;
    }

    /** Nesterov momentum (needs momentum > 0 and dampening 0). */
    public Builder nesterov(boolean value) {
      nesterov = value;
      return this;
    }
  }
}
