package dev.eddy.autograd;

import dev.eddy.tensor.Tensor;

/**
 * Differentiable elementwise functions of one tensor (any shape; the result has the same shape).
 * Where the math allows, the backward reuses the output instead of saving the input (exp, tanh,
 * sigmoid, sqrt, reciprocal). At kinks the gradient is the one-sided value PyTorch uses: 0 for
 * {@code abs} and {@code relu} at 0, and {@code clamp} passes the gradient on its closed interval.
 */
public final class UnaryOps {
  private UnaryOps() {}

  /** {@code -x}. */
  public static Var neg(Var x) {
    return Op.result("neg", x.value().neg(), Tensor::neg, x);
  }

  /** {@code e^x}. */
  public static Var exp(Var x) {
    Tensor y = x.value().exp();
    return Op.result("exp", y, g -> g.mul(y), x);
  }

  /** Natural logarithm. */
  public static Var log(Var x) {
    Tensor xv = x.value();
    return Op.result("log", xv.log(), g -> g.div(xv), x);
  }

  /** Square root. */
  public static Var sqrt(Var x) {
    Tensor y = x.value().sqrt();
    return Op.result("sqrt", y, g -> g.div(y).mul(0.5), x);
  }

  /** {@code |x|}. */
  public static Var abs(Var x) {
    Tensor xv = x.value();
    return Op.result("abs", xv.abs(), g -> g.mul(xv.sign()), x);
  }

  /** Hyperbolic tangent. */
  public static Var tanh(Var x) {
    Tensor y = x.value().tanh();
    return Op.result("tanh", y, g -> g.mul(y.square().rsub(1)), x);
  }

  /** Logistic {@code 1 / (1 + e^-x)}. */
  public static Var sigmoid(Var x) {
    Tensor y = x.value().sigmoid();
    return Op.result("sigmoid", y, g -> g.mul(y.rsub(1).mul(y)), x);
  }

  /** {@code max(x, 0)}. */
  public static Var relu(Var x) {
    Tensor xv = x.value();
    return Op.result("relu", xv.relu(), g -> g.mul(xv.gt(0)), x);
  }

  /** {@code x²}. */
  public static Var square(Var x) {
    Tensor xv = x.value();
    return Op.result("square", xv.square(), g -> g.mul(xv).mul(2), x);
  }

  /** {@code 1 / x}. */
  public static Var reciprocal(Var x) {
    Tensor y = x.value().reciprocal();
    return Op.result("reciprocal", y, g -> g.mul(y.square()).neg(), x);
  }

  /** Each element limited to {@code [lo, hi]}; the gradient passes where {@code lo <= x <= hi}. */
  public static Var clamp(Var x, double lo, double hi) {
    Tensor xv = x.value();
    return Op.result("clamp", xv.clamp(lo, hi), g -> g.mul(xv.ge(lo).mul(xv.le(hi))), x);
  }
}
