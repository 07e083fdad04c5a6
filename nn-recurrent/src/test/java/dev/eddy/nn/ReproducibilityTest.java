package dev.eddy.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.tensor.Parallel;
import dev.eddy.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same seed gives bitwise the same losses and parameters, run after run and on 1 or 2 kernel
 * threads ({@link Parallel}: every output element is computed by one thread in a fixed order), on
 * the fused fast path and on the composed one.
 */
class ReproducibilityTest {
  private static final int STEPS = 4;

  @ParameterizedTest(name = "fast path {0}")
  @ValueSource(booleans = {true, false})
  void theSameSeedGivesBitwiseTheSameRunOnOneOrTwoThreads(boolean fastPath) {
    int saved = Parallel.threads();
    try {
      Parallel.setThreads(1);
      TrainingRun one = new TrainingRun(7, 11, fastPath, false).train(STEPS);
      Parallel.setThreads(2);
      long workerCpu = workerCpuNanos();
      TrainingRun two = new TrainingRun(7, 11, fastPath, false).train(STEPS);
      assertTrue(workerCpuNanos() > workerCpu, "a kernel worker thread took part in the 2-thread run");
      TrainingRun again = new TrainingRun(7, 11, fastPath, false).train(STEPS);

      assertSameRun(one, two);
      assertSameRun(two, again);
      TrainingRun otherData = new TrainingRun(7, 12, fastPath, false).train(STEPS);
      assertNotEquals(bits(one.losses()), bits(otherData.losses()), "the comparison can tell runs apart");
    } finally {
      Parallel.setThreads(saved);
    }
  }

  /** Bitwise the same losses at every step and the same parameters at the end. */
  static void assertSameRun(TrainingRun a, TrainingRun b) {
    assertEquals(bits(a.losses()), bits(b.losses()), "losses");
    assertSameParameters(a.parameters(), b.parameters());
  }

  static void assertSameParameters(Map<String, Tensor> a, Map<String, Tensor> b) {
    assertEquals(a.keySet(), b.keySet());
    a.forEach((name, t) -> assertTrue(t.bitwiseEquals(b.get(name)), "parameter " + name));
  }

  private static List<Long> bits(List<Double> values) {
    return values.stream().map(Double::doubleToRawLongBits).toList();
  }

  /** CPU time of the kernels' first worker thread ({@code eddy-parallel-1}), 0 before it exists. */
  private static long workerCpuNanos() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("eddy-parallel-1"))
        .mapToLong(t -> ManagementFactory.getThreadMXBean().getThreadCpuTime(t.threadId()))
        .sum();
  }
}
