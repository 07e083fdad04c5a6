package dev.eddy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.tensor.Parallel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class RnnBenchTest {

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = Eddy.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** The fields and order of bench/rnn_torch.py's line, then Eddy's own. */
  private static final Pattern LINE = Pattern.compile(
      "\\{\"cell\":\"(\\w+)\",\"batch\":(\\d+),\"seq\":(\\d+),\"input\":(\\d+),\"hidden\":(\\d+),\"layers\":(\\d+),"
          + "\"bidirectional\":(true|false),\"threads\":(\\d+),\"mode\":\"(train|infer)\",\"ms_median\":([0-9.]+),"
          + "\"ms_min\":([0-9.]+),\"tokens_per_s\":([0-9.]+),\"impl\":\"(fused|composed)\",\"dtype\":\"(f32|f64)\","
          + "\"iters\":(\\d+),\"peak_heap_mb\":([0-9.]+)}");

  @ParameterizedTest
  @CsvSource({"lstm, train, fused, false", "gru, infer, composed, true", "rnn, train, composed, true"})
  void printsOneJsonLineWithConsistentFields(String cell, String mode, String impl, boolean bidirectional) {
    int threadsBefore = Parallel.threads();
    List<String> args = new ArrayList<>(List.of("bench", "rnn", "--cell", cell, "--batch", "3", "--seq", "4",
        "--input", "5", "--hidden", "6", "--layers", "2", "--threads", "1", "--mode", mode, "--impl", impl,
        "--iters", "10", "--warmup", "1", "--warmup-seconds", "0"));
    if (bidirectional) {
      args.add("--bidirectional");
    }
    Run r = run(args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    String line = r.out().strip();
    Matcher m = LINE.matcher(line);
    assertTrue(m.matches(), line);
    assertEquals(cell, m.group(1));
    assertEquals("3 4 5 6 2", String.join(" ", m.group(2), m.group(3), m.group(4), m.group(5), m.group(6)));
    assertEquals(String.valueOf(bidirectional), m.group(7));
    assertEquals("1", m.group(8));
    assertEquals(mode, m.group(9));
    assertEquals(impl, m.group(13));
    double median = Double.parseDouble(m.group(10));
    double min = Double.parseDouble(m.group(11));
    assertTrue(min > 0 && min <= median, line);
    // tokens per second are batch * seq per median step; both are rounded when printed
    assertEquals(3 * 4 / (median / 1e3), Double.parseDouble(m.group(12)), 0.01 * 3 * 4 / (median / 1e3), line);
    assertTrue(Double.parseDouble(m.group(16)) > 0, line);
    assertEquals(threadsBefore, Parallel.threads(), "the thread count is restored");
  }

  @Test
  void fewerThanTenTimedStepsIsAnError() {
    Run r = run("bench", "rnn", "--cell", "lstm", "--batch", "2", "--seq", "2", "--input", "2", "--hidden", "2",
        "--threads", "1", "--mode", "train", "--iters", "3");
    assertNotEquals(0, r.exitCode());
    assertTrue(r.err().startsWith("--iters must be at least 10"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void unknownCellIsAnError() {
    Run r = run("bench", "rnn", "--cell", "transformer", "--batch", "2", "--seq", "2", "--input", "2", "--hidden",
        "2", "--threads", "1", "--mode", "infer");
    assertNotEquals(0, r.exitCode());
    assertTrue(r.err().startsWith("--cell must be lstm, gru or rnn, got 'transformer'"), r.err());
  }
}
