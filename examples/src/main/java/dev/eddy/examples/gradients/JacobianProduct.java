package dev.eddy.examples.gradients;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;

/**
 * Backpropagation through time of a tanh RNN written out as a product of Jacobians, on plain
 * tensors (no autograd), to explain vanishing and exploding gradients in numbers:
 *
 * <pre>
 *   h_t = tanh(x_t W_ihᵀ + h_{t-1} W_hhᵀ + b)
 *   J_t = dh_t / dh_{t-1} = diag(1 − h_t²) W_hh
 *   dL/dh_{t-1} = J_tᵀ dL/dh_t,  so  dL/dh_t = (J_T ⋯ J_{t+1})ᵀ dL/dh_T
 * </pre>
 *
 * Each factor stretches a vector by at most {@code max(1 − h_t²) · σ_max(W_hh) ≤ σ_max(W_hh)}, so
 * the gradient reaching back T − t steps is bounded by {@code σ_max^(T−t) ‖dL/dh_T‖}: it must vanish
 * when σ_max < 1, and it can explode only when the recurrent weights are large enough to outweigh
 * the shrinking tanh derivatives.
 *
 * <p>States and gradients are rows {@code [1, H]} (one sequence); {@code whh} is {@code [H, H]}, all float64.
 */
final class JacobianProduct {
  private JacobianProduct() {}

  /** dL/dh_t for t = 0..T, from the states {@code h[t]} (t = 0..T) and {@code gLast} = dL/dh_T. */
  static Tensor[] backpropagate(Tensor whh, Tensor[] h, Tensor gLast) {
    int last = h.length - 1;
    Tensor[] g = new Tensor[last + 1];
    g[last] = gLast;
    for (int t = last; t > 0; t--) {
      g[t - 1] = g[t].mul(tanhDerivative(h[t])).matmul(whh); // (W_hhᵀ (d ⊙ g))ᵀ = (g ⊙ d) W_hh
    }
    return g;
  }

  /**
   * ‖J_T ⋯ J_{t+1}‖₂ for t = 0..T (1 at t = T): the most the product can stretch a vector. Each norm
   * is estimated by power iteration started from {@code gLast}, so it is never below the measured
   * {@code ‖dL/dh_t‖ / ‖dL/dh_T‖} however slowly the iteration converges.
   */
  static double[] productNorms(Tensor whh, Tensor[] h, Tensor gLast) {
    int last = h.length - 1;
    double[] out = new double[last + 1];
    Tensor product = Tensor.eye(DType.F64, whh.dim(0)); // J_T ⋯ J_{t+1}
    Tensor start = gLast.reshape(gLast.numel());
    for (int t = last; t >= 0; t--) {
      out[t] = Spectra.largestSingularValue(product.t(), start, 200);
      if (t > 0) {
        product = product.mul(tanhDerivative(h[t])).matmul(whh); // P diag(1 − h_t²) W_hh
      }
    }
    return out;
  }

  /** {@code 1 − h²}, the derivative of tanh at the pre-activation that gave h. */
  static Tensor tanhDerivative(Tensor h) {
    return h.square().rsub(1);
  }
}
