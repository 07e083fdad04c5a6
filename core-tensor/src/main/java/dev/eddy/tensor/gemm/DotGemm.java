package dev.eddy.tensor.gemm;

import dev.eddy.tensor.Parallel;

/**
 * GEMM for products with at most {@link #MAX_ROWS} rows whose second operand lies along k, such as
 * one time step {@code x · Wᵀ} with a batch of 1 to 8: each output is a dot product of two
 * contiguous rows.
 *
 * <p>The outer-product kernel would waste most of its 8 × 32 tile here (a batch of 1 fills 1/32
 * of it once transposed), and packing W to avoid that costs more than the product. Instead
 * {@link TileKernels#dotRow} runs one row of A against 8 rows of B with 8 vector accumulators along
 * k, then sums each accumulator's lanes in a fixed order, so results are still bitwise the same for
 * any thread count. Rows of A that do not lie along k (a transposed A) are packed first; they are
 * few.
 */
final class DotGemm<T> {
  /** Up to this many rows of C (or, transposed, columns) the dot-product path is taken. */
  static final int MAX_ROWS = 8;
  /** Rows of B per kernel call. */
  static final int GROUP = 8;

  private final TileKernels<T> tiles;
  /**
   * Per thread: packed rows of A (grown as needed), lane scratch for {@link TileKernels#dotRow},
   * a row of C (grown as needed).
   */
  private final ThreadLocal<T[]> buffers;

  @SuppressWarnings("unchecked")
  DotGemm(TileKernels<T> tiles) {
    this.tiles = tiles;
    this.buffers = ThreadLocal.withInitial(
        () -> (T[]) new Object[] {tiles.newArray(0), tiles.newArray(GROUP * tiles.nr()),
            tiles.newArray(0)});
  }

  /**
   * The orientation of {@code p} (itself or {@code Cᵀ = Bᵀ·Aᵀ}) that this path computes, or
   * {@code null} when neither has few rows and a B along k. The answer is the same for {@code p}
   * and its transpose, and each output's sum does not depend on the orientation.
   */
  static <T> GemmProblem<T> orientation(GemmProblem<T> p) {
    GemmProblem<T> t = p.transposed();
    boolean direct = fits(p);
    boolean swapped = fits(t);
    if (direct && swapped) {
      return t.m() < p.m() ? t : p;
    }
    return direct ? p : swapped ? t : null;
  }

  private static boolean fits(GemmProblem<?> q) {
    return q.m() <= MAX_ROWS && q.bKStride() == 1;
  }

  /** Whether {@link #gemmRow} computes {@code p}: one row of C, B along its columns. */
  static boolean isRow(GemmProblem<?> p) {
    return p.m() == 1 && p.bColStride() == 1;
  }

  /**
   * Computes a product with one row and B along n ({@code x · W} for a batch of one) as one
   * broadcast-and-FMA pass over B, instead of an 8-row tile of which 7 rows are padding.
   */
  void gemmRow(GemmProblem<T> q) {
    int n = q.n(), k = q.k();
    long flops = 2L * n * k;
    if (flops < BlockedGemm.MIN_PARALLEL_FLOPS || Parallel.threads() == 1) {
      tiles.multiplyRow(k, q.a(), q.aOff(), q.aKStride(), q.b(), q.bOff(), q.bKStride(), n, q.c(),
          q.cOff(), q.accumulate());
      return;
    }
    int group = 8 * tiles.nr(); // columns per chunk
    Parallel.forRange((n + group - 1) / group, 1, (g0, g1) -> {
      int j0 = g0 * group;
      int cols = Math.min(n, g1 * group) - j0;
      // The kernel rewrites its stretch of C once per 4 rows of B. Done in place, two threads
      // whose stretches share a cache line at the seam ran 10× slower (measured on 1 × 2048 ×
      // 512), so each thread works in its own buffer and copies the result once.
      T[] holder = buffers.get();
      if (java.lang.reflect.Array.getLength(holder[2]) < cols) {
        holder[2] = tiles.newArray(cols);
      }
      T row = holder[2];
      if (q.accumulate()) {
        System.arraycopy(q.c(), q.cOff() + j0, row, 0, cols);
      }
      tiles.multiplyRow(k, q.a(), q.aOff(), q.aKStride(), q.b(), q.bOff() + j0, q.bKStride(),
          cols, row, 0, q.accumulate());
      System.arraycopy(row, 0, q.c(), q.cOff() + j0, cols);
    });
  }

  /** Computes {@code q}, an orientation returned by {@link #orientation}. */
  void gemm(GemmProblem<T> q) {
    int m = q.m(), n = q.n(), k = q.k();
    T a = q.a();
    int aOff = q.aOff();
    int aRowStride = q.aRowStride();
    if (q.aKStride() != 1) { // rows of A across k: pack them along k
      T[] holder = buffers.get();
      if (java.lang.reflect.Array.getLength(holder[0]) < m * k) {
        holder[0] = tiles.newArray(m * k);
      }
      for (int i = 0; i < m; i++) {
        tiles.copyTile(q.a(), q.aOff() + i * q.aRowStride(), q.aKStride(), 0, holder[0], i * k, 1, 0,
            k, 1);
      }
      a = holder[0];
      aOff = 0;
      aRowStride = k;
    }
    T rows = a;
    int rowsOff = aOff;
    int rowStride = aRowStride;
    int groups = (n + GROUP - 1) / GROUP;
    Parallel.RangeBody body = (g0, g1) -> {
      T lanes = buffers.get()[1];
      for (int g = g0; g < g1; g++) {
        int j = g * GROUP;
        int cols = Math.min(GROUP, n - j);
        for (int i = 0; i < m; i++) {
          tiles.dotRow(k, rows, rowsOff + i * rowStride, q.b(), q.bOff() + j * q.bColStride(),
              q.bColStride(), cols, q.c(), q.cOff() + i * q.cRowStride() + j * q.cColStride(),
              q.cColStride(), q.accumulate(), lanes);
        }
      }
    };
    long flops = 2L * m * n * k;
    if (flops < BlockedGemm.MIN_PARALLEL_FLOPS || Parallel.threads() == 1) {
      body.run(0, groups);
    } else {
      int minGroups = (int) Math.max(1, BlockedGemm.MIN_PARALLEL_FLOPS / 2 / (2L * m * GROUP * k));
      Parallel.forRange(groups, minGroups, body);
    }
  }
}
