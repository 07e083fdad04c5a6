package dev.eddy.tensor.kernels;

/**
 * Elementwise binary operations {@code out = a op b}. Comparisons produce 1 (true) or 0 (false);
 * {@code MAX} and {@code MIN} behave like {@link Math#max}/{@link Math#min} (NaN wins, -0 &lt; +0).
 */
public enum BinaryOp {
  ADD, SUB, MUL, DIV,
  /** {@code a} raised to {@code b}, as {@link Math#pow}. */
  POW,
  MAX, MIN,
  EQ, NE, LT, LE, GT, GE;

  /** The result for one pair of doubles; the scalar reference semantics of every kernel. */
  public double apply(double a, double b) {
    return switch (this) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> a / b;
      case POW -> Math.pow(a, b);
      case MAX -> Math.max(a, b);
      case MIN -> Math.min(a, b);
      case EQ -> a == b ? 1 : 0;
      case NE -> a != b ? 1 : 0;
      case LT -> a < b ? 1 : 0;
      case LE -> a <= b ? 1 : 0;
      case GT -> a > b ? 1 : 0;
      case GE -> a >= b ? 1 : 0;
    };
  }

  /** The result for one pair of floats, computed in float arithmetic. */
  public float apply(float a, float b) {
    return switch (this) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> a / b;
      case POW -> (float) Math.pow(a, b);
      case MAX -> Math.max(a, b);
      case MIN -> Math.min(a, b);
      default -> (float) apply((double) a, (double) b);
    };
  }
}
