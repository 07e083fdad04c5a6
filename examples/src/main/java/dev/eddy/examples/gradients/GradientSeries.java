package dev.eddy.examples.gradients;

/**
 * One curve of the study: ‖dL/ds_t‖ for t = 0..T of one part of one model's state.
 *
 * @param name how tables and plots label it ({@code tanh 0.9}, {@code LSTM c})
 * @param norms {@code norms[t]} for t = 0..T
 */
record GradientSeries(String name, double[] norms) {
  /** The last step T. */
  int last() {
    return norms.length - 1;
  }

  /**
   * The mean factor per step back, {@code (|g_0| / |g_k|)^(1/k)} from the last step k with a nonzero
   * gradient (k = T, except for an LSTM's c, which a loss at T does not read): below 1 the gradient
   * vanishes, above 1 it explodes. NaN if there is no such k.
   */
  double gain() {
    int k = last();
    while (k > 0 && norms[k] == 0) {
      k--;
    }
    return k == 0 ? Double.NaN : Math.pow(norms[0] / norms[k], 1.0 / k);
  }
}
