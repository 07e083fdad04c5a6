package dev.eddy.examples.mingru;

import dev.eddy.autograd.Var;

/**
 * A linear recurrence {@code h_t = a_t ⊙ h_{t-1} + b_t} for every t at once, from {@code log a} and
 * {@code log b} (Heinsen 2023, "Efficient Parallelization of a Ubiquitous Sequential Computation"):
 *
 * <pre>
 * a*_t = Σ_{s≤t} log a_s                          (cumsum)
 * h_t  = exp(a*_t + log Σ_{s≤t} e^(log b_s - a*_s)) + e^(a*_t) ⊙ h_0   (logCumSumExp)
 * </pre>
 *
 * since {@code Π_{s<r≤t} a_r = e^(a*_t - a*_s)}. Working with logarithms, the products of many
 * factors below 1 neither underflow nor lose precision, and every op is a differentiable whole-sequence
 * op of the library, so the gradient comes from the tape like any other.
 *
 * <p>The paper puts {@code log h_0} in front of the {@code log b} sequence, which needs {@code h_0 > 0};
 * here the {@code h_0} term is added outside the logarithm, the same value, so any initial state works,
 * the zero state included (whose logarithm would be {@code -∞}), and its gradient stays finite.
 */
public final class LogSpaceScan {
  private LogSpaceScan() {}

  /**
   * @param logA {@code log a_t}, {@code [time, batch, size]}, finite
   * @param logB {@code log b_t}, {@code [time, batch, size]}, finite
   * @param h0 {@code [batch, size]}, or null for zeros
   * @return {@code h_t} for every t, {@code [time, batch, size]}
   */
  public static Var linearRecurrence(Var logA, Var logB, Var h0) {
    if (!logA.shape().equals(logB.shape()) || logA.rank() != 3) {
      throw new IllegalArgumentException("LogSpaceScan: log a and log b must both be [time, batch, size], got "
          + logA.shape() + " and " + logB.shape());
    }
    Var aStar = logA.cumsum(0);
    Var h = aStar.add(logB.sub(aStar).logCumSumExp(0)).exp();
    return h0 == null ? h : h.add(aStar.exp().mul(h0));
  }
}
