package dev.eddy.optim;

/**
 * Checks of hyper-parameters at the public edge. A message names the owner (the optimizer or
 * schedule), the hyper-parameter, what it must be and the value given:
 * {@code Adam: beta2 must be in [0, 1), got 1.0}. NaN fails every check.
 */
final class Checks {
  private Checks() {}

  /** A finite number {@code > 0}. */
  static double positive(String owner, String name, double value) {
    if (!(value > 0) || value == Double.POSITIVE_INFINITY) {
      throw fail(owner, name, "a finite number > 0", value);
    }
    return value;
  }

  /** A finite number {@code >= 0}. */
  static double nonNegative(String owner, String name, double value) {
    if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
      throw fail(owner, name, "a finite number >= 0", value);
    }
    return value;
  }

  /** A number in {@code [0, 1)}. */
  static double belowOne(String owner, String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw fail(owner, name, "in [0, 1)", value);
    }
    return value;
  }

  /** A number in {@code [0, 1]}. */
  static double unitInterval(String owner, String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw fail(owner, name, "in [0, 1]", value);
    }
    return value;
  }

  /** An integer {@code >= min}. */
  static long atLeast(String owner, String name, long min, long value) {
    if (value < min) {
      throw new IllegalArgumentException(owner + ": " + name + " must be at least " + min + ", got " + value);
    }
    return value;
  }

  private static IllegalArgumentException fail(String owner, String name, String expected, double value) {
    return new IllegalArgumentException(owner + ": " + name + " must be " + expected + ", got " + value);
  }
}
