package dev.eddy.examples.charlm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The characters a model knows: the distinct Unicode code points of its training text, in code point
 * order, as ids {@code 1 .. n}, plus id {@link #UNKNOWN} for any other character (in validation text
 * or a prime). Code points rather than Java chars, so a character outside the Basic Multilingual Plane
 * (an emoji) is one symbol, not two surrogates.
 */
final class Vocabulary {
  /** The id of every character not in the training text. */
  static final int UNKNOWN = 0;
  /** How the unknown symbol is shown. */
  static final String UNKNOWN_SHOWN = "\uFFFD";

  private final int[] codePoints; // sorted; id = index + 1

  private Vocabulary(int[] sortedDistinct) {
    this.codePoints = sortedDistinct;
  }

  /** The distinct code points of {@code text}. */
  static Vocabulary of(String text) {
    return new Vocabulary(text.codePoints().sorted().distinct().toArray());
  }

  /** The vocabulary of {@link #symbols()} (as saved in a checkpoint). */
  static Vocabulary fromSymbols(List<String> symbols) {
    int[] cps = new int[symbols.size()];
    for (int i = 0; i < cps.length; i++) {
      String s = symbols.get(i);
      if (s.codePointCount(0, s.length()) != 1) {
        throw new IllegalArgumentException("vocabulary: symbol " + (i + 1) + " must be one character, got '" + s + "'");
      }
      cps[i] = s.codePointAt(0);
      if (i > 0 && cps[i] <= cps[i - 1]) {
        throw new IllegalArgumentException("vocabulary: symbols must be distinct and in code point order, but "
            + describe(cps[i]) + " follows " + describe(cps[i - 1]));
      }
    }
    return new Vocabulary(cps);
  }

  /** The known characters, one string each, for ids {@code 1 .. n} in order. */
  List<String> symbols() {
    List<String> out = new ArrayList<>(codePoints.length);
    for (int cp : codePoints) {
      out.add(Character.toString(cp));
    }
    return out;
  }

  /** Known characters plus the unknown symbol: the number of classes a model predicts. */
  int size() {
    return codePoints.length + 1;
  }

  /** Whether {@code codePoint} has an id of its own. */
  boolean contains(int codePoint) {
    return Arrays.binarySearch(codePoints, codePoint) >= 0;
  }

  /** The id of {@code codePoint}, {@link #UNKNOWN} if it is not known. */
  int id(int codePoint) {
    int i = Arrays.binarySearch(codePoints, codePoint);
    return i >= 0 ? i + 1 : UNKNOWN;
  }

  /** The ids of the code points of {@code text}. */
  int[] encode(String text) {
    return text.codePoints().map(this::id).toArray();
  }

  /** The character of {@code id}, {@link #UNKNOWN_SHOWN} for the unknown symbol. */
  String symbol(int id) {
    return id == UNKNOWN ? UNKNOWN_SHOWN : Character.toString(codePoints[id - 1]);
  }

  /** A character for messages: itself when printable, and always its code point, e.g. {@code 'é' (U+00E9)}. */
  static String describe(int codePoint) {
    String hex = String.format(Locale.ROOT, "U+%04X", codePoint);
    return Character.isISOControl(codePoint) || Character.isWhitespace(codePoint) ? hex
        : "'" + Character.toString(codePoint) + "' (" + hex + ")";
  }
}
