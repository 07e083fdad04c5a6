package dev.eddy.tensor.gemm;

/**
 * One implementation of {@link Gemm}: the scalar reference or the Vector API engine. Same
 * arguments as {@link Gemm#sgemm}; callers have checked them and handled empty products.
 */
interface GemmEngine {

  void sgemm(boolean transA, boolean transB, int m, int n, int k,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc, boolean accumulate);

  void dgemm(boolean transA, boolean transB, int m, int n, int k,
      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
      double[] c, int cOff, int ldc, boolean accumulate);

  /** Columns per panel of the {@link PackedMatrix} this engine reads. */
  int panelWidth(boolean f32);

  /** {@code C (+)= op(A) · B} with B packed ({@link PackedMatrix}); arguments checked by the caller. */
  void sgemm(boolean transA, int m, float[] a, int aOff, int lda, PackedMatrix b, float[] c, int cOff, int ldc,
      boolean accumulate);

  /** The float64 twin. */
  void dgemm(boolean transA, int m, double[] a, int aOff, int lda, PackedMatrix b, double[] c, int cOff, int ldc,
      boolean accumulate);
}
