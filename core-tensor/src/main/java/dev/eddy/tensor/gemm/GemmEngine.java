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
}
