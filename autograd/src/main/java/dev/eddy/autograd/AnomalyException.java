package dev.eddy.autograd;

/**
 * A NaN or infinity appeared in an op's output (forward) or in a gradient (backward) while the tape
 * had {@link Tape#detectAnomalies()} on. The message names the op and the user's line that called it;
 * the cause carries the user's part of the stack at that call.
 */
public final class AnomalyException extends ArithmeticException {
  AnomalyException(String message, CallSite site, String op) {
    super(message);
    if (site != null) {
      initCause(site.asCause(op));
    }
  }
}
