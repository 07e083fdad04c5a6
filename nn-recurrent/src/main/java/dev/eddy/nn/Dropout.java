package dev.eddy.nn;

import dev.eddy.autograd.NnOps;
import dev.eddy.autograd.Var;

/**
 * Inverted dropout ({@link NnOps#dropout}): in training mode each element is zeroed with probability
 * {@code p} and the rest scaled by {@code 1/(1-p)}; in eval mode the input passes unchanged.
 *
 * <p>The module owns a generator seeded at construction (registered as {@code generator}, so its
 * position is in {@link #generatorStates()} and a checkpoint), so a seeded model drops the same
 * elements on every run; each forward in training mode advances it (use one thread per training loop).
 */
public final class Dropout extends Module {
  private final double p;
  private final SplitMix64 rng;

  public Dropout(double p, long seed) {
    if (!(p >= 0 && p < 1)) { // p = 1 would zero every activation and train nothing
      throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
    }
    this.p = p;
    this.rng = registerGenerator("generator", seed);
  }

  /** {@code x} with dropout applied in training mode; any shape. */
  public Var forward(Var x) {
    return NnOps.dropout(x, p, isTraining(), rng);
  }

  public double p() {
    return p;
  }
}
