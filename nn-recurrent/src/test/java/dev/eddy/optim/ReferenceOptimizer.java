package dev.eddy.optim;

import static dev.eddy.optim.OptimizerCases.flag;
import static dev.eddy.optim.OptimizerCases.number;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The update rules written out again, independently of the main code, element by element in the
 * textbook form of PyTorch's documentation (bias-corrected moments {@code m̂ = m / (1 - β1^t)},
 * {@code v̂ = v / (1 - β2^t)}; Math.pow instead of StrictMath.pow), but with PyTorch's implementation
 * choices where they differ from the documentation (AMSGrad keeps the maximum of the uncorrected
 * {@code v}; SGD's buffer starts as the first gradient; RMSprop's starts at 0). Stored values are
 * rounded to float for F32 parameters. Defaults are PyTorch's.
 */
final class ReferenceOptimizer {
  private final String kind;
  private final Map<String, Object> o;
  private final boolean f32;
  private final Map<String, double[]> params = new LinkedHashMap<>();
  private final Map<String, Map<String, double[]>> state = new HashMap<>();
  private final Map<String, Long> steps = new HashMap<>();

  ReferenceOptimizer(String kind, Map<String, Object> options, boolean f32, Map<String, double[]> initial) {
    this.kind = kind;
    this.o = options;
    this.f32 = f32;
    initial.forEach((name, values) -> params.put(name, values.clone()));
  }

  double[] param(String name) {
    return params.get(name);
  }

  /** Buffers by PyTorch name, or null before the parameter's first update. */
  Map<String, double[]> state(String name) {
    return state.get(name);
  }

  long steps(String name) {
    return steps.getOrDefault(name, 0L);
  }

  private double r(double x) {
    return f32 ? (float) x : x;
  }

  /** One step with learning rate {@code lr}; a parameter whose gradient is null is skipped. */
  void step(double lr, Map<String, double[]> grads) {
    for (Map.Entry<String, double[]> e : params.entrySet()) {
      double[] g = grads.get(e.getKey());
      if (g == null) {
        continue;
      }
      long t = steps.merge(e.getKey(), 1L, Long::sum);
      Map<String, double[]> s = state.computeIfAbsent(e.getKey(), k -> newState(e.getValue().length));
      double[] p = e.getValue();
      for (int i = 0; i < p.length; i++) {
        switch (kind) {
          case "SGD" -> sgd(lr, t, p, g, s, i);
          case "Adam", "AdamW" -> adam(lr, t, p, g, s, i, kind.equals("AdamW"));
          case "RMSprop" -> rmsprop(lr, p, g, s, i);
          case "Adagrad" -> adagrad(lr, t, p, g, s, i);
          default -> throw new IllegalArgumentException(kind);
        }
      }
    }
  }

  private Map<String, double[]> newState(int n) {
    Map<String, double[]> s = new LinkedHashMap<>();
    List<String> names = switch (kind) {
      case "SGD" -> number(o, "momentum", 0) != 0 ? List.of("momentum_buffer") : List.of();
      case "Adam", "AdamW" -> flag(o, "amsgrad") ? List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq")
          : List.of("exp_avg", "exp_avg_sq");
      case "RMSprop" -> {
        var list = new java.util.ArrayList<>(List.of("square_avg"));
        if (number(o, "momentum", 0) > 0) {
          list.add("momentum_buffer");
        }
        if (flag(o, "centered")) {
          list.add("grad_avg");
        }
        yield list;
      }
      default -> List.of("sum");
    };
    for (String name : names) {
      double[] buf = new double[n];
      java.util.Arrays.fill(buf, r(kind.equals("Adagrad") ? number(o, "initial_accumulator_value", 0) : 0));
      s.put(name, buf);
    }
    return s;
  }

  private void sgd(double lr, long t, double[] p, double[] grad, Map<String, double[]> s, int i) {
    double mu = number(o, "momentum", 0);
    double g = grad[i] + number(o, "weight_decay", 0) * p[i];
    if (mu != 0) {
      double[] b = s.get("momentum_buffer");
      b[i] = r(t == 1 ? g : mu * b[i] + (1 - number(o, "dampening", 0)) * g);
      g = flag(o, "nesterov") ? g + mu * b[i] : b[i];
    }
    p[i] = r(p[i] - lr * g);
  }

  private void adam(double lr, long t, double[] p, double[] grad, Map<String, double[]> s, int i, boolean decoupled) {
    double beta1 = 0.9;
    double beta2 = 0.999;
    if (o.get("betas") instanceof List<?> betas) {
      beta1 = ((Number) betas.get(0)).doubleValue();
      beta2 = ((Number) betas.get(1)).doubleValue();
    }
    double lambda = number(o, "weight_decay", decoupled ? 1e-2 : 0);
    double theta = decoupled ? p[i] - lr * lambda * p[i] : p[i];
    double g = decoupled ? grad[i] : grad[i] + lambda * p[i];
    double[] m = s.get("exp_avg");
    double[] v = s.get("exp_avg_sq");
    m[i] = r(beta1 * m[i] + (1 - beta1) * g);
    v[i] = r(beta2 * v[i] + (1 - beta2) * g * g);
    double second = v[i];
    if (flag(o, "amsgrad")) {
      double[] vmax = s.get("max_exp_avg_sq");
      vmax[i] = r(Math.max(vmax[i], v[i]));
      second = vmax[i];
    }
    double mHat = m[i] / (1 - Math.pow(beta1, t));
    double vHat = second / (1 - Math.pow(beta2, t));
    p[i] = r(theta - lr * mHat / (Math.sqrt(vHat) + number(o, "eps", 1e-8)));
  }

  private void rmsprop(double lr, double[] p, double[] grad, Map<String, double[]> s, int i) {
    double alpha = number(o, "alpha", 0.99);
    double g = grad[i] + number(o, "weight_decay", 0) * p[i];
    double[] sq = s.get("square_avg");
    sq[i] = r(alpha * sq[i] + (1 - alpha) * g * g);
    double variance = sq[i];
    if (flag(o, "centered")) {
      double[] ga = s.get("grad_avg");
      ga[i] = r(alpha * ga[i] + (1 - alpha) * g);
      variance = sq[i] - ga[i] * ga[i];
    }
    double step = g / (Math.sqrt(variance) + number(o, "eps", 1e-8));
    double mu = number(o, "momentum", 0);
    if (mu > 0) {
      double[] b = s.get("momentum_buffer");
      b[i] = r(mu * b[i] + step);
      step = b[i];
    }
    p[i] = r(p[i] - lr * step);
  }

  private void adagrad(double lr, long t, double[] p, double[] grad, Map<String, double[]> s, int i) {
    double g = grad[i] + number(o, "weight_decay", 0) * p[i];
    double[] sum = s.get("sum");
    sum[i] = r(sum[i] + g * g);
    double decayedLr = lr / (1 + (t - 1) * number(o, "lr_decay", 0));
    p[i] = r(p[i] - decayedLr * g / (Math.sqrt(sum[i]) + number(o, "eps", 1e-10)));
  }
}
