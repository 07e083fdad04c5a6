package dev.eddy.nn.attention;

import dev.eddy.autograd.Var;

/** The additive score {@code v · tanh(q' + k')} that Bahdanau's and Luong's concat attention share. */
final class AdditiveScore {
  private AdditiveScore() {}

  /**
   * @param projectedQuery {@code [batch, A]}
   * @param projectedKeys {@code [batch, source, A]}
   * @param v {@code [A]}
   * @return {@code [batch, source]}
   */
  static Var score(Var projectedQuery, Var projectedKeys, Var v) {
    // [batch, source, A] @ [A, 1]: one matrix product over every (sequence, position) row
    return projectedKeys.add(projectedQuery.unsqueeze(1)).tanh().matmul(v.unsqueeze(1)).squeeze(2);
  }
}
