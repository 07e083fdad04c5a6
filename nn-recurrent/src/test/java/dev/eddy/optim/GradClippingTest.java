package dev.eddy.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** clipGradNorm returns the total norm and scales by PyTorch's factor; clipGradValue clamps. */
class GradClippingTest {

  /** Parameters named a, b, c, ... with the given gradients (a null gradient: none). */
  private static Map<String, Var> withGrads(Tensor... grads) {
    Map<String, Var> params = new LinkedHashMap<>();
    Map<String, Tensor> byName = new LinkedHashMap<>();
    for (int i = 0; i < grads.length; i++) {
      String name = String.valueOf((char) ('a' + i));
      Tensor shape = grads[i] == null ? Tensor.zeros(DType.F64, 2) : grads[i];
      params.put(name, Var.parameter(name, Tensor.zerosLike(shape)));
      byName.put(name, grads[i]);
    }
    OptimizerCases.setGrads(params, byName);
    return params;
  }

  @Property(tries = 200)
  void theTotalNormIsThatOfAllGradientsAsOneVector(@ForAll long seed,
      @ForAll @DoubleRange(min = 0.01, max = 10) double maxNorm, @ForAll boolean f32) {
    Random r = new Random(seed);
    DType dtype = f32 ? DType.F32 : DType.F64;
    double scale = Math.exp(4 * r.nextGaussian());
    Tensor a = Tensor.normal(r, dtype, 0, scale, 1 + r.nextInt(5), 1 + r.nextInt(5));
    Tensor b = Tensor.normal(r, DType.F64, 0, scale, 1 + r.nextInt(7));
    Map<String, Var> params = withGrads(a, null, b);
    double[] all = concat(a.toDoubleArray(), b.toDoubleArray());
    double sumSquares = 0;
    for (double x : all) {
      sumSquares += x * x;
    }
    double expectedNorm = Math.sqrt(sumSquares);

    double total = GradClipping.clipGradNorm(params, maxNorm);

    assertEquals(expectedNorm, total, 1e-12 * expectedNorm);
    double coef = maxNorm / (expectedNorm + 1e-6);
    Tensor clippedA = params.get("a").grad();
    Tensor clippedB = params.get("c").grad();
    assertNull(params.get("b").grad());
    if (coef >= 1) {
      assertTrue(clippedA.bitwiseEquals(a) && clippedB.bitwiseEquals(b), "below maxNorm nothing changes");
    } else {
      assertTrue(clippedA.allClose(a.mul(coef), f32 ? 1e-6 : 1e-15, 0));
      assertTrue(clippedB.allClose(b.mul(coef), 1e-15, 0));
      double after = GradClipping.clipGradNorm(params, Double.POSITIVE_INFINITY);
      assertTrue(after <= maxNorm * (1 + 1e-6), "after clipping the norm is " + after + " > " + maxNorm);
    }
  }

  private static double[] concat(double[] x, double[] y) {
    double[] out = java.util.Arrays.copyOf(x, x.length + y.length);
    System.arraycopy(y, 0, out, x.length, y.length);
    return out;
  }

  @Test
  void otherNormTypes() {
    Tensor a = Tensor.of(new double[] {3, -4}, 2);
    Tensor b = Tensor.of(new float[] {-12, 1, 0}, 3);
    assertEquals(20, GradClipping.clipGradNorm(List.of(p(a), p(b)), 100, 1, false));
    assertEquals(12, GradClipping.clipGradNorm(List.of(p(a), p(b)), 100, Double.POSITIVE_INFINITY, false));
    double cubic = Math.cbrt(27 + 64 + 1728 + 1);
    assertEquals(cubic, GradClipping.clipGradNorm(List.of(p(a), p(b)), 100, 3, false), 1e-12 * cubic);
    assertEquals(Math.sqrt(0.5 * 0.5 * 2), GradClipping.clipGradNorm(List.of(p(Tensor.full(DType.F64, 0.5, 2))), 1), 1e-15);
  }

  private static Var p(Tensor grad) {
    Var v = Var.parameter(Tensor.zerosLike(grad));
    OptimizerCases.setGrads(Map.of("v", v), Map.of("v", grad));
    return v;
  }

