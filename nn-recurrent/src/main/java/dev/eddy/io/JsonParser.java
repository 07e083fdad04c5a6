package dev.eddy.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One left-to-right pass over a JSON text; see {@link Json} for the rules. Two ways to use it:
 * {@link #document()} builds the plain-Java value of the whole text, or a caller that knows the
 * shape it expects pulls it piece by piece ({@link #beginObject}, {@link #nextKey},
 * {@link #beginArray}, {@link #nextElement}, {@link #readString}, {@link #readNumber},
 * {@link #readValue}, {@link #endDocument}) and builds compact structures of its own, naming
 * positions in its errors with {@link #error}.
 */
final class JsonParser {
  private static final String A_VALUE = "a value (object, array, string, number, true, false or null)";

  private final String text;
  private final Json.Limits limits;
  private int pos;
  private int depth;
  /** A container was just opened: the next member or element needs no comma (and may be absent). */
  private boolean justOpened;
  private int keyStart;
  private int tokenStart;

  JsonParser(String text, Json.Limits limits) {
    this.text = text;
    this.limits = limits;
  }

  /** The value of the whole text. */
  Object document() {
    Object value = readValue();
    endDocument();
    return value;
  }

  /** Checks that only whitespace follows. */
  void endDocument() {
    skipWhitespace();
    if (pos < text.length()) {
      throw error(pos, "expected the end of the text after the top-level value, found " + describe(pos));
    }
  }

  /** The first char of the next value (after whitespace), or 0 at the end of the text; consumes nothing. */
  char peekValue() {
    skipWhitespace();
    return peek();
  }

  /** The next value as plain Java values (a whole subtree for an object or array). */
  Object readValue() {
    char c = peekValue();
    tokenStart = pos;
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> readString();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> {
        if (c != '-' && !isDigit(c)) {
          throw error(pos, "expected " + A_VALUE + ", found " + describe(pos));
        }
        yield number();
      }
    };
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    beginObject();
    for (String key; (key = nextKey()) != null; ) {
      if (map.containsKey(key)) {
        throw error(keyStart, "duplicate key " + Json.quote(key));
      }
      map.put(key, readValue());
    }
    return map;
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    beginArray();
    while (nextElement()) {
      list.add(readValue());
    }
    return list;
  }

  /** Consumes the {@code '{'} that must come next. */
  void beginObject() {
    open('{', "an object");
  }

  /** Consumes the {@code '['} that must come next. */
  void beginArray() {
    open('[', "an array");
  }

  private void open(char bracket, String what) {
    if (peekValue() != bracket) {
      throw error(pos, "expected " + what + ", found " + describe(pos));
    }
    if (++depth > limits.maxDepth()) {
      throw error(pos, "nesting deeper than " + limits.maxDepth() + " arrays and objects");
    }
    pos++;
    justOpened = true;
  }

  /**
   * The key of the next member of the current object, with its {@code ':'} consumed (the value comes
   * next), or null when the object closes (its {@code '}'} consumed). {@link #keyStart()} is then the
   * key's position.
   */
  String nextKey() {
    if (closes('}', "an object member")) {
      return null;
    }
    if (peek() != '"') {
      throw error(pos, "expected a string key" + (justOpened ? " or '}'" : "") + ", found " + describe(pos));
    }
    justOpened = false;
    keyStart = pos;
    String key = readString();
    skipWhitespace();
    if (peek() != ':') {
      throw error(pos, "expected ':' after the key " + Json.quote(key) + ", found " + describe(pos));
    }
    pos++;
    return key;
  }

  /** Whether the current array has another element (which comes next); false when it closes (consumed). */
  boolean nextElement() {
    if (closes(']', "an array element")) {
      return false;
    }
    justOpened = false;
    return true;
  }

  /**
   * At the start of a member or element, or at the end of the container: consumes the separating comma
   * (none right after the opening bracket), or the closing bracket and then returns true.
   */
  private boolean closes(char close, String what) {
    skipWhitespace();
    char c = peek();
    if (c == close) {
      pos++;
      depth--;
      justOpened = false;
      return true;
    }
    if (!justOpened) {
      if (c != ',') {
        throw error(pos, "expected ',' or '" + close + "' after " + what + ", found " + describe(pos));
      }
      pos++;
      skipWhitespace();
    }
    return false;
  }

  /** The current char offset in the text. */
  int position() {
    return pos;
  }

  /** Char offset in the text where the last key returned by {@link #nextKey} starts. */
  int keyStart() {
    return keyStart;
  }

  /** Char offset in the text where the last value read starts. */
  int tokenStart() {
    return tokenStart;
  }

  /** The text of the last number or literal read, e.g. {@code 1e400}, for messages. */
  String lastToken() {
    String token = text.substring(tokenStart, pos);
    return token.length() <= 40 ? token : token.substring(0, 37) + "...";
  }

  /** The string that must come next. */
  String readString() {
    skipWhitespace();
    if (peek() != '"') {
      throw error(pos, "expected a string, found " + describe(pos));
    }
    tokenStart = pos;
    return string();
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

  /** The number that must come next: a Long if integral and in range, else a Double. */
  Object readNumber() {
    char c = peekValue();
    if (c != '-' && !isDigit(c)) {
      throw error(pos, "expected a number, found " + describe(pos));
    }
    return number();
  }

  /** The number at {@code pos}, which starts with '-' or a digit. */
  private Object number() {
    int start = pos;
    tokenStart = pos;
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
      throw error(start, "number " + lastToken() + " is too large for a double");
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
      throw error(pos, "expected " + A_VALUE + ", found " + describe(pos));
    }
    pos += word.length();
    return value;
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
  JsonException error(int at, String what) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < at && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new JsonException(what, line, at - lineStart + 1);
  }
}
