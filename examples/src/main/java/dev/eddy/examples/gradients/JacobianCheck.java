package dev.eddy.examples.gradients;

import dev.eddy.nn.golden.RelativeError;
import dev.eddy.tensor.Tensor;

/**
 * What the Jacobian product says about one run of a tanh RNN, beside what autograd measured.
 *
 * @param setRadius the spectral radius W_hh was drawn with
 * @param radius ρ(W_hh) computed from the matrix
 * @param sigmaMax σ_max(W_hh)
 * @param rmsDerivative the geometric mean over t = 1..T of the RMS of {@code 1 − h_t²}
 * @param gain the measured mean factor per step back, {@code (‖dL/dh_0‖ / ‖dL/dh_T‖)^(1/T)}
 * @param autograd0 ‖dL/dh_0‖ from autograd
 * @param product0 ‖dL/dh_0‖ from the Jacobian product multiplied out by hand
 * @param productBound0 {@code ‖J_T ⋯ J_1‖₂ ‖dL/dh_T‖}, an upper bound of ‖dL/dh_0‖
 * @param sigmaBound0 {@code σ_max^T ‖dL/dh_T‖}, a cruder one
 * @param maxRelDiff the worst {@link RelativeError} between product and autograd over all t
 */
record JacobianCheck(double setRadius, double radius, double sigmaMax, double rmsDerivative, double gain,
    double autograd0, double product0, double productBound0, double sigmaBound0, double maxRelDiff) {

  /** Multiplies out the product for {@code run}, a tanh RNN with recurrent weights {@code whh}, one sequence. */
  static JacobianCheck of(double setRadius, Tensor whh, StateGradients.Run run) {
    Tensor[] h = run.states()[0];
    Tensor[] measured = run.grads()[0];
    int last = h.length - 1;
    Tensor gLast = measured[last];
    Tensor[] byHand = JacobianProduct.backpropagate(whh, h, gLast);
    double worst = 0;
    for (int t = 0; t <= last; t++) {
      worst = Math.max(worst, RelativeError.of("dL/dh_" + t, byHand[t], measured[t]).max());
    }
    double logRms = 0;
    for (int t = 1; t <= last; t++) {
      logRms += 0.5 * Math.log(JacobianProduct.tanhDerivative(h[t]).square().mean().item()) / last;
    }
    double sigma = Spectra.largestSingularValue(whh);
    double gNorm = Spectra.norm(gLast);
    double autograd0 = Spectra.norm(measured[0]);
    return new JacobianCheck(setRadius, Spectra.spectralRadius(whh), sigma, Math.exp(logRms),
        Math.pow(autograd0 / gNorm, 1.0 / last), autograd0, Spectra.norm(byHand[0]),
        JacobianProduct.productNorms(whh, h, gLast)[0] * gNorm, Math.pow(sigma, last) * gNorm, worst);
  }
}
