package dev.eddy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.tensor.Parallel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GemmBenchTest {

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

  private static final Pattern LINE = Pattern.compile(
      "\\{\"op\":\"gemm\",\"dtype\":\"(f32|f64)\",\"trans\":\"([NT]{2})\",\"m\":(\\d+),\"n\":(\\d+),"
          + "\"k\":(\\d+),\"threads\":(\\d+),\"ms_median\":([0-9.]+),\"gflops\":([0-9.]+)}");

  @Test
  void printsOneJsonLinePerShapeWithConsistentFlops() {
    int threadsBefore = Parallel.threads();
    Run r = run("bench", "gemm", "--dtype", "f64", "--threads", "1", "--shape", "8x16x4",
        "--shape", "3X5X7", "--trans", "nt", "--iters", "3", "--warmup", "1", "--seconds", "0");
    assertEquals(0, r.exitCode(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(2, lines.size(), r.out());
    int[][] shapes = {{8, 16, 4}, {3, 5, 7}};
    for (int i = 0; i < 2; i++) {
      Matcher m = LINE.matcher(lines.get(i));
      assertTrue(m.matches(), lines.get(i));
      assertEquals("f64", m.group(1));
      assertEquals("NT", m.group(2));
      assertEquals(shapes[i][0], Integer.parseInt(m.group(3)));
      assertEquals(shapes[i][1], Integer.parseInt(m.group(4)));
      assertEquals(shapes[i][2], Integer.parseInt(m.group(5)));
      assertEquals(1, Integer.parseInt(m.group(6)));
      double ms = Double.parseDouble(m.group(7));
      double gflops = Double.parseDouble(m.group(8));
      assertTrue(ms > 0, lines.get(i));
      double expected = 2.0 * shapes[i][0] * shapes[i][1] * shapes[i][2] / (ms * 1e6);
      // Both fields are rounded when printed.
      assertEquals(expected, gflops, 0.01 + 0.01 * expected, lines.get(i));
    }
    assertEquals(threadsBefore, Parallel.threads(), "the thread count is restored");
  }

  @Test
  void malformedShapeIsOneClearErrorAndNonZeroExit() {
    Run r = run("bench", "gemm", "--shape", "32x1024");
    assertNotEquals(0, r.exitCode());
    assertTrue(r.err().lines().findFirst().orElse("").contains(
        "shape must be MxNxK with three positive integers, e.g. 32x1024x256, got '32x1024'"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void threadsBelowOneIsAnError() {
    Run r = run("bench", "gemm", "--threads", "0", "--shape", "2x2x2");
    assertNotEquals(0, r.exitCode());
    assertTrue(r.err().startsWith("--threads must be at least 1, got 0"), r.err());
  }
}
