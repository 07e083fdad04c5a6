package dev.eddy.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Dropout: seeded, inverted scaling, identity when off, and the gradient goes where the values went. */
class DropoutTest {

  private static final Tensor ONES = Tensor.ones(DType.F32, 100, 100);

  @Test
  void theSameSeedGivesTheSameMask() {
    Var x = Var.constant(ONES);
    Tensor a = NnOps.dropout(x, 0.3, true, new SplittableRandom(42)).value();
    Tensor b = NnOps.dropout(x, 0.3, true, new SplittableRandom(42)).value();
    Tensor c = NnOps.dropout(x, 0.3, true, new SplittableRandom(43)).value();
    assertTrue(a.bitwiseEquals(b));
    assertTrue(!a.bitwiseEquals(c));
  }

  @Test
  void survivorsAreScaledSoTheMeanIsKept() {
    Tensor y = NnOps.dropout(Var.constant(ONES), 0.25, true, new SplittableRandom(1)).value();
    double kept = y.gt(0).sum().item();
    assertEquals(7500, kept, 200, "about 1 - p of the elements survive");
    assertEquals(1 / 0.75, y.max().item(), 1e-6);
    assertEquals(1, y.mean().item(), 0.03);
  }

  @Test
  void offWhenNotTrainingOrWhenPIsZero() {
    Var x = Var.parameter(ONES);
    assertSame(x, NnOps.dropout(x, 0.5, false, new SplittableRandom(1)));
    assertSame(x, NnOps.dropout(x, 0, true, new SplittableRandom(1)));
    assertEquals(0, NnOps.dropout(x, 1, true, new SplittableRandom(1)).value().abs().sum().item());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NnOps.dropout(x, 1.5, true, new SplittableRandom(1)));
    assertTrue(e.getMessage().contains("dropout: p must be in [0, 1], got 1.5"), e.getMessage());
  }

  @Test
  void theGradientIsTheMask() {
    Var x = Var.parameter(Tensor.full(DType.F64, 3, 10, 10));
    Tensor y;
    try (Tape tape = Tape.open()) {
      Var d = NnOps.dropout(x, 0.5, true, new SplittableRandom(9));
      y = d.value();
      tape.backward(d.sum());
    }
    assertTrue(x.grad().allClose(y.div(3), 0, 1e-15));
  }
}
