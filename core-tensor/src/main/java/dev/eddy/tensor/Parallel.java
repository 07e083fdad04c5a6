package dev.eddy.tensor;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * How many threads Eddy's kernels may use, and the workers they run on.
 *
 * <p>Like {@code torch.set_num_threads}, this is one process-wide setting: the default is the
 * number of available processors, or the system property {@code eddy.threads}. Work is always
 * split so that each output element is computed by exactly one thread in a fixed order, so
 * results do not depend on the thread count.
 *
 * <p>The workers are daemon threads started on first use ({@code threads() - 1} of them; the
 * caller runs the first chunk itself). A kernel step of a recurrent network takes tens of
 * microseconds, so after a task a worker spins for {@link #SPIN_NANOS} before it parks: a
 * following task starts within a microsecond instead of the tens a wake-up costs. One parallel
 * region runs at a time; a call made while one runs (from a kernel inside it, or from another
 * thread) runs on its caller's thread alone, which gives the same result.
 */
public final class Parallel {
  private Parallel() {}

  /** A body run over the half-open index range {@code [start, end)}. */
  @FunctionalInterface
  public interface RangeBody {
    void run(int start, int end);
  }

  /** How long an idle worker spins for the next task before it parks. */
  static final long SPIN_NANOS = 200_000;

  private static volatile int threads = initialThreads();
  private static final AtomicBoolean BUSY = new AtomicBoolean();
  private static final Object START_LOCK = new Object();
  private static volatile Worker[] workers = new Worker[0];

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

  /**
   * Runs {@code body} over {@code [0, n)} split into at most {@link #threads()} contiguous chunks of
   * at least {@code minChunk} indices each; runs inline when one chunk suffices. The caller runs
   * the first chunk itself. An exception thrown by a chunk is rethrown here after all chunks end.
   */
  public static void forRange(int n, int minChunk, RangeBody body) {
    int chunks = Math.min(threads, Math.max(1, n / Math.max(1, minChunk)));
    if (chunks <= 1 || !BUSY.compareAndSet(false, true)) {
      if (n > 0) {
        body.run(0, n);
      }
      return;
    }
    try {
      Worker[] w = workers(chunks - 1);
      AtomicInteger pending = new AtomicInteger(chunks - 1);
      Thread caller = Thread.currentThread();
      for (int c = 1; c < chunks; c++) {
        w[c - 1].submit(body, (int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks),
            pending, caller);
      }
      Throwable failure = null;
      try {
        body.run(0, (int) ((long) n / chunks));
      } catch (Throwable t) {
        failure = t;
      }
      long spinUntil = System.nanoTime() + SPIN_NANOS;
      while (pending.get() > 0) {
        if (System.nanoTime() < spinUntil) {
          Thread.onSpinWait();
        } else {
          LockSupport.parkNanos(Parallel.class, 50_000);
        }
      }
      for (int c = 1; c < chunks; c++) {
        Throwable t = w[c - 1].takeFailure();
        if (failure == null) {
          failure = t;
        } else if (t != null) {
          failure.addSuppressed(t);
        }
      }
      if (failure instanceof RuntimeException e) {
        throw e;
      } else if (failure instanceof Error e) {
        throw e;
      } else if (failure != null) {
        throw new IllegalStateException(failure);
      }
    } finally {
      BUSY.set(false);
    }
  }

  /** At least {@code count} started workers. */
  private static Worker[] workers(int count) {
    Worker[] w = workers;
    if (w.length >= count) {
      return w;
    }
    synchronized (START_LOCK) {
      w = workers;
      if (w.length < count) {
        Worker[] grown = java.util.Arrays.copyOf(w, count);
        for (int i = w.length; i < count; i++) {
          grown[i] = new Worker("eddy-parallel-" + (i + 1));
        }
        workers = grown;
        w = grown;
      }
    }
    return w;
  }

  /** One worker thread: waits for a chunk, runs it, counts it done, waits again. */
  private static final class Worker implements Runnable {
    private final Thread thread;
    private volatile boolean hasTask;
    private RangeBody body;
    private int start;
    private int end;
    private AtomicInteger pending;
    private Thread caller;
    private Throwable failure;

    Worker(String name) {
      thread = new Thread(this, name);
      thread.setDaemon(true);
      thread.start();
    }

    void submit(RangeBody body, int start, int end, AtomicInteger pending, Thread caller) {
      this.body = body;
      this.start = start;
      this.end = end;
      this.pending = pending;
      this.caller = caller;
      hasTask = true; // publishes the fields above
      LockSupport.unpark(thread);
    }

    Throwable takeFailure() {
      Throwable t = failure;
      failure = null;
      return t;
    }

    @Override
    public void run() {
      while (true) {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (!hasTask) {
          if (System.nanoTime() < spinUntil) {
            Thread.onSpinWait();
          } else {
            LockSupport.park(this);
          }
        }
        hasTask = false;
        AtomicInteger done = pending;
        Thread waiting = caller;
        try {
          body.run(start, end);
        } catch (Throwable t) {
          failure = t;
        } finally {
          body = null;
          pending = null;
          caller = null;
          done.decrementAndGet(); // publishes failure
          LockSupport.unpark(waiting);
        }
      }
    }
  }
}
