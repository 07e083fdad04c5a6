package dev.eddy.nn.recurrent;

import java.util.random.RandomGenerator;

/**
 * Chrono initialisation of gate biases (Tallec and Ollivier, "Can recurrent neural networks warp
 * time?", ICLR 2018): a gate that decides how much of the state to keep gets the bias
 * {@code log(u)}, {@code u ~ U(1, maxTimeScale - 1)} per unit, so at the start of training the
 * units keep their state over characteristic times spread between 1 and about {@code maxTimeScale}
 * steps. For dependencies over hundreds of steps (the adding and copy tasks) this lets gradients
 * through from the first step, where a forget bias of 1 ({@code σ(1)^100 ≈ 2e-14}) does not.
 */
final class ChronoInit {
  private ChronoInit() {}

  /** Checks a time scale given to a builder; {@code owner} names it in the message. */
  static double checkMaxTimeScale(String owner, double value) {
    if (!(value >= 2) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(owner + ": chrono init needs a finite max time scale of at least 2 steps, got "
          + value);
    }
    return value;
  }

  /** {@code hidden} values {@code log(u)}, {@code u ~ U(1, maxTimeScale - 1)}, drawn in order from {@code rng}. */
  static double[] keepBiases(RandomGenerator rng, int hidden, double maxTimeScale) {
    double[] b = new double[hidden];
    for (int k = 0; k < hidden; k++) {
      b[k] = Math.log(1 + rng.nextDouble() * (maxTimeScale - 2));
    }
    return b;
  }
}
