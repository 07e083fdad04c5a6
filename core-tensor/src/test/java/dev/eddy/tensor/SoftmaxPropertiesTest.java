package dev.eddy.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** softmax sums to one, is shift invariant, and logSoftmax is its log; both stay finite for huge inputs. */
class SoftmaxPropertiesTest {

  @Property(tries = 200)
  void softmaxLaws(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] d = Naive.dims(r, 4, 6);
    if (d.length == 0) {
      return;
    }
    DType dtype = r.nextBoolean() ? DType.F32 : DType.F64;
    double tol = dtype == DType.F32 ? 2e-6 : 1e-13;
    Tensor x = Naive.random(r, dtype, d).mul(5);
    int axis = r.nextInt(d.length) - (r.nextBoolean() ? d.length : 0);
    Tensor p = x.softmax(axis);
    assertTrue(p.sum(true, axis).allClose(Tensor.onesLike(p.sum(true, axis)), tol, tol), "rows sum to 1");
    assertTrue(p.ge(0).min().item() == 1.0, "probabilities are non-negative");
    assertTrue(x.add(37.5).softmax(axis).allClose(p, 20 * tol, tol), "shift invariant");
    assertTrue(x.logSoftmax(axis).allClose(p.log(), 10 * tol, tol), "logSoftmax = log(softmax)");
  }

  @Test
  void largeInputsDoNotOverflow() {
    Tensor x = Tensor.of(new float[] {1000, 1001, -1000, 89, 90, 91}, 2, 3);
    float[] p = x.softmax(1).toFloatArray();
    for (float v : p) {
      assertTrue(Float.isFinite(v));
    }
    assertArrayEquals(new float[] {0.26894142f, 0.7310586f, 0f}, java.util.Arrays.copyOf(p, 3), 1e-6f);
    float[] lp = x.logSoftmax(1).toFloatArray();
    assertArrayEquals(new float[] {-1.3132616f, -0.3132617f, -2001.3132f}, java.util.Arrays.copyOf(lp, 3), 1e-4f);
    assertTrue(Float.isFinite(x.logSumExp(1, false).toFloatArray()[1]));
  }

  @Test
  void sigmoidAndTanhSaturateWithoutOverflow() {
    Tensor x = Tensor.of(new float[] {-1000, -90, 0, 90, 1000}, 5);
    assertArrayEquals(new float[] {0, 0, 0.5f, 1, 1}, x.sigmoid().toFloatArray(), 1e-30f);
    assertArrayEquals(new float[] {-1, -1, 0, 1, 1}, x.tanh().toFloatArray(), 0f);
    Tensor y = Tensor.of(new double[] {-1000, 1000}, 2);
    assertArrayEquals(new double[] {0, 1}, y.sigmoid().toDoubleArray(), 0);
  }
}
