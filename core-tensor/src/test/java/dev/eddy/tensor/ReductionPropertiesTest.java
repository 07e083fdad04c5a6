package dev.eddy.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Reductions against an index-by-index reference, sumTo as the adjoint of broadcastTo, and accuracy. */
class ReductionPropertiesTest {

  /** A random non-empty subset of the axes of a rank-r shape, some given negative. */
  private static int[] randomAxes(SplittableRandom r, int rank) {
    List<Integer> axes = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      if (r.nextBoolean()) {
        axes.add(r.nextBoolean() ? i : i - rank);
      }
    }
    return axes.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Reference: reduce by visiting every input element and adding it to its output slot. */
  private static double[] naiveReduce(Tensor x, int[] axes, Shape outKeep, double init,
      java.util.function.DoubleBinaryOperator f) {
    double[] out = new double[outKeep.numel()];
    java.util.Arrays.fill(out, init);
    int[] d = x.shape().dims();
    boolean[] red = new boolean[d.length];
    for (int a : axes) {
      red[a < 0 ? a + d.length : a] = true;
    }
    if (axes.length == 0) {
      java.util.Arrays.fill(red, true);
    }
    int[] od = outKeep.dims();
    for (int i = 0; i < x.numel(); i++) {
      int[] idx = Naive.unravel(i, d);
      int o = 0;
      for (int k = 0; k < d.length; k++) {
        o = o * od[k] + (red[k] ? 0 : idx[k]);
      }
      out[o] = f.applyAsDouble(out[o], x.get(idx));
    }
    return out;
  }

  @Property(tries = 200)
  void sumMaxMinMeanMatchTheReference(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Tensor x = Naive.random(r, DType.F64, Naive.dims(r, 4, 5));
    int[] axes = randomAxes(r, x.rank());
    Tensor keep = x.sum(true, axes);
    double[] sum = naiveReduce(x, axes, keep.shape(), 0, Double::sum);
    assertTrue(keep.allClose(Tensor.wrap(sum, keep.shape().dims()), 1e-12, 1e-12));
    assertEquals(x.sum(false, axes).numel(), keep.numel());
    double[] max = naiveReduce(x, axes, keep.shape(), Double.NEGATIVE_INFINITY, Math::max);
    assertArrayEquals(max, x.max(true, axes).toDoubleArray());
    double[] min = naiveReduce(x, axes, keep.shape(), Double.POSITIVE_INFINITY, Math::min);
    assertArrayEquals(min, x.min(false, axes).toDoubleArray());
    int count = axes.length == 0 ? x.numel() : x.numel() / keep.numel();
    assertTrue(x.mean(true, axes).allClose(keep.div(count), 1e-15, 0));
  }

