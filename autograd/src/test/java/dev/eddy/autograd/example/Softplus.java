package dev.eddy.autograd.example;

import dev.eddy.autograd.Op;
import dev.eddy.autograd.Var;
import dev.eddy.tensor.Tensor;

/** The worked example of docs/extending.md: a new differentiable op written against the public API only. */
public final class Softplus {
  private Softplus() {}

  /** {@code softplus(x) = log(1 + e^x)}, elementwise, any shape. */
  public static Var softplus(Var x) {
    Tensor xv = x.value();
    // forward, in the stable form max(x, 0) + log(1 + e^-|x|): e^x would overflow for large x
    Tensor y = xv.relu().add(xv.abs().neg().exp().add(1).log());
    // backward: d softplus / dx = sigmoid(x); the lambda captures only what it needs (x)
    return Op.result("softplus", y, g -> g.mul(xv.sigmoid()), x);
  }
}
