package dev.eddy.tensor;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
 * caller works too). A kernel step of a recurrent network takes tens of microseconds, so after
 * a task a worker spins for {@link #SPIN_NANOS} before it parks: a following task starts within
 * a microsecond instead of the tens a wake-up costs. One parallel region runs at a time; a call
 * made while one runs (from a kernel inside it, or from another thread) runs on its caller's
 * thread alone, which gives the same result.
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
      throw new IllegalArgumentException("Parallel.setThreads: threads must be at least 1, got " + n);
    }
    threads = n;
  }

  /**
   * Runs {@code body} over {@code [0, n)} split into contiguous chunks of at least {@code minChunk}
   * indices, on up to {@link #threads()} threads; runs inline when one chunk suffices. The caller
   * takes chunks too, and takes over any chunk a worker has not started, so a worker that the
   * operating system does not schedule (a busy machine) delays nothing. Which thread runs a chunk
   * is not fixed; the chunks are. An exception thrown by a chunk is rethrown here after all
   * chunks have ended.
   */
  public static void forRange(int n, int minChunk, RangeBody body) {
    int t = threads;
    int chunks = Math.min(t * CHUNKS_PER_THREAD, Math.max(1, n / Math.max(1, minChunk)));
    if (t <= 1 || chunks <= 1 || !BUSY.compareAndSet(false, true)) {
      if (n > 0) {
        body.run(0, n);
      }
      return;
    }
    try {
      Region region = new Region(body, n, chunks);
      Worker[] w = workers(Math.min(t, chunks) - 1);
      for (int i = 0; i < Math.min(t, chunks) - 1; i++) {
        w[i].submit(region);
      }
      region.runChunks();
      region.awaitAll();
      region.rethrow();
    } finally {
      BUSY.set(false);
    }
  }

  /** Chunks per thread: enough that a late worker leaves little for the caller to wait on. */
  static final int CHUNKS_PER_THREAD = 4;

  /** One call of {@link #forRange}: its chunks, taken in order by whichever thread asks first. */
  private static final class Region {
    private final RangeBody body;
    private final int n;
    private final int chunks;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final Thread caller = Thread.currentThread();
    private volatile Throwable failure;

    Region(RangeBody body, int n, int chunks) {
      this.body = body;
      this.n = n;
      this.chunks = chunks;
    }

    /** Runs chunks until none is left. */
    void runChunks() {
      for (int c; (c = next.getAndIncrement()) < chunks; ) {
        try {
          body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
        } catch (Throwable e) {
          synchronized (this) {
            if (failure == null) {
              failure = e;
            } else {
              failure.addSuppressed(e);
            }
          }
        } finally {
          if (finished.incrementAndGet() == chunks && Thread.currentThread() != caller) {
            LockSupport.unpark(caller);
          }
        }
      }
    }

    /** Waits until every chunk has ended (all were taken once the caller's own loop ended). */
    void awaitAll() {
      long spinUntil = System.nanoTime() + SPIN_NANOS;
      while (finished.get() < chunks) {
        if (System.nanoTime() < spinUntil) {
          Thread.onSpinWait();
        } else {
          LockSupport.parkNanos(Parallel.class, 50_000);
        }
      }
    }

    void rethrow() {
      Throwable f = failure;
      if (f instanceof RuntimeException e) {
        throw e;
      } else if (f instanceof Error e) {
        throw e;
      } else if (f != null) {
        throw new IllegalStateException(f);
      }
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

  /**
   * One worker thread: takes the latest region handed to it, runs chunks of it, waits again. A
   * region handed over while the worker was not scheduled is simply replaced by the next one;
   * its caller has run the chunks itself.
   */
  private static final class Worker implements Runnable {
    private final Thread thread;
    private final AtomicReference<Region> task = new AtomicReference<>();

    Worker(String name) {
      thread = new Thread(this, name);
      thread.setDaemon(true);
      thread.start();
    }

    void submit(Region region) {
      task.set(region);
      LockSupport.unpark(thread);
    }

    @Override
    public void run() {
      while (true) {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        Region region;
        while ((region = task.getAndSet(null)) == null) {
          if (System.nanoTime() < spinUntil) {
            Thread.onSpinWait();
          } else {
            LockSupport.park(this);
          }
        }
        region.runChunks();
      }
    }
  }
}
