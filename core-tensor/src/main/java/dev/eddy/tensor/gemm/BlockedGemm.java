package dev.eddy.tensor.gemm;

import dev.eddy.tensor.Parallel;

/**
 * The blocked GEMM driver around a {@link TileKernels} micro-kernel.
 *
 * <p>Loops, outermost first: column blocks of {@code nc} columns; the k dimension in blocks of
 * at most {@link #KC}; row panels of {@code mr} rows; column panels of {@code nr} columns, each one
 * micro-kernel call. An A panel ({@code mr × kc}) stays in L1 while the B block ({@code kc × nc})
 * streams from L2.
 *
 * <p>Operands are read where they lie whenever the kernel can: A through any strides (it is only
 * ever broadcast), B directly when its columns are contiguous and C has few rows. Only the rest
 * is packed: a B that is stored transposed or reused by many rows, and the partial panels at the
 * edges, zero-padded so the hot loop never needs masks. When packing B would cost more than it does for {@code Aᵀ}, the product is computed
 * as {@code Cᵀ = Bᵀ · Aᵀ} instead (e.g. {@code x · Wᵀ} with a small batch {@code x}). A B packed
 * ahead by the caller ({@link PackedMatrix}, reused across many products) is read in its panels.
 *
 * <p>Every path computes each output element as the same sum: one fused multiply-add chain over
 * {@code p} in order, starting from zero or, when accumulating, from {@code C}; a k block ends
 * by storing the chain's value in {@code C} and the next resumes from it, so not even the
 * blocking changes a bit. Threads split only the output, so results are bitwise identical
 * whatever the number of threads and whichever path is taken.
 */
final class BlockedGemm<T> {
  /** Largest k block: an A panel of 8 × 256 floats is 8 KiB, in L1 with room for B. */
  static final int KC = 256;
  /**
   * Largest k block when C is transposed ({@code Cᵀ = Bᵀ·Aᵀ}): each block ends with a scalar
   * transposing copy of every tile, so fewer, longer blocks pay (measured 8% on 32 × 2048 × 512).
   */
  static final int KC_TRANSPOSED_C = 1024;
  /**
   * Up to this many rows of C, a B with contiguous rows is read where it lies; beyond, each
   * packed B panel is reused by enough row panels that a contiguous, L2-friendly copy pays
   * (measured on 512² to 2048²: packed 5-10% faster; on 64 × 2048 × 512, direct 1.6× faster).
   */
  static final int DIRECT_B_MAX_ROWS = 256;
  /** Below this many flops (about 30 µs on one core) a product runs on one thread. */
  static final long MIN_PARALLEL_FLOPS = 1_000_000L;

  private final TileKernels<T> tiles;
  private final int mr;
  private final int nr;
  /** Columns per block: {@code KC × NC} elements of packed B fill about half of L2. */
  private final int nc;
  private final ThreadLocal<Workspace<T>> workspaces;

  BlockedGemm(TileKernels<T> tiles, int elementBytes) {
    this.tiles = tiles;
    this.mr = tiles.mr();
    this.nr = tiles.nr();
    this.nc = Math.max(nr, (512 * 1024 / (KC * elementBytes)) / nr * nr);
    this.workspaces = ThreadLocal.withInitial(
        () -> new Workspace<>(tiles.newArray(KC * nc), tiles.newArray(KC_TRANSPOSED_C * mr),
            tiles.newArray(mr * nr)));
  }

  /** Per-thread buffers: packed B block, packed A panel, one output tile. */
  private record Workspace<T>(T packedB, T packedA, T tile) {}

  /** Computes the product; {@code m, n, k ≥ 1}. */
  void gemm(GemmProblem<T> problem) {
    GemmProblem<T> q = problem.bPanels() ? problem : cheaperOrientation(problem);
    long flops = 2L * q.m() * q.n() * q.k();
    int threads = flops < MIN_PARALLEL_FLOPS ? 1 : Parallel.threads();
    int colPanels = ceilDiv(q.n(), nr);
    int rowPanels = ceilDiv(q.m(), mr);
    if (threads == 1 || (colPanels < 2 && rowPanels < 2)) {
      compute(q, 0, q.m(), 0, q.n());
    } else if (colPanels >= 2 * threads || colPanels >= rowPanels) {
      int minPanels = (int) Math.max(1, MIN_PARALLEL_FLOPS / 2 / (2L * q.m() * nr * q.k()));
      Parallel.forRange(colPanels, minPanels,
          (s, e) -> compute(q, 0, q.m(), s * nr, Math.min(q.n(), e * nr)));
    } else {
      int minPanels = (int) Math.max(1, MIN_PARALLEL_FLOPS / 2 / (2L * mr * q.n() * q.k()));
      Parallel.forRange(rowPanels, minPanels,
          (s, e) -> compute(q, s * mr, Math.min(q.m(), e * mr), 0, q.n()));
    }
  }

