package dev.eddy.optim;

import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Optimizer configurations written as PyTorch keyword arguments ({@code lr}, {@code betas},
 * {@code weight_decay}, ...), so random cases and the PyTorch fixture share one form, and gradients
 * set through a tape the way training sets them.
 */
final class OptimizerCases {
  static final List<String> KINDS = List.of("SGD", "Adam", "AdamW", "RMSprop", "Adagrad");

  private OptimizerCases() {}

  static double number(Map<String, Object> options, String key, double fallback) {
    Object v = options.get(key);
    return v == null ? fallback : ((Number) v).doubleValue();
  }

  static boolean flag(Map<String, Object> options, String key) {
    return Boolean.TRUE.equals(options.get(key));
  }

  /** The optimizer {@code kind} with the given PyTorch options (absent ones keep Eddy's defaults). */
  static Optimizer build(String kind, Map<String, Object> options, Map<String, Var> params) {
    return switch (kind) {
      case "SGD" -> withCommon(Sgd.builder(params), options)
          .momentum(number(options, "momentum", 0))
          .dampening(number(options, "dampening", 0))
          .nesterov(flag(options, "nesterov"))
          .build();
      case "Adam" -> adam(Adam.builder(params), options).build();
      case "AdamW" -> adam(AdamW.builder(params), options).build();
      case "RMSprop" -> withCommon(RmsProp.builder(params), options)
          .alpha(number(options, "alpha", 0.99))
          .eps(number(options, "eps", 1e-8))
          .momentum(number(options, "momentum", 0))
          .centered(flag(options, "centered"))
          .build();
      case "Adagrad" -> withCommon(Adagrad.builder(params), options)
          .lrDecay(number(options, "lr_decay", 0))
          .initialAccumulator(number(options, "initial_accumulator_value", 0))
          .eps(number(options, "eps", 1e-10))
          .build();
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private static <B extends Optimizer.Builder<?, B>> B withCommon(B builder, Map<String, Object> options) {
    if (options.containsKey("lr")) {
      builder.lr(number(options, "lr", 0));
    }
    if (options.containsKey("weight_decay")) {
      builder.weightDecay(number(options, "weight_decay", 0));
    }
    return builder;
  }

  private static <B extends AdamBase.Builder<?, B>> B adam(B builder, Map<String, Object> options) {
    withCommon(builder, options);
    if (options.get("betas") instanceof List<?> betas) {
      builder.betas(((Number) betas.get(0)).doubleValue(), ((Number) betas.get(1)).doubleValue());
    }
    if (options.containsKey("eps")) {
      builder.eps(number(options, "eps", 0));
    }
    return builder.amsgrad(flag(options, "amsgrad"));
  }

  /** Random valid options for {@code kind}, away from settings whose rounding is unstable (tiny alpha). */
  static Map<String, Object> randomOptions(String kind, SplittableRandom r) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("lr", 0.001 + 0.3 * r.nextDouble());
    if (r.nextBoolean()) {
      o.put("weight_decay", 0.1 * r.nextDouble());
    }
    switch (kind) {
      case "SGD" -> {
        if (r.nextInt(4) > 0) {
          o.put("momentum", 0.1 + 0.85 * r.nextDouble());
          if (r.nextBoolean()) {
            o.put("nesterov", true);
          } else if (r.nextBoolean()) {
            o.put("dampening", r.nextDouble());
          }
        }
      }
      case "Adam", "AdamW" -> {
        o.put("betas", List.of(0.5 + 0.45 * r.nextDouble(), 0.9 + 0.0999 * r.nextDouble()));
        o.put("eps", r.nextBoolean() ? 1e-8 : 1e-3 * r.nextDouble());
        o.put("amsgrad", r.nextBoolean());
      }
      case "RMSprop" -> {
        o.put("alpha", 0.5 + 0.499 * r.nextDouble());
        o.put("eps", r.nextBoolean() ? 1e-8 : 1e-3 * r.nextDouble());
        if (r.nextBoolean()) {
          o.put("momentum", 0.9 * r.nextDouble());
        }
        o.put("centered", r.nextBoolean());
      }
      case "Adagrad" -> {
        o.put("lr_decay", r.nextBoolean() ? 0.0 : 0.5 * r.nextDouble());
        o.put("initial_accumulator_value", r.nextBoolean() ? 0.0 : r.nextDouble());
        o.put("eps", r.nextBoolean() ? 1e-10 : 1e-3 * r.nextDouble());
      }
      default -> throw new IllegalArgumentException(kind);
    }
    return o;
  }

  /**
   * Gives each parameter exactly the gradient {@code grads.get(name)} by a backward pass of
   * {@code sum(p * g)}; a null or absent entry leaves the parameter without a gradient.
   */
  static void setGrads(Map<String, Var> params, Map<String, Tensor> grads) {
    for (Map.Entry<String, Var> e : params.entrySet()) {
      Var p = e.getValue();
      p.zeroGrad();
      Tensor g = grads.get(e.getKey());
      if (g != null) {
        try (Tape tape = Tape.open()) {
          tape.backward(p.mul(Var.constant(g)).sum());
        }
      }
    }
  }

  /** Fresh parameters holding copies of {@code values}, in their order. */
  static Map<String, Var> parameters(Map<String, Tensor> values) {
    Map<String, Var> params = new LinkedHashMap<>();
    values.forEach((name, t) -> params.put(name, Var.parameter(name, t.copy())));
    return params;
  }
}
