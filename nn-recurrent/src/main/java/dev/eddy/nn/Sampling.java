package dev.eddy.nn;

import dev.eddy.tensor.Tensor;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Picks a class from a row of scores, as a generator does at each step (a character language model
 * choosing the next character, a decoder choosing the next token).
 *
 * <p>{@link #draw} samples index i with probability {@code softmax(logits / temperature)[i]}:
 * temperature 1 samples the model's own distribution, lower values sharpen it towards the most likely
 * class, higher values flatten it, and temperature 0 is greedy ({@link #argmax}). A logit of
 * {@code -infinity} is never drawn, which is how a caller excludes a class (an unknown-character
 * symbol, padding).
 */
public final class Sampling {
  private Sampling() {}

  /**
   * A class index drawn from {@code logits [classes]} at {@code temperature}, with one
   * {@code rng.nextDouble()} (none at temperature 0).
   *
   * @param temperature {@code >= 0} and finite; 0 is {@link #argmax}
   * @throws IllegalArgumentException if logits is not a non-empty vector, holds NaN or {@code +infinity},
   *     or is {@code -infinity} everywhere; or for a negative, NaN or infinite temperature
   */
  public static int draw(Tensor logits, double temperature, RandomGenerator rng) {
    if (!(temperature >= 0 && temperature < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("Sampling.draw: temperature must be a finite number >= 0, got " + temperature);
    }
    double[] l = checked("draw", logits);
    int best = argmax(l);
    if (temperature == 0) {
      return best;
    }
    Objects.requireNonNull(rng, "Sampling.draw: rng is null");
    // weights relative to the largest logit: the best class has weight 1, so nothing overflows
    double max = l[best];
    double[] w = new double[l.length];
    double total = 0;
    for (int i = 0; i < l.length; i++) {
      w[i] = Math.exp((l[i] - max) / temperature);
      total += w[i];
    }
    double u = rng.nextDouble() * total;
    double cumulative = 0;
    int last = best;
    for (int i = 0; i < w.length; i++) {
      if (w[i] > 0) {
        cumulative += w[i];
        last = i;
        if (u < cumulative) {
          return i;
        }
      }
    }
    return last; // u rounded up to the total: the last class with any weight
  }

  /** The index of the largest of {@code logits [classes]} (the first on ties). */
  public static int argmax(Tensor logits) {
    return argmax(checked("argmax", logits));
  }

  private static int argmax(double[] l) {
    int best = 0;
    for (int i = 1; i < l.length; i++) {
      if (l[i] > l[best]) {
        best = i;
      }
    }
    return best;
  }

  private static double[] checked(String op, Tensor logits) {
    if (logits.rank() != 1 || logits.numel() == 0) {
      throw new IllegalArgumentException("Sampling." + op + ": logits must be a non-empty vector [classes], got "
          + logits.shape());
    }
    double[] l = logits.toDoubleArray();
    boolean any = false;
    for (int i = 0; i < l.length; i++) {
      if (Double.isNaN(l[i]) || l[i] == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("Sampling." + op + ": logit " + i + " is " + l[i]);
      }
      any |= l[i] > Double.NEGATIVE_INFINITY;
    }
    if (!any) {
      throw new IllegalArgumentException("Sampling." + op + ": every logit is -Infinity; nothing can be drawn");
    }
    return l;
  }
}
