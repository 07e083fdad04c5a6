package dev.eddy.autograd;

import dev.eddy.tensor.Shape;
import dev.eddy.tensor.Tensor;

/**
 * Differentiable matrix products over the last two axes, batched with broadcast batch axes:
 * {@code [batch, time, in] @ [in, out]} projects every step, and the weight's gradient is summed over
 * batch and time. Only the gradients that are needed are computed: a product of data and a weight
 * computes no gradient for the data.
 */
public final class MatMulOps {
  private MatMulOps() {}

  /** {@code a @ b}: {@code [..., m, k] @ [..., k, n] -> [..., m, n]}; both need rank ≥ 2. */
  public static Var matmul(Var a, Var b) {
    return matmul(a, false, b, false);
  }

  /**
   * {@code op(a) @ op(b)}, where {@code op} transposes the last two axes when its flag is set, without
   * copying: {@code matmul(x, false, w, true)} is {@code x @ wᵀ} for a PyTorch-layout weight
   * {@code w [out, in]} and input {@code x [batch, in]}.
   */
  public static Var matmul(Var a, boolean transA, Var b, boolean transB) {
    Tensor av = a.value();
    Tensor bv = b.value();
    Tensor y = Tensor.matmul(av, transA, bv, transB);
    return Op.result("matmul", y, (g, needs) -> new Tensor[] {
        needs[0] ? gradA(g, av.shape(), transA, bv, transB) : null,
        needs[1] ? gradB(g, av, transA, bv.shape(), transB) : null}, a, b);
  }

  /** d/dA of op(A) @ op(B): {@code g @ op(B)ᵀ}, or its transpose when A is stored transposed. */
  private static Tensor gradA(Tensor g, Shape as, boolean transA, Tensor b, boolean transB) {
    Tensor ga = transA ? Tensor.matmul(b, transB, g, true) : Tensor.matmul(g, false, b, !transB);
    return ga.sumTo(as);
  }

  /** d/dB of op(A) @ op(B): {@code op(A)ᵀ @ g}, or its transpose when B is stored transposed. */
  private static Tensor gradB(Tensor g, Tensor a, boolean transA, Shape bs, boolean transB) {
    Tensor gb = transB ? Tensor.matmul(g, true, a, transA) : Tensor.matmul(a, !transA, g, false);
    return gb.sumTo(bs);
  }
}
