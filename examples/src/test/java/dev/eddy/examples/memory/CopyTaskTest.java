package dev.eddy.examples.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.Losses;
import dev.eddy.autograd.Var;
import dev.eddy.examples.memory.MemoryTask.Batch;
import dev.eddy.tensor.Shape;
import dev.eddy.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The copy task's layout, and that its baseline is what a memoryless answer scores. */
class CopyTaskTest {

  @Test
  void copyShowsTenSymbolsThenBlanksAndADelimiterAndWantsTheSymbolsAtTheEnd() {
    int delay = 7;
    int batch = 50;
    CopyTask task = new CopyTask(delay);
    int time = delay + 20;
    Batch b = task.sample(new SplittableRandom(3), batch);
    assertEquals(Shape.of(time, batch, 10), b.inputs().shape());
    assertEquals(Shape.of(time * batch), b.targets().shape());
    float[] x = b.inputs().toFloatArray();
    int[] y = b.targets().toIntArray();
    for (int s = 0; s < batch; s++) {
      for (int t = 0; t < time; t++) {
        int symbol = -1;
        for (int c = 0; c < 10; c++) {
          if (x[(t * batch + s) * 10 + c] == 1) {
            assertEquals(-1, symbol, "one-hot at step " + t);
            symbol = c;
          }
        }
        if (t < 10) {
          assertTrue(symbol >= 1 && symbol <= 8, "symbol " + symbol + " at step " + t);
          assertEquals(symbol, y[(delay + 10 + t) * batch + s], "copy of step " + t);
        } else {
          assertEquals(t == delay + 9 ? CopyTask.DELIMITER : CopyTask.BLANK, symbol, "input at step " + t);
        }
        if (t < delay + 10) {
          assertEquals(CopyTask.BLANK, y[t * batch + s], "target at step " + t);
        }
      }
    }
  }

  @Test
  void blanksThenAUniformGuessScoresTheCopyBaseline() {
    int delay = 30;
    int batch = 16;
    CopyTask task = new CopyTask(delay);
    int time = task.length();
    double[] logits = new double[time * batch * 9];
    for (int t = 0; t < time; t++) {
      for (int s = 0; s < batch; s++) {
        int row = (t * batch + s) * 9;
        if (t < task.recallStart()) {
          logits[row] = 60; // a sure blank
        } else {
          logits[row] = -60; // any of the 8 symbols, equally
        }
      }
    }
    Batch b = task.sample(new SplittableRandom(4), batch);
    double loss = Losses.crossEntropy(Var.constant(Tensor.of(logits, time * batch, 9)), b.targets()).item();
    assertEquals(10 * Math.log(8) / (delay + 20), task.baseline(), 1e-12);
    assertEquals(task.baseline(), loss, 1e-9);
  }
}
