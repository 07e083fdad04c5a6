package dev.eddy.examples.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.Losses;
import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Shape;
import dev.eddy.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The adding problem's layout, and that always answering 1 scores its baseline. */
class AddingProblemTest {

  @Test
  void addingHasTwoMarkersOneInEachHalfAndTheirSumAsTarget() {
    int time = 11;
    int batch = 200;
    AddingProblem b = AddingProblem.sample(new SplittableRandom(1), time, batch, DType.F32);
    assertEquals(Shape.of(time, batch, 2), b.x().shape());
    assertEquals(Shape.of(batch, 1), b.target().shape());
    float[] x = b.x().toFloatArray();
    float[] y = b.target().toFloatArray();
    for (int s = 0; s < batch; s++) {
      int firstHalf = 0;
      int secondHalf = 0;
      double sum = 0;
      for (int t = 0; t < time; t++) {
        float value = x[(t * batch + s) * 2];
        float marker = x[(t * batch + s) * 2 + 1];
        assertTrue(value >= 0 && value <= 1, "value " + value);
        assertTrue(marker == 0 || marker == 1, "marker " + marker);
        if (marker == 1) {
          sum += value;
          firstHalf += t < time / 2 ? 1 : 0;
          secondHalf += t >= time / 2 ? 1 : 0;
        }
      }
      assertEquals(1, firstHalf, "markers in the first half of sequence " + s);
      assertEquals(1, secondHalf, "markers in the second half of sequence " + s);
      assertEquals(sum, y[s], 1e-6, "target of sequence " + s);
    }
  }

  @Test
  void alwaysAnsweringOneScoresTheAddingBaseline() {
    AddingProblem b = AddingProblem.sample(new SplittableRandom(2), 4, 40_000, DType.F64);
    Var ones = Var.constant(Tensor.ones(b.target().dtype(), 40_000, 1));
    double mse = Losses.mse(ones, Var.constant(b.target())).item();
    // (sum - 1)^2 has mean 1/6 and standard deviation 0.197: 0.005 is five standard errors
    assertEquals(AddingProblem.BASELINE_MSE, mse, 0.005);
  }
}
