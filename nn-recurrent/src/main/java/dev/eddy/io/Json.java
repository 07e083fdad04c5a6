package dev.eddy.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small, strict JSON reader and writer (RFC 8259) over plain Java values, with no dependencies.
 *
 * <p><b>Values.</b> Parsing gives {@code Map<String, Object>} (a {@link java.util.LinkedHashMap}
 * in the order of the text), {@code List<Object>}, {@code String}, {@code Long} (a number written
 * without fraction or exponent that fits in a long; {@code -0} gives {@code 0L}), {@code Double}
 * (every other number, parsed exactly as {@link Double#parseDouble} does), {@code Boolean} and
 * {@code null}. Writing accepts those plus {@code Integer}, {@code Short}, {@code Byte},
 * {@code Float}, any {@code Map} with {@code String} keys, any {@code Collection}, and
 * {@code double[]}, {@code float[]}, {@code long[]}, {@code int[]}.
 *
 * <p><b>Numbers round-trip.</b> A double is written as {@link Double#toString} writes it, the
 * shortest decimal that parses back to the same bits (so {@code 1.0} stays {@code 1.0}, a Double,
 * and {@code -0.0} keeps its sign); a float as {@link Float#toString}, which reads back as the
 * Double nearest that decimal and casts back to the same float. NaN and the infinities are
 * rejected with a {@link JsonException} naming the path: JSON has no spelling for them, and a
 * string in their place would quietly change the value's type. A number too large for a double
 * ({@code 1e400}) is rejected when parsing rather than read as infinity.
 *
 * <p><b>Strict.</b> No comments, trailing commas, single quotes, leading zeros, unescaped control
 * characters, byte order mark or text after the value. Duplicate keys in one object are an error
 * (a second value would silently replace the first). Strings must be valid Unicode: an unpaired
 * surrogate, escaped or not, is an error in both directions.
 *
 * <p><b>Hostile input.</b> Parsing is a single left-to-right pass, linear in the text; nesting
 * deeper than {@link Limits#maxDepth}, a string longer than {@link Limits#maxStringLength} chars
 * or a number longer than {@link Limits#maxNumberLength} chars is an error, not a stack overflow
 * or a slow parse.
 */
public final class Json {

  /**
   * Bounds a parser enforces on untrusted text.
   *
   * @param maxDepth deepest nesting of arrays and objects (the top-level container is depth 1)
   * @param maxStringLength longest string or key, in chars after unescaping
   * @param maxNumberLength longest number, in chars as written
   */
  public record Limits(int maxDepth, int maxStringLength, int maxNumberLength) {
    /** Depth 512, strings of 16 Mi chars, numbers of 1024 chars. */
    public static final Limits DEFAULT = new Limits(512, 1 << 24, 1024);

    public Limits {
      if (maxDepth < 1 || maxStringLength < 0 || maxNumberLength < 1) {
        throw new IllegalArgumentException("Json.Limits: maxDepth " + maxDepth + " and maxNumberLength "
            + maxNumberLength + " must be >= 1, maxStringLength " + maxStringLength + " >= 0");
      }
    }
  }

  private Json() {}

  /** The value of a JSON text, with {@link Limits#DEFAULT}. */
  public static Object parse(CharSequence text) {
    return parse(text, Limits.DEFAULT);
  }

  /** The value of a JSON text, parsed within {@code limits}. */
  public static Object parse(CharSequence text, Limits limits) {
    return new JsonParser(text.toString(), limits).document();
  }

  /**
   * The value of the UTF-8 JSON text in {@code bytes}; invalid UTF-8 is a {@link JsonException}
   * naming the byte offset.
   */
  public static Object parse(byte[] bytes, Limits limits) {
    return parse(decodeUtf8(bytes), limits);
  }

  /**
   * The value of a UTF-8 JSON file, with {@link Limits#DEFAULT}; a {@link JsonException} message
   * starts with the file name.
   */
  public static Object read(Path file) throws IOException {
    try {
      return parse(Files.readAllBytes(file), Limits.DEFAULT);
    } catch (JsonException e) {
      throw e.from(file.toString());
    }
  }

  /** {@code value} as compact JSON text (no spaces or newlines). */
  public static String write(Object value) {
    return JsonWriter.write(value, false);
  }

  /** {@code value} as JSON text with one member or element per line, indented by two spaces. */
  public static String writePretty(Object value) {
    return JsonWriter.write(value, true);
  }

  /**
   * {@code s} as a one-line JSON string literal for an error message: control characters escaped,
   * and shortened with {@code ...} beyond 60 chars. Unpaired surrogates become {@code \\uXXXX}.
   */
  static String quote(String s) {
    int cut = s.length() <= 60 ? s.length() : Character.isHighSurrogate(s.charAt(56)) ? 56 : 57;
    StringBuilder sb = new StringBuilder(cut + 8);
    JsonWriter.appendQuoted(sb, s.substring(0, cut), true);
    if (cut < s.length()) {
      sb.insert(sb.length() - 1, "...");
    }
    return sb.toString();
  }

  /** Decodes strict UTF-8 (no replacement characters); the error names the first bad byte. */
  static String decodeUtf8(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    // UTF-8 never gives more chars than bytes, so one buffer of that size always suffices.
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw new JsonException("invalid UTF-8 at byte " + in.position());
    }
    return out.flip().toString();
  }
}