  /** {@code p} or {@code Cᵀ = Bᵀ·Aᵀ}, whichever {@link #cost} says is cheaper. */
  private GemmProblem<T> cheaperOrientation(GemmProblem<T> p) {
    GemmProblem<T> swapped = p.transposed();
    return cost(swapped) < cost(p) ? swapped : p;
  }

  /**
   * A rough cost of computing {@code q} in this orientation, in cycles: the padded tiles'
   * multiply-adds, packing of B where it cannot be read directly, and tiles written through the
   * scalar copy when C is transposed.
   */
  private double cost(GemmProblem<T> q) {
    int m = q.m(), n = q.n(), k = q.k();
    double lanesPerCycle = nr / 2.0;
    double compute = (double) ceilDiv(m, mr) * mr * ceilDiv(n, nr) * nr * k / lanesPerCycle;
    double packB = q.bColStride() == 1 ? (m <= DIRECT_B_MAX_ROWS ? 0.5 * k * (n % nr) : 0.5 * k * n) : 2.0 * k * n;
    double store = q.cColStride() == 1 ? 0 : 2.0 * m * n * ceilDiv(k, KC_TRANSPOSED_C);
    return compute + packB + store;
  }

  /** Computes the output block {@code [i0, i1) × [j0, j1)} of {@code q} on this thread. */
  private void compute(GemmProblem<T> q, int i0, int i1, int j0, int j1) {
    Workspace<T> ws = workspaces.get();
    int k = q.k();
    int kcMax = q.cColStride() == 1 ? KC : KC_TRANSPOSED_C;
    int kBlocks = ceilDiv(k, kcMax);
    int ncMax = Math.max(nr, nc * KC / kcMax / nr * nr); // the packed B block keeps its size
    boolean panelsB = q.bPanels(); // already packed, all of k per panel
    boolean directB = !panelsB && q.bColStride() == 1 && q.m() <= DIRECT_B_MAX_ROWS;
    boolean directC = q.cColStride() == 1;
    for (int jc = j0; jc < j1; jc += ncMax) {
      int ncb = Math.min(ncMax, j1 - jc);
      int panels = ceilDiv(ncb, nr);
      int direct = directB ? ncb / nr : 0;
      for (int kb = 0; kb < kBlocks; kb++) {
        int p0 = (int) ((long) k * kb / kBlocks);
        int kc = (int) ((long) k * (kb + 1) / kBlocks) - p0;
        boolean add = q.accumulate() || kb > 0;
        int bBlock = q.bOff() + p0 * q.bKStride() + jc * q.bColStride();
        if (!panelsB) {
          for (int pj = direct; pj < panels; pj++) {
            tiles.packB(kc, Math.min(nr, ncb - pj * nr), q.b(), bBlock + pj * nr * q.bColStride(),
                q.bKStride(), q.bColStride(), ws.packedB(), (pj - direct) * kc * nr);
          }
        }
        for (int ir = i0; ir < i1; ir += mr) {
          int rows = Math.min(mr, i1 - ir);
          int aPanel = q.aOff() + ir * q.aRowStride() + p0 * q.aKStride();
          T a = q.a();
          int ars = q.aRowStride();
          int aks = q.aKStride();
          if (rows < mr) {
            tiles.packA(kc, rows, a, aPanel, ars, aks, ws.packedA());
            a = ws.packedA();
            aPanel = 0;
            ars = 1;
            aks = mr;
          }
          for (int pj = 0; pj < panels; pj++) {
            int cols = Math.min(nr, ncb - pj * nr);
            T b = pj < direct || panelsB ? q.b() : ws.packedB();
            int bPanel = panelsB ? (jc / nr + pj) * k * nr + p0 * nr
                : pj < direct ? bBlock + pj * nr : (pj - direct) * kc * nr;
            int bks = pj < direct ? q.bKStride() : nr;
            int ci = q.cOff() + ir * q.cRowStride() + (jc + pj * nr) * q.cColStride();
            if (directC && rows == mr && cols == nr) {
              tiles.multiply(kc, a, aPanel, ars, aks, b, bPanel, bks, q.c(), ci, q.cRowStride(), add);
            } else { // an edge tile or a transposed C goes through a tile buffer, same sums
              T tile = ws.tile();
              if (add) {
                tiles.copyTile(q.c(), ci, q.cRowStride(), q.cColStride(), tile, 0, nr, 1, rows, cols);
              }
              tiles.multiply(kc, a, aPanel, ars, aks, b, bPanel, bks, tile, 0, nr, add);
              tiles.copyTile(tile, 0, nr, 1, q.c(), ci, q.cRowStride(), q.cColStride(), rows, cols);
            }
          }
        }
      }
    }
  }

  private static int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
  }
}
