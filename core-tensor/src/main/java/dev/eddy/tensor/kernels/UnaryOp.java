package dev.eddy.tensor.kernels;

/** Elementwise unary operations {@code out = f(x)}. */
public enum UnaryOp {
  NEG, EXP, LOG, SQRT, ABS,
  /** Hyperbolic tangent; saturates to ±1 without overflow. */
  TANH,
  /** Logistic {@code 1 / (1 + e^-x)}; saturates to 0 or 1 without overflow. */
  SIGMOID,
  /** {@code max(x, 0)}; NaN stays NaN. */
  RELU,
  SQUARE, RECIPROCAL,
  /** -1, 0 or 1 ({@link Math#signum}: ±0 and NaN are returned unchanged). */
  SIGN;

  /** The result for one double; the scalar reference semantics of every kernel. */
  public double apply(double x) {
    return switch (this) {
      case NEG -> -x;
      case EXP -> Math.exp(x);
      case LOG -> Math.log(x);
      case SQRT -> Math.sqrt(x);
      case ABS -> Math.abs(x);
      case TANH -> Math.tanh(x);
      case SIGMOID -> sigmoid(x);
      case RELU -> Math.max(x, 0.0);
      case SQUARE -> x * x;
      case RECIPROCAL -> 1.0 / x;
      case SIGN -> Math.signum(x);
    };
  }

  /** The result for one float: exact ops in float arithmetic, transcendentals rounded from double. */
  public float apply(float x) {
    return switch (this) {
      case NEG -> -x;
      case ABS -> Math.abs(x);
      case RELU -> Math.max(x, 0f);
      case SQUARE -> x * x;
      case RECIPROCAL -> 1f / x;
      case SIGN -> Math.signum(x);
      default -> (float) apply((double) x);
    };
  }

  /** Stable logistic: never evaluates {@code e^x} for large positive x. */
  static double sigmoid(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }
}
