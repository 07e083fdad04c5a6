package dev.eddy.nn.golden;

/**
 * The verdict on one golden case.
 *
 * @param name the case
 * @param passed whether every compared value is within tolerance
 * @param maxRelErr the largest relative error seen (NaN when the case could not be run)
 * @param failure what differs, or null when passed
 */
public record GoldenResult(String name, boolean passed, double maxRelErr, String failure) {

  static GoldenResult pass(String name, double maxRelErr) {
    return new GoldenResult(name, true, maxRelErr, null);
  }

  static GoldenResult fail(String name, double maxRelErr, String failure) {
    return new GoldenResult(name, false, maxRelErr, failure);
  }

  /** {@code PASS <case> max_rel_err=<e>} or {@code FAIL <case> <what differs>}. */
  public String line() {
    return passed ? String.format("PASS %s max_rel_err=%.2e", name, maxRelErr) : "FAIL " + name + " " + failure;
  }
}
