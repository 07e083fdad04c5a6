package dev.eddy.tensor.gemm;

/**
 * The Vector API engine: {@link BlockedGemm} over {@link FloatTiles} and {@link DoubleTiles}.
 * Loaded only when {@link dev.eddy.tensor.kernels.Backend#active()} is {@code VECTOR}.
 */
final class VectorGemm implements GemmEngine {
  private final BlockedGemm<float[]> f32 = new BlockedGemm<>(new FloatTiles(), Float.BYTES);
  private final BlockedGemm<double[]> f64 = new BlockedGemm<>(new DoubleTiles(), Double.BYTES);

  @Override
  public void sgemm(boolean transA, boolean transB, int m, int n, int k,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc, boolean accumulate) {
    f32.gemm(GemmProblem.rowMajor(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb,
        c, cOff, ldc, accumulate));
  }

  @Override
  public void dgemm(boolean transA, boolean transB, int m, int n, int k,
      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
      double[] c, int cOff, int ldc, boolean accumulate) {
    f64.gemm(GemmProblem.rowMajor(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb,
        c, cOff, ldc, accumulate));
  }
}