  @Property(tries = 200)
  void sumToIsTheAdjointOfBroadcastTo(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] big = Naive.dims(r, 4, 5);
    int[] small = Naive.broadcastPartner(r, big);
    if (small.length > big.length) {
      return; // the partner grew a leading axis: swap roles would not broadcast to big
    }
    Tensor x = Naive.random(r, DType.F64, small);
    Tensor y = Naive.random(r, DType.F64, big);
    Tensor bx = x.broadcastTo(big);
    Tensor sy = y.sumTo(x.shape());
    assertEquals(x.shape(), sy.shape());
    assertEquals(Naive.inner(bx, y), Naive.inner(x, sy), 1e-9);
  }

  @Property(tries = 100)
  void argmaxPicksTheFirstLargest(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    // few distinct values, so ties are common
    int[] d = Naive.dims(r, 3, 5);
    if (d.length == 0) {
      return;
    }
    Tensor x = Tensor.wrap(roundAll(Tensor.uniform(r, DType.F32, 0, 3, d).toFloatArray()), d);
    int axis = r.nextInt(d.length);
    Tensor am = x.argmax(axis, false);
    Tensor an = x.argmin(axis, true);
    Tensor mx = x.max(false, axis);
    for (int i = 0; i < am.numel(); i++) {
      int[] oi = Naive.unravel(i, am.shape().dims());
      int[] xi = new int[d.length];
      for (int k = 0, j = 0; k < d.length; k++) {
        xi[k] = k == axis ? 0 : oi[j++];
      }
      int best = (int) am.flat(i);
      xi[axis] = best;
      assertEquals(mx.flat(i), x.get(xi));
      for (int j = 0; j < best; j++) {
        xi[axis] = j;
        assertTrue(x.get(xi) < mx.flat(i), "an earlier index has the maximum too");
      }
    }
    assertEquals(x.rank(), an.rank());
  }

  private static float[] roundAll(float[] v) {
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) Math.floor(v[i]);
    }
    return v;
  }

  @Property(tries = 100)
  void logSumExpIsStableAndCorrect(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] d = Naive.dims(r, 3, 6);
    if (d.length == 0) {
      return;
    }
    Tensor x = Naive.random(r, DType.F64, d);
    int axis = r.nextInt(d.length);
    Tensor want = x.exp().sum(false, axis).log();
    assertTrue(x.logSumExp(axis, false).allClose(want, 1e-12, 1e-12));
    // shifting by 1000 would overflow exp; logSumExp shifts back exactly
    Tensor shifted = x.add(1000).logSumExp(axis, true).sub(1000);
    assertTrue(shifted.allClose(x.logSumExp(axis, true), 1e-9, 1e-9));
  }

  /** A prime-sided volume: runs of 23, 17·23 and 31 with tails for any lane count, in F32 against F64. */
  @Test
  void awkwardVolumeInF32MatchesF64() {
    Tensor x = Tensor.uniform(new java.util.SplittableRandom(11), DType.F64, -3, 3, 31, 17, 23);
    Tensor f = x.to(DType.F32);
    int[][] axisSets = {{}, {0}, {1}, {2}, {0, 1}, {1, 2}, {0, 2}};
    for (int[] axes : axisSets) {
      String what = "axes " + java.util.Arrays.toString(axes);
      assertTrue(f.sum(false, axes).allClose(x.sum(false, axes), 1e-5, 1e-4), "sum " + what);
      assertTrue(f.max(true, axes).allClose(x.max(true, axes), 1e-7, 0), "max " + what);
      assertTrue(f.mean(false, axes).allClose(x.mean(false, axes), 1e-5, 1e-5), "mean " + what);
    }
    for (int axis = 0; axis < 3; axis++) {
      assertTrue(f.softmax(axis).allClose(x.softmax(axis), 1e-5, 1e-7), "softmax axis " + axis);
      assertTrue(f.logSumExp(axis, false).allClose(x.logSumExp(axis, false), 1e-6, 1e-6), "logSumExp axis " + axis);
      assertTrue(f.tanh().sigmoid().exp().allClose(x.tanh().sigmoid().exp(), 1e-6, 0), "tanh, sigmoid, exp");
    }
  }

  @Test
  void f32SumOfAMillionElementsStaysAccurate() {
    SplittableRandom r = new SplittableRandom(3);
    Tensor x = Tensor.uniform(r, DType.F32, 0, 1, 1_000_000);
    double exact = 0;
    for (float v : x.f32()) {
      exact += v;
    }
    double got = x.sum().item();
    assertEquals(exact, got, exact * 1e-6, "pairwise F32 sum");
    // an outer-axis (column) sum over a million rows too
    double col = x.reshape(1_000_000, 1).sum(false, 0).item();
    assertEquals(exact, col, exact * 1e-6, "column F32 sum");
    double mid = x.reshape(250_000, 4).sum(false, 0).sum().item();
    assertEquals(exact, mid, exact * 1e-6, "strided F32 sum");
  }

  @Test
  void emptyAndScalarReductions() {
    Tensor empty = Tensor.zeros(DType.F32, 0, 3);
    assertArrayEquals(new float[] {0, 0, 0}, empty.sum(false, 0).toFloatArray());
    assertEquals(0, empty.sum(false, 1).numel());
    Tensor s = Tensor.scalar(DType.F64, 2.5);
    assertEquals(2.5, s.sum().item());
    assertEquals(2.5, s.max().item());
    assertTrue(Double.isNaN(Tensor.of(new double[] {1, Double.NaN, 3}, 3).max().item()));
    assertEquals(1, Tensor.of(new double[] {1, Double.NaN, 3}, 3).argmax(0, false).item());
  }
}
