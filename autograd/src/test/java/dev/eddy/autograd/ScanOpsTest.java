package dev.eddy.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.eddy.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The scans' gradients where a direct formula would overflow or divide by zero (the registry covers random cases). */
class ScanOpsTest {

  @Test
  void logCumSumExpGradientAtMagnitudesWhereExpOverflows() {
    // y = [1000, 1000 + ln 2, ...]; dy_1/dx = softmax([1000, 1000]) = [1/2, 1/2]
    Var x = Var.parameter(Tensor.of(new double[] {1000, 1000, -1000}, 3));
    double[] g;
    try (Tape tape = Tape.open()) {
      Var y = ReductionOps.logCumSumExp(x, 0);
      tape.backward(y.mul(Var.constant(Tensor.of(new double[] {1, 1, -2}, 3))).sum());
      g = x.grad().toDoubleArray();
    }
    // dx_0 = 1 + 1/2 - 2 * 1/2, dx_1 = 1/2 - 2 * 1/2, dx_2 = -2 * e^-2000/2 = -0
    assertArrayEquals(new double[] {0.5, -0.5, 0}, g, 1e-12);
  }

  @Test
  void leadingMinusInfinityPassesNoGradientAndNoNaN() {
    double inf = Double.POSITIVE_INFINITY;
    Var x = Var.parameter(Tensor.of(new double[] {-inf, 0, 0}, 3));
    try (Tape tape = Tape.open()) {
      tape.backward(ReductionOps.logCumSumExp(x, 0).sum());
    }
    double[] g = x.grad().toDoubleArray();
    // y = [-inf, 0, ln 2]: dx_1 = 1 + 1/2, dx_2 = 1/2
    assertArrayEquals(new double[] {0, 1.5, 0.5}, g, 1e-12);
  }

  @Test
  void cumsumGradientIsTheReversedRunningSum() {
    Var x = Var.parameter(Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
    try (Tape tape = Tape.open()) {
      Var y = ReductionOps.cumsum(x, 1);
      assertArrayEquals(new double[] {1, 3, 6, 4, 9, 15}, y.value().toDoubleArray());
      tape.backward(y.mul(Var.constant(Tensor.of(new double[][] {{1, 10, 100}, {0, 0, 1}}))).sum());
    }
    assertArrayEquals(new double[] {111, 110, 100, 1, 1, 1}, x.grad().toDoubleArray());
  }
}
