package dev.eddy.tensor.gemm;

/**
 * The right-hand operand {@code op(B)} of a matrix product ({@code k × n}), copied once into the
 * layout the GEMM micro-kernel reads: panels of {@link #panelWidth()} columns, each holding all
 * {@code k} rows contiguously, the last panel zero-padded. Made by {@link Gemm#pack}, used by
 * {@link Gemm#sgemm(boolean, int, float[], int, int, PackedMatrix, float[], int, int, boolean)} and its
 * double twin.
 *
 * <p>Worth it when one B meets many products, as a recurrent weight does at every time step: the
 * products then read B front to back, which the hardware prefetcher follows, instead of walking its
 * rows with a large stride. Measured on a {@code [64, 1024] · [1024, 4096]} step (a 16 MiB weight,
 * more than this machine's share of L3 keeps between steps): see {@code docs/performance.md}.
 *
 * <p>Products with a packed B always run on the tiled kernel, so they give bitwise what the same
 * product gives unpacked whenever that one is tiled too (more than 8 rows, or a B not along k): every
 * output element is the same fused multiply-add chain over k in order. With 8 rows or fewer the
 * unpacked product may take the dot-product path, which sums in another order; a batch that small is
 * better served unpacked anyway. Immutable once made; any number of threads may read it.
 */
public final class PackedMatrix {
  private final int k;
  private final int n;
  private final int panelWidth;
  private final float[] f32;
  private final double[] f64;

  PackedMatrix(int k, int n, int panelWidth, float[] f32, double[] f64) {
    this.k = k;
    this.n = n;
    this.panelWidth = panelWidth;
    this.f32 = f32;
    this.f64 = f64;
  }

  /** Rows of {@code op(B)}: the inner dimension of the products it takes part in. */
  public int k() {
    return k;
  }

  /** Columns of {@code op(B)}: the columns of the products' results. */
  public int n() {
    return n;
  }

  /** Columns per panel: element {@code (p, j)} is at {@code (j / w)·k·w + p·w + j % w}. */
  public int panelWidth() {
    return panelWidth;
  }

  /** Whether the elements are float32 (else float64). */
  public boolean isF32() {
    return f32 != null;
  }

  float[] f32() {
    if (f32 == null) {
      throw new IllegalArgumentException("sgemm: the packed matrix holds float64 values; pack a float[] for sgemm");
    }
    return f32;
  }

  double[] f64() {
    if (f64 == null) {
      throw new IllegalArgumentException("dgemm: the packed matrix holds float32 values; pack a double[] for dgemm");
    }
    return f64;
  }

  /** {@code op(B)(p, j)} with {@code B(p, j) = b[off + p·ks + j·cs]} copied into panels of {@code w} columns. */
  static float[] packF32(int k, int n, int w, float[] b, int off, int ks, int cs) {
    float[] out = new float[ceilDiv(n, w) * w * k];
    if (cs == 1) { // rows contiguous: read each row front to back
      for (int p = 0; p < k; p++) {
        for (int j0 = 0; j0 < n; j0 += w) {
          System.arraycopy(b, off + p * ks + j0, out, j0 * k + p * w, Math.min(w, n - j0));
        }
      }
    } else { // columns contiguous (a transposed B): read each column front to back
      for (int j = 0; j < n; j++) {
        int d = j / w * w * k + j % w;
        for (int p = 0, s = off + j * cs; p < k; p++, s += ks, d += w) {
          out[d] = b[s];
        }
      }
    }
    return out;
  }

  /** The float64 twin of {@link #packF32}. */
  static double[] packF64(int k, int n, int w, double[] b, int off, int ks, int cs) {
    double[] out = new double[ceilDiv(n, w) * w * k];
    if (cs == 1) {
      for (int p = 0; p < k; p++) {
        for (int j0 = 0; j0 < n; j0 += w) {
          System.arraycopy(b, off + p * ks + j0, out, j0 * k + p * w, Math.min(w, n - j0));
        }
      }
    } else {
      for (int j = 0; j < n; j++) {
        int d = j / w * w * k + j % w;
        for (int p = 0, s = off + j * cs; p < k; p++, s += ks, d += w) {
          out[d] = b[s];
        }
      }
    }
    return out;
  }

  /** The index of element {@code (p, j)}. */
  int index(int p, int j) {
    return j / panelWidth * panelWidth * k + p * panelWidth + j % panelWidth;
  }

  private static int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
  }
}
