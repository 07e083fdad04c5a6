package dev.eddy.examples.mingru;

import dev.eddy.autograd.Var;
import dev.eddy.nn.recurrent.Recurrence;
import dev.eddy.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The forward pass of one minGRU layer over a long sequence, step by step through the sequence
 * driver and all at once with the log-space scan: the fastest wall time of each (inference, no tape)
 * and the largest difference between their outputs. The fastest rather than the median run, because
 * on a machine shared with other work the slower runs measure the other work.
 *
 * @param sequentialMs fastest milliseconds of the driver
 * @param parallelMs fastest milliseconds of the scan
 * @param maxAbsDifference the largest {@code |driver - scan|} over all outputs
 */
record ScanTiming(double sequentialMs, double parallelMs, double maxAbsDifference) {
  /** Untimed runs first: at least this many and for at least {@link #WARMUP_NANOS}, so that the JIT has compiled. */
  private static final int WARMUP = 3;
  private static final long WARMUP_NANOS = 2_000_000_000L;

  /** Times {@code cell} on a random {@code [length, batch, inputSize]} input, {@code repeats} times after a warm-up. */
  static ScanTiming measure(MinGruCell cell, int length, int batch, int repeats, long seed) {
    Var x = Var.constant(Tensor.uniform(new SplittableRandom(seed), cell.dtype(), -1, 1, length, batch,
        cell.inputSize()));
    Tensor[] outputs = new Tensor[2];
    double sequential = fastestMs(repeats, () -> outputs[0] = Recurrence.of(cell).run(x).output().value());
    double parallel = fastestMs(repeats, () -> outputs[1] = cell.scan(x, null).value());
    return new ScanTiming(sequential, parallel, outputs[0].sub(outputs[1]).abs().max().item());
  }

  double speedup() {
    return sequentialMs / parallelMs;
  }

  private static double fastestMs(int repeats, Supplier<Tensor> run) {
    long warmupStart = System.nanoTime();
    for (int i = 0; i < WARMUP || System.nanoTime() - warmupStart < WARMUP_NANOS; i++) {
      run.get();
    }
    long fastest = Long.MAX_VALUE;
    for (int i = 0; i < repeats; i++) {
      long start = System.nanoTime();
      run.get();
      fastest = Math.min(fastest, System.nanoTime() - start);
    }
    return fastest / 1e6;
  }
}
