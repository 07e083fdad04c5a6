package dev.eddy.nn;

import java.util.random.RandomGenerator;

/**
 * The SplitMix64 generator, whose whole state is one {@code long}: what a module that draws random
 * numbers while training (dropout masks) uses, so that a checkpoint can record where it is
 * ({@link Module#generatorStates()}) and a resumed run draws exactly what an uninterrupted one would.
 *
 * <p>It gives the same numbers as {@link java.util.SplittableRandom} built with the same seed
 * ({@link #nextLong}, {@link #nextInt}, {@link #nextDouble} and what derives from them), which is the
 * same algorithm; unlike it, its state can be read and set. Not thread-safe.
 */
public final class SplitMix64 implements RandomGenerator {
  private static final long GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  /** A generator seeded with {@code seed}. */
  public SplitMix64(long seed) {
    this.state = seed;
  }

  /** Where the generator is: pass it to {@link #setState} to draw the same numbers again from here. */
  public long state() {
    return state;
  }

  /** Continues from a {@link #state()} read earlier (of this or another generator). */
  public void setState(long value) {
    this.state = value;
  }

  @Override
  public long nextLong() {
    long z = state += GAMMA;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public int nextInt() {
    long z = state += GAMMA;
    z = (z ^ (z >>> 33)) * 0x62A9D9ED799705F5L;
    return (int) (((z ^ (z >>> 28)) * 0xCB24D0A5C88C35B3L) >>> 32);
  }
}
