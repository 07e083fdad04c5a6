package dev.eddy.examples.scratch;

import java.util.Arrays;

/**
 * A text as a sequence of character ids: the vocabulary is its distinct characters, sorted.
 *
 * @param text the text
 * @param vocabulary the distinct characters; id i stands for {@code vocabulary[i]}
 * @param ids the id of every character of the text
 */
record CharCorpus(String text, char[] vocabulary, int[] ids) {

  /** A paragraph the project wrote for this demo: short enough to learn by heart in seconds. */
  static final String PARAGRAPH = "A recurrent network reads a sequence one step at a time and keeps a small"
      + " state that summarises what it has seen so far. At every step the state is mixed with the new input"
      + " through the same weights, so the network can read a sentence of any length. To learn, it runs"
      + " backwards through the same steps and adds up how each weight changed the loss at every moment;"
      + " this is backpropagation through time. When the steps multiply small numbers again and again, the"
      + " signal from the distant past fades away, and the gates of an LSTM were invented to keep it alive.";

  static CharCorpus of(String text) {
    char[] vocabulary = text.chars().distinct().sorted().collect(StringBuilder::new, StringBuilder::appendCodePoint,
        StringBuilder::append).toString().toCharArray();
    int[] ids = new int[text.length()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = Arrays.binarySearch(vocabulary, text.charAt(i));
    }
    return new CharCorpus(text, vocabulary, ids);
  }

  /** {@code length} ids starting at {@code start}. */
  int[] window(int start, int length) {
    return Arrays.copyOfRange(ids, start, start + length);
  }

  /** The cross-entropy per character of always predicting each character's frequency in the text (nats). */
  double unigramLoss() {
    int[] counts = new int[vocabulary.length];
    for (int id : ids) {
      counts[id]++;
    }
    double loss = 0;
    for (int c : counts) {
      double p = c / (double) ids.length;
      loss -= p * Math.log(p);
    }
    return loss;
  }
}
