package dev.eddy.tensor.gemm;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * One random GEMM call for the property tests: shape, transposes, accumulate, and operands that
 * start at an offset and have row strides wider than their rows, with random values in [-1, 1).
 * {@code fill} marks every element outside the logical matrices, so a test can see that GEMM
 * touched nothing else.
 */
record GemmCase(int m, int n, int k, boolean transA, boolean transB, boolean accumulate,
    int aOff, int lda, int bOff, int ldb, int cOff, int ldc, long seed) {

  static final double FILL = 12345.0;

  /** Sizes a kernel can get wrong: 0, 1, lane and tile edges, primes. */
  static Arbitrary<Integer> awkwardSize(int max) {
    return Arbitraries.oneOf(
        Arbitraries.of(0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 23, 31, 32, 33, 47, 63, 64, 65)
            .filter(s -> s <= max),
        Arbitraries.integers().between(1, max));
  }

  static Arbitrary<GemmCase> cases(int maxM, int maxN, int maxK) {
    return Combinators.combine(awkwardSize(maxM), awkwardSize(maxN), awkwardSize(maxK),
            Arbitraries.of(false, true).list().ofSize(3),
            Arbitraries.integers().between(0, 5).list().ofSize(6),
            Arbitraries.longs())
        .as((m, n, k, flags, pads, seed) -> of(m, n, k, flags.get(0), flags.get(1), flags.get(2),
            pads, seed));
  }

  static GemmCase of(int m, int n, int k, boolean transA, boolean transB, boolean accumulate,
      java.util.List<Integer> pads, long seed) {
    return new GemmCase(m, n, k, transA, transB, accumulate,
        pads.get(0), (transA ? m : k) + pads.get(1),
        pads.get(2), (transB ? k : n) + pads.get(3),
        pads.get(4), n + pads.get(5), seed);
  }

  int aLength() {
    return aOff + (transA ? k : m) * lda;
  }

  int bLength() {
    return bOff + (transB ? n : k) * ldb;
  }

  int cLength() {
    return cOff + m * ldc;
  }

  double[] aF64() {
    return operand(aLength(), aOff, lda, transA ? k : m, transA ? m : k, 1);
  }

  double[] bF64() {
    return operand(bLength(), bOff, ldb, transB ? n : k, transB ? k : n, 2);
  }

  double[] cF64() {
    return operand(cLength(), cOff, ldc, m, n, 3);
  }

  private double[] operand(int length, int off, int ld, int rows, int cols, int salt) {
    double[] x = new double[length];
    Arrays.fill(x, FILL);
    SplittableRandom random = new SplittableRandom(seed * 31 + salt);
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < cols; j++) {
        x[off + r * ld + j] = random.nextDouble(-1, 1);
      }
    }
    return x;
  }

  static float[] toF32(double[] x) {
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = (float) x[i];
    }
    return y;
  }

  double a(double[] a, int i, int p) {
    return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
  }

  double b(double[] b, int p, int j) {
    return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
  }

  /** Whether index {@code x} of C is one of the m × n outputs. */
  boolean inC(int x) {
    int r = x - cOff;
    return r >= 0 && r / ldc < m && r % ldc < n;
  }

  void dgemm(double[] a, double[] b, double[] c) {
    Gemm.dgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
  }

  void sgemm(float[] a, float[] b, float[] c) {
    Gemm.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
  }

  /** The same product with B packed first ({@link Gemm#pack}). */
  void sgemmPacked(float[] a, float[] b, float[] c) {
    PackedMatrix packed = Gemm.pack(transB, k, n, b, bOff, ldb);
    Gemm.sgemm(transA, m, a, aOff, lda, packed, c, cOff, ldc, accumulate);
  }

  void dgemmPacked(double[] a, double[] b, double[] c) {
    PackedMatrix packed = Gemm.pack(transB, k, n, b, bOff, ldb);
    Gemm.dgemm(transA, m, a, aOff, lda, packed, c, cOff, ldc, accumulate);
  }

  /** The scalar reference reading a B it packed itself (its own panel width). */
  void scalarSgemmPacked(float[] a, float[] b, float[] c) {
    ScalarGemm reference = new ScalarGemm();
    int w = reference.panelWidth(true);
    PackedMatrix packed = new PackedMatrix(k, n, w,
        PackedMatrix.packF32(k, n, w, b, bOff, transB ? 1 : ldb, transB ? ldb : 1), null);
    reference.sgemm(transA, m, a, aOff, lda, packed, c, cOff, ldc, accumulate);
  }

  void scalarSgemm(float[] a, float[] b, float[] c) {
    new ScalarGemm().sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc,
        accumulate);
  }

  @Override
  public String toString() {
    return "gemm " + (transA ? "T" : "N") + (transB ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k
        + (accumulate ? " accumulate" : "") + " offsets " + aOff + "/" + bOff + "/" + cOff
        + " strides " + lda + "/" + ldb + "/" + ldc;
  }
}
