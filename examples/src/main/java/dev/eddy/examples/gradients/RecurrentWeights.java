package dev.eddy.examples.gradients;

import dev.eddy.nn.Init;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.SplittableRandom;

/** How the tanh RNN's recurrent matrix W_hh {@code [H, H]} is drawn before it is given a spectral radius ρ. */
enum RecurrentWeights {
  /** A random orthogonal matrix times ρ: every eigenvalue has modulus ρ and every singular value is ρ. */
  ORTHOGONAL,
  /**
   * A Gaussian matrix scaled so its spectral radius is ρ: a non-normal matrix whose largest singular
   * value is about 2ρ, so one step can stretch a vector more than ρ suggests.
   */
  GAUSSIAN;

  /** The float64 matrix for {@code hidden} units with spectral radius {@code radius}, drawn from {@code seed}. */
  Tensor draw(int hidden, double radius, long seed) {
    var rng = new SplittableRandom(seed);
    if (this == ORTHOGONAL) {
      return Init.orthogonal(rng, DType.F64, radius, hidden, hidden);
    }
    Tensor w = Init.normal(rng, DType.F64, 1 / Math.sqrt(hidden), hidden, hidden);
    return w.mul(radius / Spectra.spectralRadius(w));
  }
}
