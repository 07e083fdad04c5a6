package dev.eddy.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** cumsum and logCumSumExp against an index-by-index reference, in both directions, and at the edges. */
class ScanPropertiesTest {

  /** Reference: for every element, combine the elements of its column up to (or, reversed, from) it. */
  private static double[] naiveScan(Tensor x, int axis, boolean reverse, boolean logSpace) {
    int[] d = x.shape().dims();
    double[] out = new double[x.numel()];
    for (int flat = 0; flat < out.length; flat++) {
      int[] idx = Naive.unravel(flat, d);
      int t = idx[axis];
      int from = reverse ? t : 0;
      int to = reverse ? d[axis] - 1 : t;
      double acc = 0;
      double max = Double.NEGATIVE_INFINITY;
      for (int s = from; s <= to; s++) {
        idx[axis] = s;
        max = Math.max(max, x.get(idx));
      }
      for (int s = from; s <= to; s++) {
        idx[axis] = s;
        acc += logSpace ? Math.exp(x.get(idx) - max) : x.get(idx);
      }
      out[flat] = logSpace ? max + Math.log(acc) : acc;
    }
    return out;
  }

  @Property(tries = 200)
  void scansMatchTheReference(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] d = Naive.dims(r, 4, 6);
    if (d.length == 0) {
      return;
    }
    DType dtype = r.nextBoolean() ? DType.F32 : DType.F64;
    double tol = dtype == DType.F32 ? 1e-5 : 1e-12;
    Tensor x = Naive.random(r, dtype, d).mul(20);
    int axis = r.nextInt(d.length);
    int given = r.nextBoolean() ? axis : axis - d.length;
    boolean reverse = r.nextBoolean();
    Tensor c = x.cumsum(given, reverse);
    Tensor l = x.logCumSumExp(given, reverse);
    assertEquals(x.shape(), c.shape());
    assertTrue(c.allClose(Tensor.wrap(naiveScan(x.to(DType.F64), axis, reverse, false), d).to(dtype), tol, tol),
        "cumsum along " + given + (reverse ? " reversed" : ""));
    assertTrue(l.allClose(Tensor.wrap(naiveScan(x.to(DType.F64), axis, reverse, true), d).to(dtype), tol, tol),
        "logCumSumExp along " + given + (reverse ? " reversed" : ""));
    if (!reverse) {
      assertTrue(c.bitwiseEquals(x.cumsum(given)), "the one-argument form runs forward");
      assertTrue(l.bitwiseEquals(x.logCumSumExp(given)), "the one-argument form runs forward");
    }
  }

  @Test
  void aLongScanIsTheSameOnOneAndTwoThreads() {
    int saved = Parallel.threads();
    try {
      Tensor x = Tensor.uniform(new SplittableRandom(3), DType.F64, -1, 1, 3, 700, 41);
      Parallel.setThreads(1);
      Tensor one = x.logCumSumExp(1);
      Tensor oneSum = x.cumsum(1);
      Parallel.setThreads(2);
      assertTrue(one.bitwiseEquals(x.logCumSumExp(1)));
      assertTrue(oneSum.bitwiseEquals(x.cumsum(1)));
    } finally {
      Parallel.setThreads(saved);
    }
  }

  @Test
  void logCumSumExpNeitherOverflowsNorLosesMinusInfinity() {
    double inf = Double.POSITIVE_INFINITY;
    Tensor x = Tensor.of(new double[] {-inf, -inf, 1000, 1000, -inf, -1000}, 6);
    double ln2 = Math.log(2);
    assertArrayEquals(new double[] {-inf, -inf, 1000, 1000 + ln2, 1000 + ln2, 1000 + ln2},
        x.logCumSumExp(0).toDoubleArray(), 1e-12);
    Tensor f = Tensor.of(new float[] {88, 89, 100}, 3);
    assertArrayEquals(new float[] {88, 89.313262f, 100.00002f}, f.logCumSumExp(0).toFloatArray(), 1e-4f);
    assertArrayEquals(new double[] {inf, inf}, Tensor.of(new double[] {inf, 1}, 2).logCumSumExp(0).toDoubleArray());
    assertTrue(Double.isNaN(Tensor.of(new double[] {1, Double.NaN, 2}, 3).logCumSumExp(0).toDoubleArray()[2]));
  }

  @Test
  void emptyTensorsAndBadAxes() {
    assertEquals(Shape.of(0, 3), Tensor.zeros(DType.F32, 0, 3).cumsum(0).shape());
    assertEquals(Shape.of(2, 0), Tensor.zeros(DType.F64, 2, 0).logCumSumExp(0).shape());
    ShapeException e = assertThrows(ShapeException.class, () -> Tensor.zeros(DType.F32, 2, 3).cumsum(2));
    assertEquals("cumsum: axis 2 is out of range for shape [2, 3] (valid: -2..1)", e.getMessage());
    assertThrows(ShapeException.class, () -> Tensor.scalar(DType.F64, 1).logCumSumExp(0));
  }
}
