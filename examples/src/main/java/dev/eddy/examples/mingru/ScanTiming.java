package dev.eddy.examples.mingru;

import dev.eddy.autograd.Var;
import dev.eddy.nn.recurrent.Recurrence;
import dev.eddy.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The forward pass of one minGRU layer over a long sequence, step by step through the sequence
 * driver and all at once with the log-space scan: median wall time of each (inference, no tape) and
 * the largest difference between their outputs.
 *
 * @param sequentialMs median milliseconds of the driver
 * @param parallelMs median milliseconds of the scan
 * @param maxAbsDifference the largest {@code |driver - scan|} over all outputs
 */
record ScanTiming(double sequentialMs, double parallelMs, double maxAbsDifference) {
  private static final int WARMUP = 2;

  /** Times {@code cell} on a random {@code [length, batch, inputSize]} input, {@code repeats} times after a warm-up. */
  static ScanTiming measure(MinGruCell cell, int length, int batch, int repeats, long seed) {
    Var x = Var.constant(Tensor.uniform(new SplittableRandom(seed), cell.dtype(), -1, 1, length, batch,
        cell.inputSize()));
    Tensor[] outputs = new Tensor[2];
    double sequential = medianMs(repeats, () -> outputs[0] = Recurrence.of(cell).run(x).output().value());
    double parallel = medianMs(repeats, () -> outputs[1] = cell.scan(x, null).value());
    return new ScanTiming(sequential, parallel, outputs[0].sub(outputs[1]).abs().max().item());
  }

  double speedup() {
    return sequentialMs / parallelMs;
  }

  private static double medianMs(int repeats, Supplier<Tensor> run) {
    for (int i = 0; i < WARMUP; i++) {
      run.get();
    }
    double[] ms = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long start = System.nanoTime();
      run.get();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    return repeats % 2 == 1 ? ms[repeats / 2] : (ms[repeats / 2 - 1] + ms[repeats / 2]) / 2;
  }
}
