package dev.eddy.optim;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RMSprop: PyTorch 1.13's {@code torch.optim.RMSprop}. For each parameter {@code p} with gradient
 * {@code g}, elementwise:
 *
 * <pre>
 *   g = g + weight_decay * p
 *   sq = alpha * sq + (1 - alpha) * g * g                          (square_avg)
 *   centered:  ga = alpha * ga + (1 - alpha) * g;                  (grad_avg)
 *              avg = sqrt(sq - ga * ga) + eps
 *   otherwise: avg = sqrt(sq) + eps
 *   momentum > 0: buf = momentum * buf + g / avg;  p = p - lr * buf (momentum_buffer, starts at 0)
 *   otherwise:    p = p - lr * g / avg
 * </pre>
 *
 * Defaults as in PyTorch: lr 1e-2, alpha 0.99, eps 1e-8, momentum 0, not centered, weight decay 0.
 * State per parameter: {@code square_avg}, then {@code momentum_buffer} if momentum > 0, then
 * {@code grad_avg} if centered.
 */
public final class RmsProp extends Optimizer {
  private static final String KIND = "RMSprop";

  private final double alpha;
  private final double eps;
  private final double momentum;
  private final boolean centered;
  private final double weightDecay;

  private RmsProp(Builder b) {
    super(KIND, b.params, b.lr, bufferNames(b));
    this.alpha = Checks.unitInterval(KIND, "alpha", b.alpha);
    this.eps = Checks.nonNegative(KIND, "eps", b.eps);
    this.momentum = Checks.nonNegative(KIND, "momentum", b.momentum);
    this.weightDecay = Checks.nonNegative(KIND, "weight_decay", b.weightDecay);
    this.centered = b.centered;
  }

  private static List<String> bufferNames(Builder b) {
    List<String> names = new ArrayList<>(List.of("square_avg"));
    if (b.momentum > 0) {
      names.add("momentum_buffer");
    }
    if (b.centered) {
      names.add("grad_avg");
    }
    return names;
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
    return ordered("alpha", alpha, "eps", eps, "momentum", momentum, "centered", centered,
        "weight_decay", weightDecay);
  }

  @Override
  void update(Tensor param, Tensor grad, Tensor[] buffers, long step) {
    double lr = lr();
    double a = alpha;
    double e = eps;
    double wd = weightDecay;
    double mom = momentum;
    boolean useMomentum = mom > 0;
    boolean center = centered;
    int gradAvg = useMomentum ? 2 : 1;
    UpdateLoop.run(param, grad, buffers, (p, g, s, from, to) -> {
      double[] sq = s[0];
      double[] buf = useMomentum ? s[1] : null;
      double[] ga = center ? s[gradAvg] : null;
      for (int i = from; i < to; i++) {
        double gi = wd != 0 ? g[i] + wd * p[i] : g[i];
        double sqi = sq[i] * a + (1 - a) * gi * gi;
        sq[i] = sqi;
        double avg;
        if (center) {
          double gai = ga[i] * a + (1 - a) * gi;
          ga[i] = gai;
          avg = Math.sqrt(sqi + -gai * gai) + e;
        } else {
          avg = Math.sqrt(sqi) + e;
        }
        if (useMomentum) {
          double b = buf[i] * mom + gi / avg;
          buf[i] = b;
          p[i] = p[i] + -lr * b;
        } else {
          p[i] = p[i] + -lr * gi / avg;
        }
      }
    });
  }

  /** Hyper-parameters of {@link RmsProp}. */
  public static final class Builder extends Optimizer.Builder<RmsProp, Builder> {
    private double alpha = 0.99;
    private double eps = 1e-8;
    private double momentum;
    private boolean centered;

    private Builder(Map<String, Var> params) {
      super(params, 1e-2, 0, RmsProp::new);
    }

    /** Smoothing constant of the squared-gradient average, in [0, 1]. */
    public Builder alpha(double value) {
      alpha = value;
      return this;
    }

    /** Added to the denominator for numerical stability, {@code >= 0}. */
    public Builder eps(double value) {
      eps = value;
      return this;
    }

    /** Momentum factor, {@code >= 0}. */
    public Builder momentum(double value) {
      momentum = value;
      return this;
    }

    /** Whether to normalise by an estimate of the gradient's variance rather than its second moment. */
    public Builder centered(boolean value) {
      centered = value;
      return this;
    }
  }
}
