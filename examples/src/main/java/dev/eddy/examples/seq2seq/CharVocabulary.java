package dev.eddy.examples.seq2seq;

import java.util.List;

/**
 * Characters to token ids and back: ids {@code 0 .. specials-1} are reserved (padding, start, end),
 * then one id per character of the alphabet.
 */
final class CharVocabulary {
  /** The source side: id 0 is padding, then printable ASCII. */
  static final CharVocabulary SOURCE = new CharVocabulary(List.of("<pad>"), printableAscii());
  /** The target side: id 0 starts a sequence, 1 ends it, then the characters of an ISO date. */
  static final CharVocabulary TARGET = new CharVocabulary(List.of("<s>", "</s>"), "0123456789-");
  static final int PAD = 0;
  static final int START = 0;
  static final int END = 1;

  private final List<String> specials;
  private final String alphabet;

  private CharVocabulary(List<String> specials, String alphabet) {
    this.specials = specials;
    this.alphabet = alphabet;
  }

  private static String printableAscii() {
    StringBuilder sb = new StringBuilder();
    for (char c = ' '; c <= '~'; c++) {
      sb.append(c);
    }
    return sb.toString();
  }

  int size() {
    return specials.size() + alphabet.length();
  }

  /** The id of {@code c}; a character outside the alphabet is an error naming it. */
  int id(char c) {
    int i = alphabet.indexOf(c);
    if (i < 0) {
      throw new IllegalArgumentException("no token for character '" + c + "' (U+" + Integer.toHexString(c)
          + "); the alphabet is \"" + alphabet + "\"");
    }
    return specials.size() + i;
  }

  /** The ids of the characters of {@code text}. */
  int[] ids(String text) {
    int[] out = new int[text.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = id(text.charAt(i));
    }
    return out;
  }

  /** The text of a token: its character, or the name of a special token such as {@code </s>}. */
  String symbol(int id) {
    return id < specials.size() ? specials.get(id) : String.valueOf(alphabet.charAt(id - specials.size()));
  }

  /** The characters of {@code ids}, special tokens written by name. */
  String text(int[] ids) {
    StringBuilder sb = new StringBuilder();
    for (int id : ids) {
      sb.append(symbol(id));
    }
    return sb.toString();
  }
}
