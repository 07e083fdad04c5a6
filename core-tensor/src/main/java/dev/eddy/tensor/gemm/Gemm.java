package dev.eddy.tensor.gemm;

/**
 * General matrix multiply on row-major arrays: {@code C = op(A) · op(B)}, or {@code C += ...}
 * when {@code accumulate} is set.
 *
 * <p>{@code op(A)} is {@code m × k}: stored as {@code m × k} with row stride {@code lda}, or, when
 * {@code transA}, as {@code k × m} with row stride {@code lda} (so the transposed operand is read
 * directly, never copied). Likewise {@code op(B)} is {@code k × n}. {@code C} is {@code m × n} with
 * row stride {@code ldc}. Callers (the tensor ops) have checked all shapes.
 */
public final class Gemm {
  private Gemm() {}

  public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc, boolean accumulate) {
    // Placeholder body: naive loops, replaced by the packed, register-tiled kernel.
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float s = 0f;
        for (int p = 0; p < k; p++) {
          float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
          float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
          s += av * bv;
        }
        int ci = cOff + i * ldc + j;
        c[ci] = accumulate ? c[ci] + s : s;
      }
    }
  }

  public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
      double[] c, int cOff, int ldc, boolean accumulate) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
          double bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
          s += av * bv;
        }
        int ci = cOff + i * ldc + j;
        c[ci] = accumulate ? c[ci] + s : s;
      }
    }
  }
}
