package dev.eddy.autograd.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eddy.autograd.GradCheck;
import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The gradient test of the docs/extending.md example. */
class SoftplusTest {

  @Property(tries = 50)
  void gradientMatchesFiniteDifferences(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int rows,
      @ForAll @IntRange(min = 1, max = 5) int cols) {
    Tensor x = Tensor.uniform(new SplittableRandom(seed), DType.F64, -30, 30, rows, cols);
    GradCheck.of("softplus", v -> Softplus.softplus(v.get(0))).input("x", x).check();
  }

  @Test
  void valuesAreStableAtBothEnds() {
    Var x = Var.constant(Tensor.of(new double[] {-800, 0, 800}, 3));
    double[] y = Softplus.softplus(x).value().toDoubleArray();
    assertEquals(0, y[0], 1e-300);
    assertEquals(Math.log(2), y[1], 1e-15);
    assertEquals(800, y[2], 0);
  }

  @Test
  void composesWithBuiltInOps() {
    Var w = Var.parameter(Tensor.of(new double[] {0, 1}, 2));
    try (Tape tape = Tape.open()) {
      tape.backward(Softplus.softplus(w).sum());
    }
    assertEquals(0.5, w.grad().toDoubleArray()[0], 1e-15);
    assertEquals(1 / (1 + Math.exp(-1)), w.grad().toDoubleArray()[1], 1e-15);
  }
}
