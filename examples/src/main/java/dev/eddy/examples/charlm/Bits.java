package dev.eddy.examples.charlm;

/** Nats to bits: a loss in nats per character divided by ln 2 is bits per character. */
final class Bits {
  private Bits() {}

  static double of(double nats) {
    return nats / Math.log(2);
  }
}
