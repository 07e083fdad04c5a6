package dev.eddy.io;

/**
 * JSON text that cannot be parsed, or a value that cannot be written as JSON. A parse error names
 * the position and what was expected, e.g. {@code line 3, column 14: expected ',' or '}' after an
 * object member, found 'x'}; a write error names the path of the value, e.g.
 * {@code $.loss[2]: NaN cannot be written (JSON has no NaN or Infinity)}.
 */
public class JsonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final int line;
  private final int column;

  /** A write error, or an error without a position in the text. */
  public JsonException(String reason) {
    this(null, reason, 0, 0);
  }

  /** A parse error at a 1-based {@code line} and {@code column}. */
  public JsonException(String reason, int line, int column) {
    this(null, reason, line, column);
  }

  private JsonException(String source, String reason, int line, int column) {
    super((source == null ? "" : source + ": ")
        + (line > 0 ? "line " + line + ", column " + column + ": " : "") + reason);
    this.reason = reason;
    this.line = line;
    this.column = column;
  }

  /** This error with {@code source} (e.g. a file name) in front of its message. */
  JsonException from(String source) {
    return new JsonException(source, reason, line, column);
  }

  /** What is wrong, without the position. */
  public String reason() {
    return reason;
  }

  /** The 1-based line of a parse error, 0 for a write error. */
  public int line() {
    return line;
  }

  /** The 1-based column (in UTF-16 chars) of a parse error, 0 for a write error. */
  public int column() {
    return column;
  }
}
