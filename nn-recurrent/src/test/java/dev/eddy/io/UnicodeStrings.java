package dev.eddy.io;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Strings of any valid Unicode: control characters, quotes, backslashes, BMP and supplementary code points. */
final class UnicodeStrings {
  private UnicodeStrings() {}

  static Arbitrary<String> upTo(int maxCodePoints) {
    Arbitrary<Integer> codePoints = Arbitraries.oneOf(
        Arbitraries.integers().between(0, 0x7f),
        Arbitraries.integers().between(0x80, 0xFFFF),
        Arbitraries.integers().between(0x10000, 0x10FFFF))
        .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE);
    return codePoints.list().ofMaxSize(maxCodePoints).map(UnicodeStrings::fromCodePoints);
  }

  private static String fromCodePoints(List<Integer> cps) {
    StringBuilder sb = new StringBuilder();
    cps.forEach(sb::appendCodePoint);
    return sb.toString();
  }
}
