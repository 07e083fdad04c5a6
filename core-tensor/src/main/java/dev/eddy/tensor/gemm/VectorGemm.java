package dev.eddy.tensor.gemm;

/**
 * The Vector API engine: {@link DotGemm} for products with a few rows along k (a batch of 1 to 8
 * times a transposed weight), {@link BlockedGemm} for everything else, over {@link FloatTiles}
 * and {@link DoubleTiles}.
 * Loaded only when {@link dev.eddy.tensor.kernels.Backend#active()} is {@code VECTOR}.
 */
final class VectorGemm implements GemmEngine {
  private final BlockedGemm<float[]> f32 = new BlockedGemm<>(new FloatTiles(), Float.BYTES);
  private final BlockedGemm<double[]> f64 = new BlockedGemm<>(new DoubleTiles(), Double.BYTES);
  private final DotGemm<float[]> f32FewRows = new DotGemm<>(new FloatTiles());
  private final DotGemm<double[]> f64FewRows = new DotGemm<>(new DoubleTiles());

  @Override
  public void sgemm(boolean transA, boolean transB, int m, int n, int k,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc, boolean accumulate) {
    GemmProblem<float[]> p = GemmProblem.rowMajor(transA, transB, m, n, k, a, aOff, lda, b, bOff,
        ldb, c, cOff, ldc, accumulate);
    GemmProblem<float[]> fewRows = DotGemm.orientation(p);
    if (fewRows != null) {
      f32FewRows.gemm(fewRows);
    } else if (DotGemm.isRow(p)) {
      f32FewRows.gemmRow(p);
    } else {
      f32.gemm(p);
    }
  }

  @Override
  public void dgemm(boolean transA, boolean transB, int m, int n, int k,
      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
      double[] c, int cOff, int ldc, boolean accumulate) {
    GemmProblem<double[]> p = GemmProblem.rowMajor(transA, transB, m, n, k, a, aOff, lda, b, bOff,
        ldb, c, cOff, ldc, accumulate);
    GemmProblem<double[]> fewRows = DotGemm.orientation(p);
    if (fewRows != null) {
      f64FewRows.gemm(fewRows);
    } else if (DotGemm.isRow(p)) {
      f64FewRows.gemmRow(p);
    } else {
      f64.gemm(p);
    }
  }

  @Override
  public int panelWidth(boolean f32) {
    return f32 ? FloatTiles.NR : DoubleTiles.NR;
  }

  @Override
  public void sgemm(boolean transA, int m, float[] a, int aOff, int lda, PackedMatrix b, float[] c, int cOff, int ldc,
      boolean accumulate) {
    float[] panels = b.f32();
    checkPanels(b, FloatTiles.NR);
    f32.gemm(GemmProblem.packedB(transA, m, b.n(), b.k(), a, aOff, lda, panels, b.panelWidth(), c, cOff, ldc,
        accumulate));
  }

  @Override
  public void dgemm(boolean transA, int m, double[] a, int aOff, int lda, PackedMatrix b, double[] c, int cOff,
      int ldc, boolean accumulate) {
    double[] panels = b.f64();
    checkPanels(b, DoubleTiles.NR);
    f64.gemm(GemmProblem.packedB(transA, m, b.n(), b.k(), a, aOff, lda, panels, b.panelWidth(), c, cOff, ldc,
        accumulate));
  }

  /** A matrix packed for another engine (another panel width) would be read wrongly: refuse it. */
  private static void checkPanels(PackedMatrix b, int width) {
    if (b.panelWidth() != width) {
      throw new IllegalArgumentException("gemm: the packed matrix has panels of " + b.panelWidth()
          + " columns, this engine reads " + width + "; pack it with Gemm.pack in this JVM");
    }
  }
}
