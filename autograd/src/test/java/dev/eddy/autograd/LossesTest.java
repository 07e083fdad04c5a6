package dev.eddy.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.ShapeException;
import dev.eddy.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Loss values against their formulas, the ignore/mask rules, and the argument checks. */
class LossesTest {

  private static final Tensor LOGITS = Tensor.of(new double[][] {{1, 2, 3}, {1, 1, 1}, {0, -1, 5}});

  private static double nll(int row, int target) {
    double[] l = LOGITS.toDoubleArray();
    double z = 0;
    for (int j = 0; j < 3; j++) {
      z += Math.exp(l[row * 3 + j]);
    }
    return Math.log(z) - l[row * 3 + target];
  }

  @Test
  void crossEntropyIsTheMeanNegativeLogLikelihoodOverKeptRows() {
    Var logits = Var.parameter(LOGITS);
    int[] targets = {2, Losses.DEFAULT_IGNORE_INDEX, 1};
    try (Tape tape = Tape.open()) {
      Var loss = Losses.crossEntropy(logits, targets);
      assertEquals((nll(0, 2) + nll(2, 1)) / 2, loss.item(), 1e-15);
      tape.backward(loss);
    }
    double[] g = logits.grad().toDoubleArray();
    assertArrayEquals(new double[] {0, 0, 0}, new double[] {g[3], g[4], g[5]}, "an ignored row gets no gradient");
    double rowSum = g[0] + g[1] + g[2];
    assertEquals(0, rowSum, 1e-15, "softmax minus one-hot sums to zero");
  }

  @Test
  void aMaskDropsRowsLikeTheIgnoreIndex() {
    Tensor mask = Tensor.of(new double[] {1, 0, 1}, 3);
    double masked = Losses.crossEntropy(Var.constant(LOGITS), new int[] {2, 0, 1}, -1, mask, Reduction.MEAN).item();
    double ignored = Losses.crossEntropy(Var.constant(LOGITS), new int[] {2, -1, 1}, -1, null, Reduction.MEAN).item();
    assertEquals(ignored, masked, 0);
    Tensor perRow = Losses.crossEntropy(Var.constant(LOGITS), new int[] {2, 0, 1}, -1, mask, Reduction.NONE).value();
    assertArrayEquals(new double[] {nll(0, 2), 0, nll(2, 1)}, perRow.toDoubleArray(), 1e-15);
    double sum = Losses.crossEntropy(Var.constant(LOGITS), new int[] {2, 0, 1}, -1, mask, Reduction.SUM).item();
    assertEquals(nll(0, 2) + nll(2, 1), sum, 1e-15);
  }

  @Test
  void withEveryRowDroppedTheMeanIsZeroWithZeroGradient() {
    Var logits = Var.parameter(LOGITS);
    try (Tape tape = Tape.open()) {
      Var loss = Losses.crossEntropy(logits, new int[] {-100, -100, -100});
      assertEquals(0, loss.item());
      tape.backward(loss);
    }
    assertTrue(logits.grad().allClose(Tensor.zerosLike(LOGITS), 0, 0));
  }

  @Test
  void crossEntropyKeepsTheDtypeOfTheLogits() {
    Var loss = Losses.crossEntropy(Var.constant(LOGITS.to(DType.F32)), Tensor.of(new float[] {0, 1, 2}, 3));
    assertEquals(DType.F32, loss.dtype());
    assertEquals((nll(0, 0) + nll(1, 1) + nll(2, 2)) / 3, loss.item(), 1e-6);
  }

  @Test
  void crossEntropyChecksItsArguments() {
    Var logits = Var.constant(LOGITS);
    IllegalArgumentException badClass = assertThrows(IllegalArgumentException.class,
        () -> Losses.crossEntropy(logits, new int[] {0, 3, 1}));
    assertTrue(badClass.getMessage().contains("target 3 of row 1"), badClass.getMessage());
    ShapeException count = assertThrows(ShapeException.class, () -> Losses.crossEntropy(logits, new int[] {0, 1}));
    assertTrue(count.getMessage().contains("2 targets for 3 rows"), count.getMessage());
    ShapeException rank = assertThrows(ShapeException.class,
        () -> Losses.crossEntropy(Var.constant(Tensor.zeros(DType.F64, 2, 3, 4)), new int[] {0, 1}));
    assertTrue(rank.getMessage().contains("[N, C]"), rank.getMessage());
    assertThrows(ShapeException.class,
        () -> Losses.crossEntropy(logits, new int[] {0, 1, 2}, -100, Tensor.ones(DType.F64, 2), Reduction.MEAN));
    assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(logits, Tensor.of(new double[] {0, 1.5, 2}, 3)));
  }

  @Test
  void mseIsTheMeanSquaredDifference() {
    Var p = Var.constant(Tensor.of(new double[] {1, 2, 3}, 3));
    Var t = Var.constant(Tensor.of(new double[] {0, 2, 5}, 3));
    assertEquals(5.0 / 3, Losses.mse(p, t).item(), 1e-15);
    assertEquals(5.0, Losses.mse(p, t, Reduction.SUM).item(), 0);
    assertArrayEquals(new double[] {1, 0, 4}, Losses.mse(p, t, Reduction.NONE).value().toDoubleArray());
    ShapeException e = assertThrows(ShapeException.class,
        () -> Losses.mse(p, Var.constant(Tensor.zeros(DType.F64, 3, 1))));
    assertTrue(e.getMessage().startsWith("mse: input [3] and target [3, 1] differ"), e.getMessage());
  }

  @Test
  void bceWithLogitsMatchesItsDefinitionAndStaysFiniteForLargeLogits() {
    double[] x = {-2, 0.5, 3};
    double[] t = {0, 1, 0.25};
    double want = 0;
    for (int i = 0; i < 3; i++) {
      double s = 1 / (1 + Math.exp(-x[i]));
      want -= t[i] * Math.log(s) + (1 - t[i]) * Math.log(1 - s);
    }
    Var loss = Losses.bceWithLogits(Var.constant(Tensor.of(x, 3)), Var.constant(Tensor.of(t, 3)), Reduction.SUM);
    assertEquals(want, loss.item(), 1e-14);
    Var logits = Var.parameter(Tensor.of(new float[] {-200, 200}, 2));
    try (Tape tape = Tape.open()) {
      Var big = Losses.bceWithLogits(logits, Var.constant(Tensor.of(new float[] {1, 0}, 2)));
      assertEquals(200, big.item(), 1e-3);
      tape.backward(big);
    }
    assertArrayEquals(new float[] {-0.5f, 0.5f}, logits.grad().toFloatArray());
  }
}
