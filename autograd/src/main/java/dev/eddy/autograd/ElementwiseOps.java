package dev.eddy.autograd;

import dev.eddy.tensor.Shape;
import dev.eddy.tensor.Tensor;

/**
 * Differentiable arithmetic with NumPy broadcasting: {@code [batch, hidden] + [hidden]} adds a bias
 * to every row, and the bias gradient is the gradient summed over the batch. Also {@link #where}, the
 * elementwise choice used for masking.
 *
 * <p>At the kinks of {@link #maximum} and {@link #minimum} (equal operands) the gradient is split
 * evenly between the two, as {@link ReductionOps#max} splits it between tied maxima.
 */
public final class ElementwiseOps {
  private ElementwiseOps() {}

  /** {@code a + b}, broadcast. */
  public static Var add(Var a, Var b) {
    Shape as = a.shape();
    Shape bs = b.shape();
    return Op.result("add", a.value().add(b.value()),
        (g, needs) -> new Tensor[] {needs[0] ? g.sumTo(as) : null, needs[1] ? g.sumTo(bs) : null}, a, b);
  }

  /** {@code x + s}. */
  public static Var add(Var x, double s) {
    return Op.result("add", x.value().add(s), g -> g, x);
  }

  /** {@code a - b}, broadcast. */
  public static Var sub(Var a, Var b) {
    Shape as = a.shape();
    Shape bs = b.shape();
    return Op.result("sub", a.value().sub(b.value()),
        (g, needs) -> new Tensor[] {needs[0] ? g.sumTo(as) : null, needs[1] ? g.neg().sumTo(bs) : null}, a, b);
  }

  /** {@code x - s}. */
  public static Var sub(Var x, double s) {
    return Op.result("sub", x.value().sub(s), g -> g, x);
  }

  /** {@code s - x}. */
  public static Var rsub(Var x, double s) {
    return Op.result("rsub", x.value().rsub(s), Tensor::neg, x);
  }

  /** {@code a * b} elementwise, broadcast. */
  public static Var mul(Var a, Var b) {
    Tensor av = a.value();
    Tensor bv = b.value();
    return Op.result("mul", av.mul(bv), (g, needs) -> new Tensor[] {
        needs[0] ? g.mul(bv).sumTo(av.shape()) : null,
        needs[1] ? g.mul(av).sumTo(bv.shape()) : null}, a, b);
  }

  /** {@code x * s}. */
  public static Var mul(Var x, double s) {
    return Op.result("mul", x.value().mul(s), g -> g.mul(s), x);
  }

  /** {@code a / b}, broadcast. */
  public static Var div(Var a, Var b) {
    Tensor av = a.value();
    Tensor bv = b.value();
    Tensor y = av.div(bv);
    return Op.result("div", y, (g, needs) -> {
      Tensor gOverB = g.div(bv);
      return new Tensor[] {
          needs[0] ? gOverB.sumTo(av.shape()) : null,
          needs[1] ? gOverB.mul(y).neg().sumTo(bv.shape()) : null}; // d(a/b)/db = -y/b
    }, a, b);
  }

  /** {@code x / s}. */
  public static Var div(Var x, double s) {
    return Op.result("div", x.value().div(s), g -> g.div(s), x);
  }

  /** {@code s / x}. */
  public static Var rdiv(Var x, double s) {
    Tensor xv = x.value();
    Tensor y = xv.rdiv(s);
    return Op.result("rdiv", y, g -> g.mul(y).div(xv).neg(), x);
  }

  /** {@code a} raised to {@code b}, broadcast; the gradient for {@code b} needs {@code a > 0}. */
  public static Var pow(Var a, Var b) {
    Tensor av = a.value();
    Tensor bv = b.value();
    Tensor y = av.pow(bv);
    return Op.result("pow", y, (g, needs) -> new Tensor[] {
        needs[0] ? g.mul(bv).mul(av.pow(bv.sub(1))).sumTo(av.shape()) : null,
        needs[1] ? g.mul(y).mul(av.log()).sumTo(bv.shape()) : null}, a, b);
  }

  /** {@code x} raised to a constant {@code exponent}. */
  public static Var pow(Var x, double exponent) {
    Tensor xv = x.value();
    return Op.result("pow", xv.pow(exponent), g -> g.mul(xv.pow(exponent - 1)).mul(exponent), x);
  }

  /** Elementwise maximum, broadcast; ties split the gradient evenly. */
  public static Var maximum(Var a, Var b) {
    return extremum("maximum", a, b, true);
  }

  /** Elementwise minimum, broadcast; ties split the gradient evenly. */
  public static Var minimum(Var a, Var b) {
    return extremum("minimum", a, b, false);
  }

  private static Var extremum(String op, Var a, Var b, boolean max) {
    Tensor av = a.value();
    Tensor bv = b.value();
    Tensor y = max ? av.maximum(bv) : av.minimum(bv);
    return Op.result(op, y, (g, needs) -> {
      Tensor shareA = (max ? av.gt(bv) : av.lt(bv)).add(av.eq(bv).mul(0.5)); // broadcast shape
      return new Tensor[] {
          needs[0] ? g.mul(shareA).sumTo(av.shape()) : null,
          needs[1] ? g.mul(shareA.rsub(1)).sumTo(bv.shape()) : null};
    }, a, b);
  }

  /** Elementwise {@code max(x, s)}; where {@code x == s} half the gradient flows to x. */
  public static Var maximum(Var x, double s) {
    Tensor xv = x.value();
    return Op.result("maximum", xv.maximum(s), g -> g.mul(xv.gt(s).add(xv.eq(s).mul(0.5))), x);
  }

  /** Elementwise {@code min(x, s)}; where {@code x == s} half the gradient flows to x. */
  public static Var minimum(Var x, double s) {
    Tensor xv = x.value();
    return Op.result("minimum", xv.minimum(s), g -> g.mul(xv.lt(s).add(xv.eq(s).mul(0.5))), x);
  }

  /**
   * {@code a} where {@code cond} is nonzero, else {@code b}; all three broadcast together. The
   * gradient flows to {@code a} where the condition holds and to {@code b} elsewhere: blending a new
   * recurrent state with the old one by a {@code [batch, 1]} mask is {@code where(mask, next, prev)}.
   */
  public static Var where(Tensor cond, Var a, Var b) {
    Shape as = a.shape();
    Shape bs = b.shape();
    return Op.result("where", Tensor.where(cond, a.value(), b.value()), (g, needs) -> {
      Tensor zero = Tensor.zeros(g.dtype());
      return new Tensor[] {
          needs[0] ? Tensor.where(cond, g, zero).sumTo(as) : null,
          needs[1] ? Tensor.where(cond, zero, g).sumTo(bs) : null};
    }, a, b);
  }
}
