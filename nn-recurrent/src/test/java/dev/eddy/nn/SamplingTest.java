package dev.eddy.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SamplingTest {

  @Test
  void temperatureZeroIsArgmaxWithTheFirstOnTies() {
    Tensor logits = Tensor.of(new float[] {0.5f, 2, -1, 2}, 4);
    assertEquals(1, Sampling.argmax(logits));
    assertEquals(1, Sampling.draw(logits, 0, null));
    assertEquals(2, Sampling.draw(Tensor.of(new double[] {Double.NEGATIVE_INFINITY, -5, -1}, 3), 0, null));
  }

  @Test
  void drawsFollowTheSoftmaxOfTheScaledLogits() {
    double[] logits = {1.0, 0.0, -1.0, 2.0};
    for (double temperature : new double[] {0.5, 1, 3}) {
      double[] expected = Tensor.of(logits, 4).div(temperature).softmax(0).toDoubleArray();
      int n = 40_000;
      int[] counts = new int[4];
      SplittableRandom rng = new SplittableRandom(7);
      for (int i = 0; i < n; i++) {
        counts[Sampling.draw(Tensor.of(logits, 4), temperature, rng)]++;
      }
      for (int c = 0; c < 4; c++) {
        double sd = Math.sqrt(expected[c] * (1 - expected[c]) / n);
        assertEquals(expected[c], counts[c] / (double) n, 5 * sd + 1e-9,
            "class " + c + " at temperature " + temperature);
      }
    }
  }

  @Property(tries = 200)
  void aClassWithLogitMinusInfinityIsNeverDrawn(@ForAll @IntRange(min = 2, max = 9) int classes,
      @ForAll @IntRange(min = 0, max = 8) int excluded, @ForAll @DoubleRange(min = 0.05, max = 20) double temperature,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] l = Tensor.normal(rng, DType.F64, 0, 3, classes).toDoubleArray();
    l[excluded % classes] = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < 50; i++) {
      int c = Sampling.draw(Tensor.of(l, classes), temperature, rng);
      assertTrue(c >= 0 && c < classes && c != excluded % classes, "drew " + c);
    }
  }

  @Test
  void badArgumentsAreNamed() {
    Tensor ok = Tensor.of(new float[] {1, 2}, 2);
    SplittableRandom rng = new SplittableRandom(1);
    assertEquals("Sampling.draw: temperature must be a finite number >= 0, got -0.5",
        assertThrows(IllegalArgumentException.class, () -> Sampling.draw(ok, -0.5, rng)).getMessage());
    assertEquals("Sampling.draw: logits must be a non-empty vector [classes], got [1, 2]",
        assertThrows(IllegalArgumentException.class, () -> Sampling.draw(ok.reshape(1, 2), 1, rng)).getMessage());
    assertEquals("Sampling.draw: logit 1 is NaN", assertThrows(IllegalArgumentException.class,
        () -> Sampling.draw(Tensor.of(new float[] {1, Float.NaN}, 2), 1, rng)).getMessage());
    assertEquals("Sampling.argmax: every logit is -Infinity; nothing can be drawn",
        assertThrows(IllegalArgumentException.class,
            () -> Sampling.argmax(Tensor.full(DType.F32, Double.NEGATIVE_INFINITY, 3))).getMessage());
  }
}
