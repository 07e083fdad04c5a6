package dev.eddy.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.ArrayList;
import java.util.List;

/**
 * How many threads Eddy's kernels may use, and the pool they run on.
 *
 * <p>Like {@code torch.set_num_threads}, this is one process-wide setting: the default is the
 * number of available processors, or the system property {@code eddy.threads}. Work is always
 * split so that each output element is computed by exactly one thread in a fixed order, so
 * results do not depend on the thread count.
 */
public final class Parallel {
  private Parallel() {}

  /** A body run over the half-open index range {@code [start, end)}. */
  @FunctionalInterface
  public interface RangeBody {
    void run(int start, int end);
  }

  private static volatile int threads = initialThreads();
  private static volatile ForkJoinPool pool;

  private static int initialThreads() {
    String p = System.getProperty("eddy.threads");
    if (p == null || p.isBlank()) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      int n = Integer.parseInt(p.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException("-Deddy.threads must be a positive integer, got '" + p + "'");
  }

  /** The number of threads kernels may use (at least 1). */
  public static int threads() {
    return threads;
  }

  /** Sets the number of threads kernels may use. */
  public static void setThreads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + n);
    }
    threads = n;
  }

  private static ForkJoinPool pool() {
    ForkJoinPool p = pool;
    if (p == null) {
      synchronized (Parallel.class) {
        p = pool;
        if (p == null) {
          p = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
              ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, false);
          pool = p;
        }
      }
    }
    return p;
  }

  /**
   * Runs {@code body} over {@code [0, n)} split into at most {@link #threads()} contiguous chunks of
   * at least {@code minChunk} indices each; runs inline when one chunk suffices. The caller runs
   * the first chunk itself.
   */
  public static void forRange(int n, int minChunk, RangeBody body) {
    int chunks = Math.min(threads, Math.max(1, n / Math.max(1, minChunk)));
    if (chunks <= 1 || ForkJoinTask.inForkJoinPool()) {
      if (n > 0) {
        body.run(0, n);
      }
      return;
    }
    List<ForkJoinTask<?>> tasks = new ArrayList<>(chunks - 1);
    for (int c = 1; c < chunks; c++) {
      int start = (int) ((long) n * c / chunks);
      int end = (int) ((long) n * (c + 1) / chunks);
      tasks.add(pool().submit(() -> body.run(start, end)));
    }
    body.run(0, (int) ((long) n / chunks));
    for (ForkJoinTask<?> t : tasks) {
      t.join();
    }
  }
}
