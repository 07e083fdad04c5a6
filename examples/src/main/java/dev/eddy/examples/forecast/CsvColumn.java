package dev.eddy.examples.forecast;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one numeric column of a comma-separated file whose first row names the columns. Fields may
 * be double-quoted (RFC 4180, a quote inside written twice; no line breaks inside a field); blank
 * lines are skipped. Every other row must have a finite number in the column: a bad file fails with
 * a {@link CsvException} naming the line, the column and the value, never with a partial series.
 */
public final class CsvColumn {
  private CsvColumn() {}

  /** Thrown for a file that is not a header row followed by numbers in {@code column}. */
  public static final class CsvException extends IOException {
    CsvException(String message) {
      super(message);
    }
  }

  /** The values of {@code column}, in file order. */
  public static double[] read(Path file, String column) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      int lineNumber = 1;
      while (header != null && header.isBlank()) {
        header = in.readLine();
        lineNumber++;
      }
      if (header == null) {
        throw new CsvException(file + ": empty, expected a header row naming the columns");
      }
      List<String> names = fields(strip(header), file, lineNumber);
      int index = names.indexOf(column);
      if (index < 0) {
        throw new CsvException(file + ": no column '" + column + "'; the header has " + String.join(", ", names));
      }
      List<Double> values = new ArrayList<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        List<String> row = fields(line, file, lineNumber);
        if (row.size() <= index) {
          throw new CsvException(file + " line " + lineNumber + ": " + row.size() + " field(s), but column '"
              + column + "' is field " + (index + 1));
        }
        values.add(number(row.get(index).strip(), file, lineNumber, column));
      }
      return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }

  private static double number(String text, Path file, int lineNumber, String column) throws CsvException {
    try {
      double v = Double.parseDouble(text);
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below, with the same message as a non-finite value
    }
    throw new CsvException(file + " line " + lineNumber + ": column '" + column + "' holds '" + text
        + "', not a finite number");
  }

  /** The header without a UTF-8 byte order mark. */
  private static String strip(String header) {
    return header.startsWith("\uFEFF") ? header.substring(1) : header;
  }

  /** The fields of one line, unquoted; names are trimmed of surrounding spaces outside quotes. */
  static List<String> fields(String line, Path file, int lineNumber) throws CsvException {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch != '"') {
          field.append(ch);
        } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else {
          quoted = false;
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(field.toString().strip());
        field.setLength(0);
      } else {
        field.append(ch);
      }
    }
    if (quoted) {
      throw new CsvException(file + " line " + lineNumber + ": a quoted field is not closed");
    }
    out.add(field.toString().strip());
    return out;
  }
}
