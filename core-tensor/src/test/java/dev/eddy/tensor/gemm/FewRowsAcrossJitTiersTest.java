package dev.eddy.tensor.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The dot-product path sums each accumulator's lanes in a tree it fixes itself, not with
 * {@code reduceLanes}, whose order is unspecified: so the interpreter, which runs the Vector API's
 * Java fallback, and C2's compiled code give the same bits. A run whose first steps are interpreted
 * and later ones compiled must not drift.
 */
class FewRowsAcrossJitTiersTest {

  /** A product with one, three and eight rows against a transposed B, k with a tail: its bits, one per line. */
  static String product() {
    StringBuilder out = new StringBuilder();
    SplittableRandom rng = new SplittableRandom(7);
    for (int m : new int[] {1, 3, 8}) {
      int n = 21;
      int k = 301;
      float[] a = new float[m * k];
      float[] b = new float[n * k];
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) rng.nextDouble(-1, 1);
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = (float) rng.nextDouble(-1, 1);
      }
      float[] c = new float[m * n];
      Gemm.sgemm(false, true, m, n, k, a, 0, k, b, 0, k, c, 0, n, false);
      for (float v : c) {
        out.append(Integer.toHexString(Float.floatToRawIntBits(v))).append('\n');
      }
    }
    return out.toString();
  }

  /** Run in a child JVM: prints {@link #product()}. */
  public static void main(String[] args) {
    System.out.print(product());
  }

  @Test
  void interpretedAndCompiledCodeGiveTheSameBits() throws Exception {
    String compiled = null;
    for (int i = 0; i < 3000; i++) { // enough calls for C2 to compile the kernel
      compiled = product();
    }
    List<String> command = new ArrayList<>();
    command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xint");
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-modules") || arg.startsWith("-Deddy.")) {
        command.add(arg);
      }
    }
    command.addAll(List.of("--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
        FewRowsAcrossJitTiersTest.class.getName()));
    Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String interpreted = new String(child.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the interpreted run ends");
    assertEquals(0, child.exitValue());
    assertEquals(compiled, interpreted);
  }
}
