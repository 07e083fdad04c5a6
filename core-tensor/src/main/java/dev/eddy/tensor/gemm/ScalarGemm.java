package dev.eddy.tensor.gemm;

import java.util.Arrays;

/**
 * The plain-Java reference GEMM: for each output row, {@code row += A(i,p) · B(p,:)} over
 * {@code p} in order, then stored into (or added to) {@code C}. Clear rather than fast; the Vector
 * API engine is tested against it.
 */
final class ScalarGemm implements GemmEngine {

  @Override
  public void sgemm(boolean transA, boolean transB, int m, int n, int k,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc, boolean accumulate) {
    float[] row = new float[n];
    for (int i = 0; i < m; i++) {
      Arrays.fill(row, 0f);
      for (int p = 0; p < k; p++) {
        float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
        for (int j = 0; j < n; j++) {
          row[j] += av * (transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j]);
        }
      }
      int ci = cOff + i * ldc;
      for (int j = 0; j < n; j++) {
        c[ci + j] = accumulate ? c[ci + j] + row[j] : row[j];
      }
    }
  }

  @Override
  public void dgemm(boolean transA, boolean transB, int m, int n, int k,
      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
      double[] c, int cOff, int ldc, boolean accumulate) {
    double[] row = new double[n];
    for (int i = 0; i < m; i++) {
      Arrays.fill(row, 0.0);
      for (int p = 0; p < k; p++) {
        double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
        for (int j = 0; j < n; j++) {
          row[j] += av * (transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j]);
        }
      }
      int ci = cOff + i * ldc;
      for (int j = 0; j < n; j++) {
        c[ci + j] = accumulate ? c[ci + j] + row[j] : row[j];
      }
    }
  }

  /** Any width works for the reference; 8 keeps the panels' padding visible to the tests. */
  @Override
  public int panelWidth(boolean f32) {
    return 8;
  }

  /** The reference reads a packed B by unpacking it to rows first: the same products, the same sums. */
  @Override
  public void sgemm(boolean transA, int m, float[] a, int aOff, int lda, PackedMatrix b, float[] c, int cOff, int ldc,
      boolean accumulate) {
    float[] rows = new float[b.k() * b.n()];
    for (int p = 0; p < b.k(); p++) {
      for (int j = 0; j < b.n(); j++) {
        rows[p * b.n() + j] = b.f32()[b.index(p, j)];
      }
    }
    sgemm(transA, false, m, b.n(), b.k(), a, aOff, lda, rows, 0, b.n(), c, cOff, ldc, accumulate);
  }

  @Override
  public void dgemm(boolean transA, int m, double[] a, int aOff, int lda, PackedMatrix b, double[] c, int cOff,
      int ldc, boolean accumulate) {
    double[] rows = new double[b.k() * b.n()];
    for (int p = 0; p < b.k(); p++) {
      for (int j = 0; j < b.n(); j++) {
        rows[p * b.n() + j] = b.f64()[b.index(p, j)];
      }
    }
    dgemm(transA, false, m, b.n(), b.k(), a, aOff, lda, rows, 0, b.n(), c, cOff, ldc, accumulate);
  }
}