  @Test
  void noGradientsGiveZero() {
    assertEquals(0, GradClipping.clipGradNorm(withGrads((Tensor) null), 1));
    assertEquals(0, GradClipping.clipGradNorm(Map.of(), 1));
  }

  @Test
  void aNonFiniteGradientIsNamedWhenAskedAndNothingChanges() {
    Tensor good = Tensor.of(new double[] {1, 2}, 2);
    Tensor bad = Tensor.of(new float[] {0, 1, Float.NaN}, 3);
    Map<String, Var> params = withGrads(good, null, bad);
    ArithmeticException e = assertThrows(ArithmeticException.class,
        () -> GradClipping.clipGradNorm(params, 1, 2, true));
    assertEquals("clipGradNorm: the total 2.0-norm of the gradients is NaN; the gradient of 'c' [3] has NaN at flat "
        + "index 2 (gradients left unchanged)", e.getMessage());
    assertTrue(params.get("a").grad().bitwiseEquals(good));

    Map<String, Var> infinite = withGrads(Tensor.of(new double[] {Double.NEGATIVE_INFINITY}, 1));
    e = assertThrows(ArithmeticException.class,
        () -> GradClipping.clipGradNorm(infinite, 1, Double.POSITIVE_INFINITY, true));
    assertEquals("clipGradNorm: the total inf-norm of the gradients is Infinity; the gradient of 'a' [1] has -Infinity "
        + "at flat index 0 (gradients left unchanged)", e.getMessage());

    Map<String, Var> overflow = withGrads(Tensor.of(new double[] {1e200, 1e200}, 2));
    e = assertThrows(ArithmeticException.class, () -> GradClipping.clipGradNorm(overflow, 1, 2, true));
    assertTrue(e.getMessage().endsWith("every element is finite, but the sum of their powers overflows a double "
        + "(gradients left unchanged)"), e.getMessage());
  }

  @Test
  void withoutTheCheckANonFiniteNormSpoilsEveryGradientAsInPyTorch() {
    Map<String, Var> nan = withGrads(Tensor.of(new double[] {1, 2}, 2), Tensor.of(new double[] {Double.NaN}, 1));
    assertTrue(Double.isNaN(GradClipping.clipGradNorm(nan, 1)));
    assertTrue(Double.isNaN(nan.get("a").grad().get(0)) && Double.isNaN(nan.get("a").grad().get(1)));

    Map<String, Var> inf = withGrads(Tensor.of(new double[] {-1, Double.POSITIVE_INFINITY}, 2));
    assertEquals(Double.POSITIVE_INFINITY, GradClipping.clipGradNorm(inf, 1));
    assertEquals(-0.0, inf.get("a").grad().get(0)); // times a factor of 0
    assertTrue(Double.isNaN(inf.get("a").grad().get(1)));
  }

  @Test
  void clipGradValueClampsEveryElement() {
    Map<String, Var> params = withGrads(Tensor.of(new double[] {-3, -0.5, 0.5, 3, Double.NaN}, 5),
        Tensor.of(new float[] {-2, 2, 0.25f}, 3), null);
    GradClipping.clipGradValue(params, 1);
    assertTrue(params.get("a").grad().bitwiseEquals(Tensor.of(new double[] {-1, -0.5, 0.5, 1, Double.NaN}, 5)));
    assertTrue(params.get("b").grad().bitwiseEquals(Tensor.of(new float[] {-1, 1, 0.25f}, 3)));
    assertNull(params.get("c").grad());
  }

  @Test
  void badArgumentsAreNamed() {
    Map<String, Var> params = withGrads(Tensor.ones(DType.F64, 2));
    assertEquals("clipGradNorm: maxNorm must be >= 0, got -1.0", assertThrows(IllegalArgumentException.class,
        () -> GradClipping.clipGradNorm(params, -1)).getMessage());
    assertEquals("clipGradNorm: normType must be > 0 or infinity, got 0.0", assertThrows(IllegalArgumentException.class,
        () -> GradClipping.clipGradNorm(params, 1, 0, false)).getMessage());
    assertEquals("clipGradValue: clip must be >= 0, got NaN", assertThrows(IllegalArgumentException.class,
        () -> GradClipping.clipGradValue(params, Double.NaN)).getMessage());
  }
}
