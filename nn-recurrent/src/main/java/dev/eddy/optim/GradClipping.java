package dev.eddy.optim;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Gradient clipping, as PyTorch 1.13's {@code torch.nn.utils.clip_grad_norm_} and
 * {@code clip_grad_value_}: gradients are changed in place, between the backward pass and the
 * optimizer step. Parameters without a gradient are left out. Parameters are named (a map, e.g. an
 * optimizer's {@link Optimizer#parameters()}) or listed (then named "0", "1", ... in messages).
 */
public final class GradClipping {
  private static final String NORM = "clipGradNorm";
  private static final String VALUE = "clipGradValue";

  private GradClipping() {}

  /** {@link #clipGradNorm(Map, double, double, boolean)} with the 2-norm and no non-finite check. */
  public static double clipGradNorm(Map<String, Var> params, double maxNorm) {
    return clipGradNorm(params, maxNorm, 2, false);
  }

  /** {@link #clipGradNorm(Map, double, double, boolean)} over a list of parameters. */
  public static double clipGradNorm(List<Var> params, double maxNorm, double normType, boolean errorIfNonfinite) {
    return clipGradNorm(NamedParameters.fromList(NORM, params), maxNorm, normType, errorIfNonfinite);
  }

  /** {@link #clipGradNorm(Map, double, double, boolean)} over a list, 2-norm, no non-finite check. */
  public static double clipGradNorm(List<Var> params, double maxNorm) {
    return clipGradNorm(NamedParameters.fromList(NORM, params), maxNorm, 2, false);
  }

  /**
   * Scales all gradients together so that their total norm is at most about {@code maxNorm}, and
   * returns the total norm they had.
   *
   * <p>The total norm is the {@code normType}-norm of all gradient elements as one vector, computed
   * in double: {@code (Σ |g|^p)^(1/p)}, or {@code max |g|} for {@code normType} infinity. Every
   * gradient is then multiplied by {@code maxNorm / (total + 1e-6)} when that is below 1 (PyTorch
   * multiplies by the factor clamped to 1, which changes nothing else). A NaN or infinite total makes
   * every gradient NaN or 0, as in PyTorch, unless {@code errorIfNonfinite}: then nothing is changed
   * and an {@link ArithmeticException} names the first parameter whose gradient is not finite.
   * No gradient at all gives 0.
   *
   * @param maxNorm the largest total norm to allow, {@code >= 0} (infinity only measures)
   * @param normType p of the p-norm: {@code > 0}, or {@link Double#POSITIVE_INFINITY}
   */
  public static double clipGradNorm(Map<String, Var> params, double maxNorm, double normType,
      boolean errorIfNonfinite) {
    if (!(maxNorm >= 0)) {
      throw new IllegalArgumentException(NORM + ": maxNorm must be >= 0, got " + maxNorm);
    }
    if (!(normType > 0)) {
      throw new IllegalArgumentException(NORM + ": normType must be > 0 or infinity, got " + normType);
    }
    Map<String, Var> named = NamedParameters.withoutNulls(NORM, params);
    double total = 0;
    for (Var v : named.values()) {
      if (v.grad() != null) {
        double part = normPart(v.grad(), normType);
        total = normType == Double.POSITIVE_INFINITY ? Math.max(total, part) : total + part;
      }
    }
    if (normType != Double.POSITIVE_INFINITY) {
      total = normType == 1 ? total : normType == 2 ? Math.sqrt(total) : StrictMath.pow(total, 1 / normType);
    }
    if (errorIfNonfinite && !Double.isFinite(total)) {
      String p = normType == Double.POSITIVE_INFINITY ? "inf" : Double.toString(normType);
      throw new ArithmeticException(NORM + ": the total " + p + "-norm of the gradients is " + total + "; "
          + firstNonFinite(named) + " (gradients left unchanged)");
    }
    double coef = maxNorm / (total + 1e-6);
    if (!(coef >= 1)) {
      for (Var v : named.values()) {
        if (v.grad() != null) {
          scale(v.grad(), coef);
        }
      }
    }
    return total;
  }

  /** {@link #clipGradValue(Map, double)} over a list of parameters. */
  public static void clipGradValue(List<Var> params, double clip) {
    clipGradValue(NamedParameters.fromList(VALUE, params), clip);
  }

  /** Clamps every gradient element into {@code [-clip, clip]} in place ({@code clip >= 0}); NaN stays NaN. */
  public static void clipGradValue(Map<String, Var> params, double clip) {
    if (!(clip >= 0)) {
      throw new IllegalArgumentException(VALUE + ": clip must be >= 0, got " + clip);
    }
    for (Var v : NamedParameters.withoutNulls(VALUE, params).values()) {
      Tensor g = v.grad();
      if (g == null) {
        continue;
      }
      if (g.dtype() == DType.F64) {
        double[] a = g.f64();
        for (int i = 0; i < a.length; i++) {
          a[i] = a[i] < -clip ? -clip : a[i] > clip ? clip : a[i];
        }
      } else {
        float[] a = g.f32();
        float c = (float) clip;
        for (int i = 0; i < a.length; i++) {
          a[i] = a[i] < -c ? -c : a[i] > c ? c : a[i];
        }
      }
    }
  }

  /** Σ |g|^p over one gradient (max |g| for p infinity), in double; NaN if any element is NaN. */
  private static double normPart(Tensor grad, double p) {
    double acc = 0;
    if (grad.dtype() == DType.F64) {
      for (double x : grad.f64()) {
        acc = accumulate(acc, x, p);
      }
    } else {
      for (float x : grad.f32()) {
        acc = accumulate(acc, x, p);
      }
    }
    return acc;
  }

  private static double accumulate(double acc, double x, double p) {
    double a = Math.abs(x);
    if (p == 2) {
      return acc + a * a;
    }
    if (p == 1) {
      return acc + a;
    }
    return p == Double.POSITIVE_INFINITY ? Math.max(acc, a) : acc + StrictMath.pow(a, p);
  }

  private static String firstNonFinite(Map<String, Var> params) {
    for (Map.Entry<String, Var> e : params.entrySet()) {
      Tensor g = e.getValue().grad();
      for (int i = 0; g != null && i < g.numel(); i++) {
        double x = g.dtype() == DType.F64 ? g.f64()[i] : g.f32()[i];
        if (!Double.isFinite(x)) {
          return "the gradient of '" + e.getKey() + "' " + g.shape() + " has " + x + " at flat index " + i;
        }
      }
    }
    return "every element is finite, but the sum of their powers overflows a double";
  }

  private static void scale(Tensor grad, double coef) {
    if (grad.dtype() == DType.F64) {
      double[] a = grad.f64();
      for (int i = 0; i < a.length; i++) {
        a[i] *= coef;
      }
    } else {
      float[] a = grad.f32();
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) (a[i] * coef);
      }
    }
  }
}
