package dev.eddy.examples.seq2seq;

import java.util.List;

/**
 * The baseline beside the model's accuracy: a translator that ignores its input and writes, at each
 * position of {@code yyyy-mm-dd}, the character most common there among training targets.
 */
final class MajorityBaseline {
  private final String guess;

  MajorityBaseline(List<DatePair> trainingSample) {
    StringBuilder sb = new StringBuilder();
    for (int position = 0; position < DateCorpus.TARGET_LENGTH; position++) {
      int[] counts = new int[128];
      for (DatePair p : trainingSample) {
        counts[p.target().charAt(position)]++;
      }
      int best = 0;
      for (int c = 1; c < counts.length; c++) {
        best = counts[c] > counts[best] ? c : best;
      }
      sb.append((char) best);
    }
    this.guess = sb.toString();
  }

  /** The one answer it gives. */
  String guess() {
    return guess;
  }

  /** The fraction of {@code pairs} whose target is exactly the guess. */
  double exactMatch(List<DatePair> pairs) {
    return pairs.stream().filter(p -> p.target().equals(guess)).count() / (double) pairs.size();
  }

  /** The fraction of target characters the guess gets right. */
  double characterAccuracy(List<DatePair> pairs) {
    long right = 0;
    for (DatePair p : pairs) {
      for (int i = 0; i < DateCorpus.TARGET_LENGTH; i++) {
        right += p.target().charAt(i) == guess.charAt(i) ? 1 : 0;
      }
    }
    return right / (double) (pairs.size() * DateCorpus.TARGET_LENGTH);
  }
}
