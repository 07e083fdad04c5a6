package dev.eddy.tensor.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.tensor.Parallel;
import dev.eddy.tensor.kernels.Backend;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/** Laws of GEMM on random shapes, transposes, offsets and strides. */
class GemmPropertiesTest {

  /**
   * Checks {@code got} against the naive triple loop in double precision, within the rounding
   * error bound of a k-term sum: {@code tol = 2·(k+1)·eps·(|C₀| + Σ|A(i,p)·B(p,j)|)}.
   */
  static void assertMatchesNaive(GemmCase g, double[] a, double[] b, double[] c0, double[] got,
      double eps) {
    for (int x = 0; x < got.length; x++) {
      if (!g.inC(x)) {
        assertEquals(c0[x], got[x], 0.0, g + ": wrote outside C at index " + x);
      }
    }
    for (int i = 0; i < g.m(); i++) {
      for (int j = 0; j < g.n(); j++) {
        int x = g.cOff() + i * g.ldc();
        double sum = g.accumulate() ? c0[x + j] : 0;
        double magnitude = Math.abs(sum);
        for (int p = 0; p < g.k(); p++) {
          double term = g.a(a, i, p) * g.b(b, p, j);
          sum += term;
          magnitude += Math.abs(term);
        }
        double tol = 2.0 * (g.k() + 1) * eps * magnitude;
        assertEquals(sum, got[x + j], tol, g + ": C(" + i + "," + j + ")");
      }
    }
  }

  @Provide
  Arbitrary<GemmCase> cases() {
    return GemmCase.cases(70, 600, 600);
  }

  @Property(tries = 150)
  void f64EqualsNaiveTripleLoop(@ForAll("cases") GemmCase g) {
    double[] a = g.aF64();
    double[] b = g.bF64();
    double[] c0 = g.cF64();
    double[] c = c0.clone();
    g.dgemm(a, b, c);
    assertMatchesNaive(g, a, b, c0, c, Math.ulp(1.0));
  }

  @Property(tries = 100)
  void scalarReferenceEqualsNaiveTripleLoop(@ForAll("cases") GemmCase g) {
    double[] a = g.aF64();
    double[] b = g.bF64();
    double[] c0 = g.cF64();
    double[] c = c0.clone();
    new ScalarGemm().dgemm(g.transA(), g.transB(), g.m(), g.n(), g.k(), a, g.aOff(), g.lda(),
        b, g.bOff(), g.ldb(), c, g.cOff(), g.ldc(), g.accumulate());
    assertMatchesNaive(g, a, b, c0, c, Math.ulp(1.0));
  }

  @Property(tries = 150)
  void f32EqualsScalarReference(@ForAll("cases") GemmCase g) {
    float[] a = GemmCase.toF32(g.aF64());
    float[] b = GemmCase.toF32(g.bF64());
    float[] c0 = GemmCase.toF32(g.cF64());
    float[] fast = c0.clone();
    float[] reference = c0.clone();
    g.sgemm(a, b, fast);
    g.scalarSgemm(a, b, reference);
    double[] a64 = toF64(a);
    double[] b64 = toF64(b);
    // Both are within the k-term bound of the exact sum, so within twice that of each other.
    for (int x = 0; x < fast.length; x++) {
      if (!g.inC(x)) {
        assertEquals(c0[x], fast[x], 0f, g + ": wrote outside C at index " + x);
        continue;
      }
      int i = (x - g.cOff()) / g.ldc();
      int j = (x - g.cOff()) % g.ldc();
      double magnitude = g.accumulate() ? Math.abs(c0[x]) : 0;
      for (int p = 0; p < g.k(); p++) {
        magnitude += Math.abs(g.a(a64, i, p) * g.b(b64, p, j));
      }
      double tol = 4.0 * (g.k() + 1) * Math.ulp(1f) * magnitude;
      assertEquals(reference[x], fast[x], tol, g + ": C(" + i + "," + j + ")");
    }
  }

