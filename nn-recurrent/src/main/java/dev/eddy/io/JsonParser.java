package dev.eddy.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One pass of a recursive-descent parser over a JSON text; see {@link Json} for the rules. */
final class JsonParser {
  private final String text;
  private final Json.Limits limits;
  private int pos;
  private int depth;

  JsonParser(String text, Json.Limits limits) {
    this.text = text;
    this.limits = limits;
  }

  Object document() {
    skipWhitespace();
    Object value = value();
    skipWhitespace();
    if (pos < text.length()) {
      throw error(pos, "expected the end of the text after the top-level value, found " + describe(pos));
    }
    return value;
  }

  private Object value() {
    char c = peek();
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> {
        if (c == '-' || isDigit(c)) {
          yield number();
        }
        throw error(pos, "expected a value (object, array, string, number, true, false or null), found "
            + describe(pos));
      }
    };
  }

  private Map<String, Object> object() {
    enter();
    pos++; // '{'
    Map<String, Object> map = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      depth--;
      return map;
    }
    while (true) {
      if (peek() != '"') {
        throw error(pos, "expected a string key, found " + describe(pos));
      }
      int keyAt = pos;
      String key = string();
      skipWhitespace();
      expect(':', "after the key " + Json.quote(key));
      skipWhitespace();
      Object value = value();
      if (map.containsKey(key)) {
        throw error(keyAt, "duplicate key " + Json.quote(key));
      }
      map.put(key, value);
      if (closedAfter('}', "an object member")) {
        return map;
      }
    }
  }

  private List<Object> array() {
    enter();
    pos++; // '['
    List<Object> list = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      depth--;
      return list;
    }
    while (true) {
      list.add(value());
      if (closedAfter(']', "an array element")) {
        return list;
      }
    }
  }

  /**
   * Moves past the comma or the {@code close} char that must follow a member or element; true if
   * the container is closed.
   */
  private boolean closedAfter(char close, String what) {
    skipWhitespace();
    char c = peek();
    if (c == close) {
      pos++;
      depth--;
      return true;
    }
    if (c != ',') {
      throw error(pos, "expected ',' or '" + close + "' after " + what + ", found " + describe(pos));
    }
    pos++;
    skipWhitespace();
    return false;
  }

  private void enter() {
    if (++depth > limits.maxDepth()) {
      throw error(pos, "nesting deeper than " + limits.maxDepth() + " arrays and objects");
    }
  }

  private String string() {
    int start = pos;
    pos++; // opening quote
    StringBuilder sb = null;
    int runStart = pos;
    while (true) {
      if (pos >= text.length()) {
        throw error(start, "string is not closed before the end of the text");
      }
      char c = text.charAt(pos);
      if (c == '"' || c == '\\') {
        int length = (sb == null ? 0 : sb.length()) + pos - runStart;
        checkStringLength(start, length);
        if (c == '"') {
          String s = sb == null ? text.substring(runStart, pos) : sb.append(text, runStart, pos).toString();
          pos++;
          return s;
        }
        if (sb == null) {
          sb = new StringBuilder();
        }
        sb.append(text, runStart, pos);
        escape(sb);
        runStart = pos;
      } else if (c < 0x20) {
        throw error(pos, "control character " + describe(pos) + " in a string must be escaped");
      } else if (Character.isHighSurrogate(c)) {
        if (pos + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(pos + 1))) {
          throw error(pos, "unpaired surrogate " + hex(c) + " in a string");
        }
        pos += 2;
      } else if (Character.isLowSurrogate(c)) {
        throw error(pos, "unpaired surrogate " + hex(c) + " in a string");
      } else {
        pos++;
      }
    }
  }

  /** Appends the escape sequence at {@code pos} (a backslash) and moves past it. */
  private void escape(StringBuilder sb) {
    int at = pos;
    if (pos + 1 >= text.length()) {
      throw error(at, "string is not closed before the end of the text");
    }
    char e = text.charAt(pos + 1);
    pos += 2; // now at the first hex digit of a \\u escape
    switch (e) {
      case '"' -> sb.append('"');
      case '\\' -> sb.append('\\');
      case '/' -> sb.append('/');
      case 'b' -> sb.append('\b');
      case 'f' -> sb.append('\f');
      case 'n' -> sb.append('\n');
      case 'r' -> sb.append('\r');
      case 't' -> sb.append('\t');
      case 'u' -> {
        char c = hex4();
        if (Character.isHighSurrogate(c)) {
          if (!text.startsWith("\\u", pos)) {
            throw error(at, "unpaired surrogate " + hex(c) + " in a string");
          }
          pos += 2;
          char low = hex4();
          if (!Character.isLowSurrogate(low)) {
            throw error(at, "unpaired surrogate " + hex(c) + " in a string");
          }
          sb.append(c).append(low);
        } else if (Character.isLowSurrogate(c)) {
          throw error(at, "unpaired surrogate " + hex(c) + " in a string");
        } else {
          sb.append(c);
        }
      }
      default -> throw error(at, "invalid escape " + describe(at + 1) + " after a backslash"
          + " (expected one of \" \\ / b f n r t u)");
    }
  }

  /** Reads the four hex digits at {@code pos} of a {@code \\u} escape; moves past them. */
  private char hex4() {
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = pos + i < text.length() ? hexDigit(text.charAt(pos + i)) : -1;
      if (d < 0) {
        throw error(pos + i, "\\u escape needs four hex digits, found " + describe(pos + i));
      }
      v = v * 16 + d;
    }
    pos += 4;
    return (char) v;
  }

  private void checkStringLength(int start, int length) {
    if (length > limits.maxStringLength()) {
      throw error(start, "string longer than " + limits.maxStringLength() + " chars");
    }
  }

  private Object number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
      if (isDigit(peek())) {
        throw error(pos, "leading zeros are not allowed in a number");
      }
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error(pos, "expected a digit after '-', found " + describe(pos));
    }
    boolean integral = true;
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw error(pos, "expected a digit after the decimal point, found " + describe(pos));
      }
      digits();
      integral = false;
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error(pos, "expected a digit in the exponent, found " + describe(pos));
      }
      digits();
      integral = false;
    }
    if (pos - start > limits.maxNumberLength()) {
      throw error(start, "number longer than " + limits.maxNumberLength() + " chars");
    }
    String token = text.substring(start, pos);
    if (integral && pos - start <= 20) {
      try {
        return Long.parseLong(token);
      } catch (NumberFormatException outOfLongRange) {
        // falls through to double
      }
    }
    double d = Double.parseDouble(token);
    if (Double.isInfinite(d)) {
      throw error(start, "number " + (token.length() <= 40 ? token : token.substring(0, 37) + "...") + " is too large for a double");
    }
    return d;
  }

  private void digits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error(pos, "expected a value (object, array, string, number, true, false or null), found "
          + describe(pos));
    }
    pos += word.length();
    return value;
  }

  private void expect(char c, String where) {
    if (peek() != c) {
      throw error(pos, "expected '" + c + "' " + where + ", found " + describe(pos));
    }
    pos++;
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  /** The char at {@code pos}, or 0 at the end (never a valid token start). */
  private char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private String describe(int at) {
    if (at >= text.length()) {
      return "the end of the text";
    }
    char c = text.charAt(at);
    if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\uFEFF') {
      return hex(c);
    }
    return "'" + c + "'";
  }

  private static String hex(char c) {
    return String.format("U+%04X", (int) c);
  }


  /** An error at char offset {@code at}, with its line and column (counting from 1). */
  private JsonException error(int at, String what) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < at && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column = at - lineStart + 1;
    return new JsonException("line " + line + ", column " + column + ": " + what, line, column);
  }
}
