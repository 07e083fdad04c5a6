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

  /** The opening of Lewis Carroll's <i>Alice's Adventures in Wonderland</i> (1865, public domain). */
  static final String ALICE = "Alice was beginning to get very tired of sitting by her sister on the bank, and of"
      + " having nothing to do: once or twice she had peeped into the book her sister was reading, but it had no"
      + " pictures or conversations in it, \"and what is the use of a book,\" thought Alice \"without pictures or"
      + " conversations?\" So she was considering in her own mind (as well as she could, for the hot day made her"
      + " feel very sleepy and stupid), whether the pleasure of making a daisy-chain would be worth the trouble of"
      + " getting up and picking the daisies, when suddenly a White Rabbit with pink eyes ran close by her.";

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
