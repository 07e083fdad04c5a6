package dev.eddy.examples.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class ForecastWindowsTest {

  private static double[] ramp(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = i * i % 7 + 0.5 * i;
    }
    return v;
  }

  /** No leakage: training targets stay in the training part, validation targets in the validation part. */
  @Property(tries = 200)
  void trainingAndValidationTargetsNeverCross(@ForAll @IntRange(min = 2, max = 400) int n,
      @ForAll @IntRange(min = 1, max = 30) int window, @ForAll @IntRange(min = 1, max = 12) int horizon,
      @ForAll @DoubleRange(min = 0.05, max = 0.5) double fraction) {
    ForecastWindows w;
    try {
      w = ForecastWindows.split(ramp(n), window, horizon, fraction);
    } catch (IllegalArgumentException tooShort) {
      assertTrue(tooShort.getMessage().contains("is too short"), tooShort.getMessage());
      return;
    }
    int split = w.trainLength();
    assertTrue(w.trainEnds().length >= 1 && w.validationEnds().length >= 1);
    for (int t : w.trainEnds()) {
      assertTrue(t - window + 1 >= 0 && t + horizon < split, "training example ending at " + t);
    }
    for (int t : w.validationEnds()) {
      assertTrue(t + 1 >= split && t + horizon < n, "validation example ending at " + t);
    }
    // every validation step is forecast at step 1 by exactly one example
    assertEquals(n - split - horizon + 1, w.validationEnds().length);
  }

  @Property(tries = 50)
  void theScaleIsFittedOnTheTrainingPartOnly(@ForAll @DoubleRange(min = -1e3, max = 1e3) double late) {
    double[] a = ramp(100);
    double[] b = a.clone();
    for (int i = 80; i < 100; i++) {
      b[i] = late * i;
    }
    assertEquals(ForecastWindows.split(a, 10, 2, 0.2).scale(), ForecastWindows.split(b, 10, 2, 0.2).scale());
  }

  @Property(tries = 50)
  void zeroOutputsAreThePersistenceForecast(@ForAll @IntRange(min = 1, max = 6) int horizon) {
    ForecastWindows w = ForecastWindows.split(ramp(120), 8, horizon, 0.25);
    int[] ends = w.validationEnds();
    double[][] values = w.toValues(Tensor.zeros(DType.F32, ends.length, horizon), ends);
    double[][] persistence = w.persistence(ends);
    for (int b = 0; b < ends.length; b++) {
      assertArrayEquals(persistence[b], values[b]);
    }
  }

  @Property(tries = 50)
  void targetsMappedBackAreTheTruth(@ForAll @IntRange(min = 1, max = 6) int horizon) {
    ForecastWindows w = ForecastWindows.split(ramp(120), 8, horizon, 0.25);
    int[] ends = w.trainEnds();
    double[][] values = w.toValues(w.targets(ends), ends);
    double[][] truth = w.truth(ends);
    for (int b = 0; b < ends.length; b++) {
      assertArrayEquals(truth[b], values[b], 1e-5 * w.scale());
    }
  }

  @Property(tries = 20)
  void inputsAreTheWindowRelativeToItsLastValue(@ForAll @IntRange(min = 1, max = 10) int window) {
    double[] v = ramp(60);
    ForecastWindows w = ForecastWindows.split(v, window, 2, 0.2);
    int t = w.trainEnds()[3];
    Tensor x = w.inputs(new int[] {t});
    assertArrayEquals(new int[] {1, window, 1}, x.shape().dims());
    for (int i = 0; i < window; i++) {
      assertEquals((v[t - window + 1 + i] - v[t]) / w.scale(), x.get(0, i, 0), 1e-5);
    }
    assertEquals(0.0, x.get(0, window - 1, 0));
  }

  @Example
  void aConstantTrainingPartIsRefused() {
    double[] v = new double[50];
    v[49] = 1;
    var e = assertThrows(IllegalArgumentException.class, () -> ForecastWindows.split(v, 5, 1, 0.2));
    assertEquals("the training part of the series (40 values) is constant: there is nothing to learn", e.getMessage());
  }
}
