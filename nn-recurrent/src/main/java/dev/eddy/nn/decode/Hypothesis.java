package dev.eddy.nn.decode;

/**
 * A decoded sequence.
 *
 * @param tokens the tokens generated after the start token, the end token included if it was reached
 * @param logProb the sum of their log-probabilities
 * @param ended whether the sequence reached the end token (otherwise it stopped at the length limit)
 */
public record Hypothesis(int[] tokens, double logProb, boolean ended) {

  /** The tokens without the end token. */
  public int[] content() {
    return ended ? java.util.Arrays.copyOf(tokens, tokens.length - 1) : tokens.clone();
  }
}
