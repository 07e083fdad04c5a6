package dev.eddy.nn.recurrent;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A builder of a built-in cell: the shared {@link RecurrentOptions} and, instead of a seed, optionally
 * a generator to draw the initial values from (a layer shares one among its cells).
 *
 * @param <B> the concrete builder (so that chained calls keep its type)
 * @param <C> the cell it builds
 */
public abstract class CellBuilder<B extends CellBuilder<B, C>, C extends RecurrentCell> extends RecurrentOptions<B> {
  private RandomGenerator rng;

  CellBuilder(String cell, int inputSize, int hiddenSize) {
    super(cell, inputSize, hiddenSize);
  }

  /** Draws the initial values from {@code generator}, which then takes the place of the seed. */
  public B rng(RandomGenerator generator) {
    this.rng = Objects.requireNonNull(generator, "rng");
    return self();
  }

  RandomGenerator generator() {
    return rng != null ? rng : new SplittableRandom(seed);
  }

  /** The cell. */
  public abstract C build();
}