  private static double[] toF64(float[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i];
    }
    return y;
  }

  @Provide
  Arbitrary<GemmCase> fewRowCases() {
    // One to eight rows (or columns): the dot-product and single-row paths of DotGemm.
    return GemmCase.cases(300, 300, 300).filter(g -> Math.min(g.m(), g.n()) <= DotGemm.MAX_ROWS);
  }

  @Property(tries = 80)
  void fewRowsEqualNaiveTripleLoop(@ForAll("fewRowCases") GemmCase g) {
    f64EqualsNaiveTripleLoop(g);
    f32EqualsScalarReference(g);
  }

  @Provide
  Arbitrary<GemmCase> manyRowCases() {
    // More rows than BlockedGemm.DIRECT_B_MAX_ROWS: B is packed even when it could be read directly.
    return GemmCase.cases(300, 80, 300).filter(g -> g.m() > BlockedGemm.DIRECT_B_MAX_ROWS);
  }

  @Property(tries = 30)
  void f64WithManyRowsEqualsNaiveTripleLoop(@ForAll("manyRowCases") GemmCase g) {
    f64EqualsNaiveTripleLoop(g);
  }

  @Provide
  Arbitrary<GemmCase> parallelCases() {
    // Large enough to be split over threads (a few million flops).
    return GemmCase.cases(90, 700, 400)
        .filter(g -> 2L * g.m() * g.n() * g.k() >= 2 * BlockedGemm.MIN_PARALLEL_FLOPS);
  }

  @Property(tries = 25)
  void bitwiseEqualForOneAndTwoThreads(@ForAll("parallelCases") GemmCase g) {
    float[] a = GemmCase.toF32(g.aF64());
    float[] b = GemmCase.toF32(g.bF64());
    float[] one = GemmCase.toF32(g.cF64());
    float[] two = one.clone();
    double[] a64 = g.aF64();
    double[] b64 = g.bF64();
    double[] one64 = g.cF64();
    double[] two64 = one64.clone();
    int saved = Parallel.threads();
    try {
      Parallel.setThreads(1);
      g.sgemm(a, b, one);
      g.dgemm(a64, b64, one64);
      Parallel.setThreads(2);
      g.sgemm(a, b, two);
      g.dgemm(a64, b64, two64);
    } finally {
      Parallel.setThreads(saved);
    }
    assertArrayEquals(one, two, g + ": f32, 1 vs 2 threads");
    assertArrayEquals(one64, two64, g + ": f64, 1 vs 2 threads");
  }

  /**
   * A B packed once ({@link PackedMatrix}, for reuse across products) gives the product within the
   * rounding bound, and bitwise the product of the B it was packed from wherever that product runs on
   * the tiled kernel (not on the few-rows paths, which sum in another order): each output is then the
   * same fused multiply-add chain over k. The scalar reference reading packed panels equals itself.
   */
  @Property(tries = 80)
  void packedBGivesTheSameProduct(@ForAll("cases") GemmCase g) {
    double[] a64 = g.aF64();
    double[] b64 = g.bF64();
    double[] c64 = g.cF64();
    double[] plain64 = c64.clone();
    double[] packed64 = c64.clone();
    g.dgemm(a64, b64, plain64);
    g.dgemmPacked(a64, b64, packed64);
    assertMatchesNaive(g, a64, b64, c64, packed64, 0x1p-53);

    float[] a = GemmCase.toF32(a64);
    float[] b = GemmCase.toF32(b64);
    float[] plain = GemmCase.toF32(c64);
    float[] packed = plain.clone();
    g.sgemm(a, b, plain);
    g.sgemmPacked(a, b, packed);
    GemmProblem<float[]> p = GemmProblem.rowMajor(g.transA(), g.transB(), g.m(), g.n(), g.k(), a, g.aOff(), g.lda(),
        b, g.bOff(), g.ldb(), plain, g.cOff(), g.ldc(), g.accumulate());
    if (Backend.active() == Backend.VECTOR && DotGemm.orientation(p) == null && !DotGemm.isRow(p)) {
      assertArrayEquals(plain, packed, g + ": f32, packed B");
      assertArrayEquals(plain64, packed64, g + ": f64, packed B");
    }

    float[] reference = GemmCase.toF32(c64);
    float[] referencePacked = reference.clone();
    g.scalarSgemm(a, b, reference);
    g.scalarSgemmPacked(a, b, referencePacked);
    assertArrayEquals(reference, referencePacked, g + ": scalar reference, packed B");
  }

  @Property(tries = 15)
  void packedBIsBitwiseEqualForOneAndTwoThreads(@ForAll("parallelCases") GemmCase g) {
    float[] a = GemmCase.toF32(g.aF64());
    float[] b = GemmCase.toF32(g.bF64());
    float[] one = GemmCase.toF32(g.cF64());
    float[] two = one.clone();
    int saved = Parallel.threads();
    try {
      Parallel.setThreads(1);
      g.sgemmPacked(a, b, one);
      Parallel.setThreads(2);
      g.sgemmPacked(a, b, two);
    } finally {
      Parallel.setThreads(saved);
    }
    assertArrayEquals(one, two, g + ": packed B, 1 vs 2 threads");
  }

  /**
   * {@code (op(A)·op(B))ᵀ = op(B)ᵀ·op(A)ᵀ} exactly: the engine may compute either orientation,
   * and each output element is the same fused multiply-add chain in both.
   */
  @Property(tries = 60)
  void transposedProductIsBitwiseTheTranspose(@ForAll("cases") GemmCase g) {
    float[] a = GemmCase.toF32(g.aF64());
    float[] b = GemmCase.toF32(g.bF64());
    float[] c = new float[g.m() * g.n()];
    float[] ct = new float[g.n() * g.m()];
    Gemm.sgemm(g.transA(), g.transB(), g.m(), g.n(), g.k(), a, g.aOff(), g.lda(), b, g.bOff(),
        g.ldb(), c, 0, Math.max(1, g.n()), false);
    Gemm.sgemm(!g.transB(), !g.transA(), g.n(), g.m(), g.k(), b, g.bOff(), g.ldb(), a, g.aOff(),
        g.lda(), ct, 0, Math.max(1, g.m()), false);
    for (int i = 0; i < g.m(); i++) {
      for (int j = 0; j < g.n(); j++) {
        assertEquals(Float.floatToRawIntBits(c[i * g.n() + j]),
            Float.floatToRawIntBits(ct[j * g.m() + i]), g + ": C(" + i + "," + j + ")");
      }
    }
  }

  @Provide
  Arbitrary<GemmCase> smallCases() {
    return GemmCase.cases(40, 80, 80);
  }

  /** Many small shapes against the reference: every edge-tile combination, all variants. */
  @Property(tries = 3000)
  @Tag("slow")
  void exhaustiveSmallShapesEqualScalarReference(@ForAll("smallCases") GemmCase g) {
    f32EqualsScalarReference(g);
    f64EqualsNaiveTripleLoop(g);
  }

  @Provide
  Arbitrary<GemmCase> largeCases() {
    return GemmCase.cases(300, 1100, 1100);
  }

  /** Shapes that cross every cache block (k > 256, n > 512 columns), all variants. */
  @Property(tries = 60)
  @Tag("slow")
  void largeShapesEqualNaiveTripleLoop(@ForAll("largeCases") GemmCase g) {
    f64EqualsNaiveTripleLoop(g);
  }

  /**
   * Products called from several application threads at once (each with its own workspace,
   * sharing the worker pool) give the same bits as when called one after another.
   */
  @Property(tries = 3)
  void concurrentCallersGetTheSameBits(@ForAll("parallelCases") GemmCase g) throws Exception {
    float[] a = GemmCase.toF32(g.aF64());
    float[] b = GemmCase.toF32(g.bF64());
    float[] expected = GemmCase.toF32(g.cF64());
    g.sgemm(a, b, expected);
    int callers = 4;
    float[][] got = new float[callers][];
    Thread[] threads = new Thread[callers];
    Throwable[] failures = new Throwable[callers];
    for (int t = 0; t < callers; t++) {
      int id = t;
      threads[t] = new Thread(() -> {
        try {
          for (int round = 0; round < 5; round++) {
            float[] c = GemmCase.toF32(g.cF64());
            g.sgemm(a, b, c);
            got[id] = c;
            assertArrayEquals(expected, c, g + ": caller " + id + ", round " + round);
          }
        } catch (Throwable e) {
          failures[id] = e;
        }
      });
      threads[t].start();
    }
    for (int t = 0; t < callers; t++) {
      threads[t].join();
      if (failures[t] != null) {
        throw new AssertionError("caller " + t, failures[t]);
      }
      assertArrayEquals(expected, got[t]);
    }
  }

  @Property(tries = 1)
  void testsRunOnTheVectorBackend() {
    assertTrue(Backend.active() == Backend.VECTOR || !Backend.vectorModulePresent(),
        "the vector module is present, so the Vector API engine should be under test");
  }
}
