package dev.eddy.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.eddy.tensor.kernels.simd.VectorKernels;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Every Vector API kernel against the scalar reference, on random data with special values mixed in,
 * at awkward lengths (0, 1, lanes ± 1 for 8 and 16 lanes, 4·lanes ± 1, primes, the 31·17·23 volume,
 * across the 4096-element sum leaves) and random offsets. Exactly rounded ops must agree bitwise;
 * transcendentals within a few ulp; sums within a bound that grows with n.
 */
class KernelEquivalenceTest {
  private static final ScalarKernels SCALAR = new ScalarKernels();
  private static final VectorKernels VECTOR = new VectorKernels();
  private static final float[] SPECIAL_F = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e30f, -1e-30f};

  @Provide
  Arbitrary<Integer> sizes() {
    return Arbitraries.of(0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 23, 31, 32, 33, 63, 64, 65, 127, 129, 1021, 4095, 4097,
        8193, 31 * 17 * 23);
  }

  private static float[] floats(SplittableRandom r, int n, double scale, boolean specials) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = specials && r.nextInt(20) == 0 ? SPECIAL_F[r.nextInt(SPECIAL_F.length)] : (float) (scale * (2 * r.nextDouble() - 1));
    }
    return x;
  }

  private static double[] doubles(SplittableRandom r, int n, double scale, boolean specials) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = specials && r.nextInt(20) == 0 ? SPECIAL_F[r.nextInt(SPECIAL_F.length)] : scale * (2 * r.nextDouble() - 1);
    }
    return x;
  }

  private static void assertBitwise(float[] want, float[] got, String what) {
    for (int i = 0; i < want.length; i++) {
      if (Float.floatToIntBits(want[i]) != Float.floatToIntBits(got[i])) {
        fail(what + ": element " + i + " of " + want.length + ": scalar " + want[i] + ", vector " + got[i]);
      }
    }
  }

  private static void assertBitwise(double[] want, double[] got, String what) {
    for (int i = 0; i < want.length; i++) {
      if (Double.doubleToLongBits(want[i]) != Double.doubleToLongBits(got[i])) {
        fail(what + ": element " + i + " of " + want.length + ": scalar " + want[i] + ", vector " + got[i]);
      }
    }
  }

  /** Distance in units in the last place; values below Float.MIN_NORMAL count as equal to each other. */
  static int ulps(float a, float b) {
    if (Float.isNaN(a) || Float.isNaN(b)) {
      return Float.isNaN(a) && Float.isNaN(b) ? 0 : Integer.MAX_VALUE;
    }
    if (Math.abs(a) < Float.MIN_NORMAL && Math.abs(b) < Float.MIN_NORMAL) {
      return 0;
    }
    if (a == b) {
      return 0;
    }
    if (Math.signum(a) != Math.signum(b)) {
      return Integer.MAX_VALUE;
    }
    return Math.abs(Float.floatToIntBits(Math.abs(a)) - Float.floatToIntBits(Math.abs(b)));
  }

  private static void assertUlps(float[] want, float[] got, int maxUlps, String what) {
    for (int i = 0; i < want.length; i++) {
      if (ulps(want[i], got[i]) > maxUlps) {
        fail(what + ": element " + i + ": scalar " + want[i] + ", vector " + got[i] + " differ by more than "
            + maxUlps + " ulp");
      }
    }
  }

  private static int ulpBound(UnaryOp op) {
    return switch (op) {
      case EXP -> 1;
      case TANH, SIGMOID -> 3;
      default -> 0;
    };
  }

  @Property(tries = 150)
  void f32ElementwiseKernelsMatch(@ForAll("sizes") int n, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int off = r.nextInt(5);
    float[] a = floats(r, n + off, 10, true);
    float[] b = floats(r, n + off, 10, true);
    float s = r.nextInt(8) == 0 ? SPECIAL_F[r.nextInt(SPECIAL_F.length)] : (float) r.nextDouble(-3, 3);
    for (BinaryOp op : BinaryOp.values()) {
      float[] want = new float[n];
      float[] got = new float[n];
      SCALAR.binary(op, a, off, b, off, want, 0, n);
      VECTOR.binary(op, a, off, b, off, got, 0, n);
      assertBitwise(want, got, op + " run-run n=" + n);
      SCALAR.binary(op, a, off, s, want, 0, n);
      VECTOR.binary(op, a, off, s, got, 0, n);
      assertBitwise(want, got, op + " run-scalar " + s + " n=" + n);
      SCALAR.binary(op, s, b, off, want, 0, n);
      VECTOR.binary(op, s, b, off, got, 0, n);
      assertBitwise(want, got, op + " scalar-run " + s + " n=" + n);
    }
    for (UnaryOp op : UnaryOp.values()) {
      float[] want = new float[n];
      float[] got = new float[n];
      SCALAR.unary(op, a, off, want, 0, n);
      VECTOR.unary(op, a, off, got, 0, n);
      assertUlps(want, got, ulpBound(op), op + " n=" + n);
    }
    float[] want = new float[n];
    float[] got = new float[n];
    SCALAR.clamp(a, off, -1.5f, 2f, want, 0, n);
    VECTOR.clamp(a, off, -1.5f, 2f, got, 0, n);
    assertBitwise(want, got, "clamp");
    float[] x = floats(r, n, 10, false);
    float[] y1 = floats(r, n, 10, false);
    float[] y2 = y1.clone();
    SCALAR.axpy(0.75f, x, 0, y1, 0, n);
    VECTOR.axpy(0.75f, x, 0, y2, 0, n);
    for (int i = 0; i < n; i++) { // FMA vs multiply-then-add: within one rounding of the product
      assertTrue(Math.abs(y1[i] - y2[i]) <= Math.ulp(0.75f * x[i]) + Math.ulp(y1[i]), "axpy element " + i);
    }
  }

  @Property(tries = 100)
  void f64ElementwiseKernelsMatch(@ForAll("sizes") int n, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int off = r.nextInt(5);
    double[] a = doubles(r, n + off, 10, true);
    double[] b = doubles(r, n + off, 10, true);
    double s = r.nextDouble(-3, 3);
    for (BinaryOp op : BinaryOp.values()) {
      double[] want = new double[n];
      double[] got = new double[n];
      SCALAR.binary(op, a, off, b, off, want, 0, n);
      VECTOR.binary(op, a, off, b, off, got, 0, n);
      assertBitwise(want, got, op + " run-run n=" + n);
      SCALAR.binary(op, a, off, s, want, 0, n);
      VECTOR.binary(op, a, off, s, got, 0, n);
      assertBitwise(want, got, op + " run-scalar n=" + n);
      SCALAR.binary(op, s, b, off, want, 0, n);
      VECTOR.binary(op, s, b, off, got, 0, n);
      assertBitwise(want, got, op + " scalar-run n=" + n);
    }
    for (UnaryOp op : UnaryOp.values()) {
      double[] want = new double[n];
      double[] got = new double[n];
      SCALAR.unary(op, a, off, want, 0, n);
      VECTOR.unary(op, a, off, got, 0, n);
      assertBitwise(want, got, op + " n=" + n);
    }
    double[] want = new double[n];
    double[] got = new double[n];
    SCALAR.clamp(a, off, -1.5, 2, want, 0, n);
    VECTOR.clamp(a, off, -1.5, 2, got, 0, n);
    assertBitwise(want, got, "clamp");
  }

  /** Sum tolerance: grows with n, relative to Σ|x|. */
  private static double sumTol(double eps, int n, double absSum) {
    return eps * (4 + 2 * Math.sqrt(n)) * absSum;
  }

  @Property(tries = 150)
  void reductionKernelsMatch(@ForAll("sizes") int n, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int off = r.nextInt(5);
    float[] a = floats(r, n + off, 10, false);
    float[] b = floats(r, n + off, 10, false);
    double[] da = doubles(r, n + off, 10, false);
    double[] db = doubles(r, n + off, 10, false);
    double absF = 0;
    double absD = 0;
    double absDotF = 0;
    double absDotD = 0;
    for (int i = off; i < n + off; i++) {
      absF += Math.abs(a[i]);
      absD += Math.abs(da[i]);
      absDotF += Math.abs((double) a[i] * b[i]);
      absDotD += Math.abs(da[i] * db[i]);
    }
    double epsF = Math.ulp(1f);
    double epsD = Math.ulp(1.0);
    assertEquals(SCALAR.reduce(ReduceOp.SUM, a, off, n), VECTOR.reduce(ReduceOp.SUM, a, off, n), sumTol(epsF, n, absF), "F32 sum");
    assertEquals(SCALAR.reduce(ReduceOp.SUM, da, off, n), VECTOR.reduce(ReduceOp.SUM, da, off, n), sumTol(epsD, n, absD), "F64 sum");
    assertEquals(SCALAR.dot(a, off, b, off, n), VECTOR.dot(a, off, b, off, n), sumTol(epsF, n, absDotF), "F32 dot");
    assertEquals(SCALAR.dot(da, off, db, off, n), VECTOR.dot(da, off, db, off, n), sumTol(epsD, n, absDotD), "F64 dot");
    for (ReduceOp op : new ReduceOp[] {ReduceOp.MAX, ReduceOp.MIN}) {
      assertEquals(SCALAR.reduce(op, a, off, n), VECTOR.reduce(op, a, off, n), op + " F32");
      assertEquals(SCALAR.reduce(op, da, off, n), VECTOR.reduce(op, da, off, n), op + " F64");
    }
  }

  @Property(tries = 60)
  void extremesPropagateNaNAndOrderZeros(@ForAll("sizes") int n, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] a = floats(r, n, 10, true);
    double[] d = doubles(r, n, 10, true);
    for (ReduceOp op : new ReduceOp[] {ReduceOp.MAX, ReduceOp.MIN}) {
      assertEquals(Float.floatToIntBits(SCALAR.reduce(op, a, 0, n)), Float.floatToIntBits(VECTOR.reduce(op, a, 0, n)), op + " F32");
      assertEquals(Double.doubleToLongBits(SCALAR.reduce(op, d, 0, n)), Double.doubleToLongBits(VECTOR.reduce(op, d, 0, n)), op + " F64");
    }
  }

  @Property(tries = 100)
  void rowReductionsMatch(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int rows = 1 + r.nextInt(r.nextBoolean() ? 40 : 300);
    int cols = new int[] {1, 7, 16, 17, 31, 65}[r.nextInt(6)];
    int stride = cols + r.nextInt(3);
    float[] x = floats(r, rows * stride, 10, false);
    double[] dx = doubles(r, rows * stride, 10, false);
    for (ReduceOp op : ReduceOp.values()) {
      float[] want = new float[cols];
      float[] got = new float[cols];
      SCALAR.reduceRows(op, x, 0, rows, stride, want, 0, cols);
      VECTOR.reduceRows(op, x, 0, rows, stride, got, 0, cols);
      double[] dwant = new double[cols];
      double[] dgot = new double[cols];
      SCALAR.reduceRows(op, dx, 0, rows, stride, dwant, 0, cols);
      VECTOR.reduceRows(op, dx, 0, rows, stride, dgot, 0, cols);
      for (int j = 0; j < cols; j++) {
        double absSum = 0;
        for (int i = 0; i < rows; i++) {
          absSum += Math.abs(x[i * stride + j]);
        }
        double tol = op == ReduceOp.SUM ? sumTol(Math.ulp(1f), rows, absSum) : 0;
        assertEquals(want[j], got[j], tol, op + " column " + j + " of " + rows + " rows");
        assertEquals(dwant[j], dgot[j], op == ReduceOp.SUM ? sumTol(Math.ulp(1.0), rows, absSum * 10) : 0);
      }
    }
  }

  @Property(tries = 150)
  void softmaxFamilyMatches(@ForAll("sizes") int n, @ForAll long seed) {
    if (n == 0) {
      return;
    }
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = floats(r, n, 1 + r.nextInt(30), false);
    double[] dx = doubles(r, n, 1 + r.nextInt(30), false);
    float lw = SCALAR.logSumExp(x, 0, n);
    assertEquals(lw, VECTOR.logSumExp(x, 0, n), 1e-5 * Math.max(1, Math.abs(lw)), "F32 logSumExp");
    double dlw = SCALAR.logSumExp(dx, 0, n);
    assertEquals(dlw, VECTOR.logSumExp(dx, 0, n), 1e-12 * Math.max(1, Math.abs(dlw)), "F64 logSumExp");
    float[] want = new float[n];
    float[] got = new float[n];
    SCALAR.softmax(x, 0, want, 0, n);
    VECTOR.softmax(x, 0, got, 0, n);
    for (int i = 0; i < n; i++) {
      assertEquals(want[i], got[i], 2e-5 * want[i] + 1e-30, "F32 softmax element " + i);
    }
    SCALAR.logSoftmax(x, 0, want, 0, n);
    VECTOR.logSoftmax(x, 0, got, 0, n);
    for (int i = 0; i < n; i++) {
      assertEquals(want[i], got[i], 1e-5 * Math.max(1, Math.abs(want[i])), "F32 logSoftmax element " + i);
    }
    double[] dwant = new double[n];
    double[] dgot = new double[n];
    SCALAR.softmax(dx, 0, dwant, 0, n);
    VECTOR.softmax(dx, 0, dgot, 0, n);
    for (int i = 0; i < n; i++) {
      assertEquals(dwant[i], dgot[i], 1e-12 * dwant[i], "F64 softmax element " + i);
    }
  }

  /** Threads cut runs at arbitrary points; the vector tails must give the same bits as the lanes. */
  @Property(tries = 100)
  void cuttingARunAnywhereGivesTheSameBits(@ForAll("sizes") int n, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = floats(r, n, 30, true);
    float[] y = floats(r, n, 30, true);
    int cut = r.nextInt(n + 1);
    for (UnaryOp op : UnaryOp.values()) {
      float[] whole = new float[n];
      float[] pieces = new float[n];
      VECTOR.unary(op, x, 0, whole, 0, n);
      VECTOR.unary(op, x, 0, pieces, 0, cut);
      VECTOR.unary(op, x, cut, pieces, cut, n - cut);
      assertBitwise(whole, pieces, op + " cut at " + cut + " of " + n);
    }
    for (BinaryOp op : BinaryOp.values()) {
      float[] whole = new float[n];
      float[] pieces = new float[n];
      VECTOR.binary(op, x, 0, y, 0, whole, 0, n);
      VECTOR.binary(op, x, 0, y, 0, pieces, 0, cut);
      VECTOR.binary(op, x, cut, y, cut, pieces, cut, n - cut);
      assertBitwise(whole, pieces, op + " cut at " + cut + " of " + n);
    }
    float[] whole = y.clone();
    float[] pieces = y.clone();
    VECTOR.axpy(-1.25f, x, 0, whole, 0, n);
    VECTOR.axpy(-1.25f, x, 0, pieces, 0, cut);
    VECTOR.axpy(-1.25f, x, cut, pieces, cut, n - cut);
    assertBitwise(whole, pieces, "axpy cut at " + cut);
  }

  /** A dense sweep of the F32 transcendentals, including saturation and the flush-to-zero range. */
  @Test
  void transcendentalSweep() {
    int n = 200_001;
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = -105f + 195f * i / (n - 1);
    }
    for (UnaryOp op : new UnaryOp[] {UnaryOp.EXP, UnaryOp.TANH, UnaryOp.SIGMOID}) {
      float[] want = new float[n];
      float[] got = new float[n];
      SCALAR.unary(op, x, 0, want, 0, n);
      VECTOR.unary(op, x, 0, got, 0, n);
      assertUlps(want, got, ulpBound(op), op + " sweep");
    }
    float[] near0 = new float[20_001];
    for (int i = 0; i < near0.length; i++) {
      near0[i] = (i - 10_000) * 1e-4f; // tanh's polynomial/exp switch at |x| = 0.625 lies inside
    }
    float[] want = new float[near0.length];
    float[] got = new float[near0.length];
    SCALAR.unary(UnaryOp.TANH, near0, 0, want, 0, near0.length);
    VECTOR.unary(UnaryOp.TANH, near0, 0, got, 0, near0.length);
    assertUlps(want, got, ulpBound(UnaryOp.TANH), "tanh near 0");
  }

  @Test
  void namesAndActiveBackend() {
    assertEquals("scalar", SCALAR.name());
    assertEquals("vector", VECTOR.name());
    assertEquals(Backend.active() == Backend.VECTOR ? "vector" : "scalar", Kernels.active().name());
  }
}
