package dev.eddy.tensor.gemm;

import dev.eddy.tensor.kernels.Backend;
import java.util.Arrays;

/**
 * General matrix multiply on row-major arrays: {@code C = op(A) · op(B)}, or {@code C += ...}
 * when {@code accumulate} is set.
 *
 * <p>{@code op(A)} is {@code m × k}: stored as {@code m × k} with row stride {@code lda}, or, when
 * {@code transA}, as {@code k × m} with row stride {@code lda} (so the transposed operand is read
 * directly, never copied). Likewise {@code op(B)} is {@code k × n}. {@code C} is {@code m × n} with
 * row stride {@code ldc}. Callers (the tensor ops) have checked all shapes; only dimensions and
 * strides are checked here, array bounds by the accesses themselves.
 *
 * <p>With the Vector API ({@link Backend#VECTOR}) this is a packed, register-tiled, cache-blocked
 * kernel split over {@link dev.eddy.tensor.Parallel#threads()} threads by output blocks; each
 * output element is summed in the same order whatever the thread count, so results are bitwise
 * reproducible. With {@link Backend#SCALAR} it is the plain-Java reference. {@code C} must not
 * overlap {@code A} or {@code B}.
 */
public final class Gemm {
  private Gemm() {}

  /** The engine, created on first use so that a JVM without the Vector API never loads it. */
  private static final class Active {
    static final GemmEngine ENGINE = Backend.active() == Backend.VECTOR ? vector() : new ScalarGemm();

    private static GemmEngine vector() {
      return new VectorGemm();
    }
  }

  /** Single precision: {@code C (+)= op(A) · op(B)}, see the class comment for the layout. */
  public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc, boolean accumulate) {
    check("sgemm", transA, transB, m, n, k, lda, ldb, ldc);
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      if (!accumulate) {
        for (int i = 0; i < m; i++) {
          Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
        }
      }
      return;
    }
    Active.ENGINE.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc,
        accumulate);
  }

  /** Double precision: {@code C (+)= op(A) · op(B)}, see the class comment for the layout. */
  public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
      double[] c, int cOff, int ldc, boolean accumulate) {
    check("dgemm", transA, transB, m, n, k, lda, ldb, ldc);
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      if (!accumulate) {
        for (int i = 0; i < m; i++) {
          Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
        }
      }
      return;
    }
    Active.ENGINE.dgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc,
        accumulate);
  }

  /**
   * {@code op(B)} ({@code k × n}; stored {@code k × n}, or {@code n × k} when {@code transB}, with row
   * stride {@code ldb}) copied into the layout the kernels read, for products that reuse it many times.
   */
  public static PackedMatrix pack(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
    checkPack("pack", transB, k, n, ldb);
    int w = Active.ENGINE.panelWidth(true);
    return new PackedMatrix(k, n, w, PackedMatrix.packF32(k, n, w, b, bOff, transB ? 1 : ldb, transB ? ldb : 1), null);
  }

  /** The float64 twin of {@link #pack(boolean, int, int, float[], int, int)}. */
  public static PackedMatrix pack(boolean transB, int k, int n, double[] b, int bOff, int ldb) {
    checkPack("pack", transB, k, n, ldb);
    int w = Active.ENGINE.panelWidth(false);
    return new PackedMatrix(k, n, w, null, PackedMatrix.packF64(k, n, w, b, bOff, transB ? 1 : ldb, transB ? ldb : 1));
  }

  /** {@code C (+)= op(A) · B} with B packed by {@link #pack}: {@code m × b.k()} times {@code b.k() × b.n()}. */
  public static void sgemm(boolean transA, int m, float[] a, int aOff, int lda, PackedMatrix b,
      float[] c, int cOff, int ldc, boolean accumulate) {
    check("sgemm", transA, false, m, b.n(), b.k(), lda, b.n(), ldc);
    if (m == 0 || b.n() == 0) {
      return;
    }
    if (b.k() == 0) {
      sgemm(transA, false, m, b.n(), 0, a, aOff, lda, new float[0], 0, b.n(), c, cOff, ldc, accumulate);
      return;
    }
    Active.ENGINE.sgemm(transA, m, a, aOff, lda, b, c, cOff, ldc, accumulate);
  }

  /** The float64 twin of {@link #sgemm(boolean, int, float[], int, int, PackedMatrix, float[], int, int, boolean)}. */
  public static void dgemm(boolean transA, int m, double[] a, int aOff, int lda, PackedMatrix b,
      double[] c, int cOff, int ldc, boolean accumulate) {
    check("dgemm", transA, false, m, b.n(), b.k(), lda, b.n(), ldc);
    if (m == 0 || b.n() == 0) {
      return;
    }
    if (b.k() == 0) {
      dgemm(transA, false, m, b.n(), 0, a, aOff, lda, new double[0], 0, b.n(), c, cOff, ldc, accumulate);
      return;
    }
    Active.ENGINE.dgemm(transA, m, a, aOff, lda, b, c, cOff, ldc, accumulate);
  }

  private static void checkPack(String op, boolean transB, int k, int n, int ldb) {
    if (k < 0 || n < 0) {
      throw new IllegalArgumentException(op + ": dimensions must not be negative, got k=" + k + ", n=" + n);
    }
    checkStride(op, "ldb", ldb, transB ? k : n);
  }

  private static void check(String op, boolean transA, boolean transB, int m, int n, int k,
      int lda, int ldb, int ldc) {
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException(op + ": dimensions must not be negative, got m=" + m
          + ", n=" + n + ", k=" + k);
    }
    checkStride(op, "lda", lda, transA ? m : k);
    checkStride(op, "ldb", ldb, transB ? k : n);
    checkStride(op, "ldc", ldc, n);
  }

  private static void checkStride(String op, String name, int stride, int rowLength) {
    if (stride < rowLength) {
      throw new IllegalArgumentException(op + ": " + name + " must be at least the row length "
          + rowLength + ", got " + stride);
    }
  }
}
