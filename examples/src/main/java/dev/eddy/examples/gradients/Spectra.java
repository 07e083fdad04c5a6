package dev.eddy.examples.gradients;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;

/**
 * The two sizes of a matrix that decide how a vector grows under repeated multiplication.
 *
 * <ul>
 *   <li>The <b>spectral radius</b> ρ(W) of a square matrix, its largest |eigenvalue|: in the long
 *       run {@code ‖Wⁿ v‖} grows or shrinks like ρⁿ.
 *   <li>The <b>largest singular value</b> σ_max(W) = ‖W‖₂, the most one multiplication can stretch a
 *       vector: {@code ‖W v‖ ≤ σ_max ‖v‖}. Always σ_max ≥ ρ; they are equal for a normal matrix such
 *       as a scaled orthogonal one, and σ_max is about 2ρ for a square Gaussian matrix.
 * </ul>
 *
 * Both work on float64 tensors {@code [rows, cols]}.
 */
final class Spectra {
  private Spectra() {}

  /**
   * ρ(W) of a square {@code w} by Gelfand's formula {@code ρ = lim ‖Wⁿ‖^(1/n)}, with n = 2^30
   * reached by squaring thirty times (normalising each time, so nothing overflows). Unlike power
   * iteration this converges for any matrix, including those whose largest eigenvalues are a complex
   * pair or several of equal modulus (a rotation); the error is about {@code log(cond) / 2^30}.
   */
  static double spectralRadius(Tensor w) {
    Tensor a = w.to(DType.F64);
    double logNorm = 0; // log ‖W^(2^k)‖ / 2^k
    for (int k = 0; k <= 30; k++) {
      if (k > 0) {
        a = a.matmul(a);
      }
      double s = norm(a);
      if (s == 0) {
        return 0; // nilpotent
      }
      a = a.div(s);
      logNorm += Math.log(s) / Math.pow(2, k);
    }
    return Math.exp(logNorm);
  }

  /** σ_max(W) by power iteration on WᵀW from a fixed start vector. */
  static double largestSingularValue(Tensor w) {
    Tensor start = Tensor.arange(DType.F64, w.dim(1)).mul(0.01).add(1); // fixed, dense
    return largestSingularValue(w, start, 500);
  }

  /**
   * σ_max(W) by {@code iterations} rounds of power iteration on WᵀW from {@code start [cols]}. The
   * estimate ‖W v‖/‖v‖ never decreases from one round to the next (WᵀW is positive semi-definite), so
   * it lies between {@code ‖W start‖ / ‖start‖} and σ_max.
   */
  static double largestSingularValue(Tensor w, Tensor start, int iterations) {
    Tensor m = w.to(DType.F64);
    Tensor v = start.to(DType.F64).reshape(start.numel(), 1);
    double best = 0;
    for (int it = 0; it <= iterations; it++) {
      double nv = norm(v);
      if (nv == 0) {
        break;
      }
      Tensor wv = m.matmul(v.div(nv));
      best = Math.max(best, norm(wv));
      v = Tensor.matmul(m, true, wv, false);
    }
    return best;
  }

  /** The 2-norm of all elements (Frobenius for a matrix), computed in float64. */
  static double norm(Tensor t) {
    return Math.sqrt(t.to(DType.F64).square().sum().item());
  }
}
