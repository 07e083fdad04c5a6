package dev.eddy.examples.support;

import java.io.PrintWriter;

/**
 * Epochs over seeded mini-batches with a progress bar: the loop around a {@link Trainer} that the
 * demos with a fixed training set share.
 *
 * <pre>{@code
 * double seconds = EpochLoop.run(stdout, "windows/s", batches, epochs,
 *     rows -> trainer.step(() -> loss(rows)),                 // one step on the examples at rows
 *     (epoch, meanLoss) -> validation[epoch] = evaluate());  // after each epoch
 * }</pre>
 */
public final class EpochLoop {
  private EpochLoop() {}

  /** One training step on the examples at {@code rows}; returns its loss. */
  @FunctionalInterface
  public interface Step {
    double run(int[] rows);
  }

  /** Called after each epoch (0-based) with the mean loss of its steps. */
  @FunctionalInterface
  public interface EpochEnd {
    void after(int epoch, double meanLoss);
  }

  /**
   * Runs {@code epochs} passes over {@code batches}, showing progress on {@code out} (the loss shown is
   * the running mean of the current epoch, the rate counts examples in {@code unit}).
   *
   * @return the seconds it took
   */
  public static double run(PrintWriter out, String unit, MiniBatches batches, int epochs, Step step, EpochEnd end) {
    ProgressBar progress = new ProgressBar(out, (long) epochs * batches.batchesPerEpoch(), unit);
    long start = System.nanoTime();
    long steps = 0;
    long examples = 0;
    for (int epoch = 0; epoch < epochs; epoch++) {
      double lossSum = 0;
      int done = 0;
      for (int[] rows : batches.epoch()) {
        lossSum += step.run(rows);
        examples += rows.length;
        progress.update(++steps, lossSum / ++done, examples);
      }
      end.after(epoch, lossSum / done);
    }
    progress.finish();
    return (System.nanoTime() - start) / 1e9;
  }
}
