package dev.eddy.examples.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ForecastErrorsTest {

  @Test
  void perStepAndOverallErrors() {
    double[][] truth = {{1, 2}, {3, 4}};
    double[][] forecast = {{2, 2}, {0, 8}}; // errors {1, 0}, {-3, 4}
    ForecastErrors e = ForecastErrors.of(forecast, truth);
    assertArrayEquals(new double[] {2, 2}, e.mae());
    assertArrayEquals(new double[] {Math.sqrt(5), Math.sqrt(8)}, e.rmse(), 1e-15);
    assertEquals(2, e.overallMae());
    assertEquals(Math.sqrt(26 / 4.0), e.overallRmse(), 1e-15);
  }

  @Test
  void beatingNeedsBothMeasuresLower() {
    double[][] truth = {{0, 0, 0, 0}};
    ForecastErrors even = ForecastErrors.of(new double[][] {{1, 1, 1, 1}}, truth); // MAE 1, RMSE 1
    ForecastErrors spiky = ForecastErrors.of(new double[][] {{0, 0, 0, 3}}, truth); // MAE 0.75, RMSE 1.5
    ForecastErrors small = ForecastErrors.of(new double[][] {{0.5, 0.5, 0.5, 0.5}}, truth);
    assertFalse(spiky.beats(even));
    assertFalse(even.beats(spiky));
    assertTrue(small.beats(even));
    assertFalse(even.beats(even));
    assertTrue(ForecastCommand.verdict(true, small, even).startsWith(
        "the model beats the persistence baseline: MAE 0.5000 vs 1.0000 (-50%), RMSE 0.5000 vs 1.0000 (-50%)"));
    assertTrue(ForecastCommand.verdict(false, spiky, even).startsWith(
        "the model does NOT beat the persistence baseline: MAE 0.7500 vs 1.0000 (-25%), RMSE 1.5000 vs 1.0000 (+50%)"));
  }

  @Test
  void mismatchedShapesAreNamed() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> ForecastErrors.of(new double[][] {{1, 2}, {1}}, new double[][] {{1, 2}, {1, 2}}));
    assertEquals("forecast errors: example 1 has 1 forecast steps and 2 true steps, expected 2", e.getMessage());
  }
}
