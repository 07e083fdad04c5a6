package dev.eddy.autograd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.OpCase.Sample;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** GradCheck passes correct gradients and, more to the point, fails wrong ones with a useful message. */
class GradCheckTest {

  /** tanh with the classic slip in its backward: 1 - y instead of 1 - y². */
  private static Var wrongTanh(Var x) {
    Tensor y = x.value().tanh();
    return Op.result("wrongTanh", y, g -> g.mul(y.rsub(1)), x);
  }

  /** A broadcasting add whose backward forgets to count the broadcast: it takes the mean instead of the sum. */
  private static Var wrongBiasAdd(Var a, Var bias) {
    Tensor y = a.value().add(bias.value());
    double rows = a.dim(0);
    return Op.result("wrongBiasAdd", y, (g, needs) -> new Tensor[] {g, g.sumTo(bias.shape()).div(rows)}, a, bias);
  }

  private static final OpCase WRONG_TANH = OpCase.of("wrongTanh", r ->
      Sample.of(v -> wrongTanh(v.get(0)), Gen.awayFromZero(r, Gen.dims(r, 1, 3, 4))));

  private static final OpCase WRONG_BIAS_ADD = OpCase.of("wrongBiasAdd", r -> {
    int rows = 2 + r.nextInt(3);
    int cols = 1 + r.nextInt(4);
    return Sample.of(v -> wrongBiasAdd(v.get(0), v.get(1)), Gen.values(r, rows, cols), Gen.values(r, cols));
  });

  @Property(tries = 50)
  void theOpPropertyCatchesAWrongBackward(@ForAll long seed) {
    assertThrows(GradCheck.Failure.class, () -> WRONG_TANH.gradCheck(seed));
    assertThrows(GradCheck.Failure.class, () -> WRONG_BIAS_ADD.gradCheck(seed));
  }

  private static final Tensor X = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
  private static final Tensor W = Tensor.of(new double[] {0.5, -1, 2, 0.25, 1.5, -0.75}, 2, 3);

  @Test
  void theMessageNamesTheInputTheWorstElementBothValuesAndTheTolerance() {
    GradCheck.Failure f = assertThrows(GradCheck.Failure.class, () -> GradCheck.of("scaledProduct",
            v -> oneWrongElement(v.get(0), v.get(1)))
        .input("x", X).input("w", W)
        .check());
    String m = f.getMessage();
    assertTrue(m.startsWith("GradCheck failed for input 'w' (#1, shape [2, 3]) of 'scaledProduct': worst element [1, 2]"), m);
    assertTrue(m.contains("analytic ") && m.contains("numeric ") && m.contains("> tol ") && m.contains("rtol 1e-06"), m);
    assertTrue(m.contains("1 of 6 elements"), m);
  }

  /** x * w whose backward for w is right except at element [1, 2], where it is doubled. */
  private static Var oneWrongElement(Var x, Var w) {
    Tensor xv = x.value();
    Tensor wv = w.value();
    return Op.result("oneWrongElement", xv.mul(wv), (g, needs) -> {
      double[] gw = g.mul(xv).toDoubleArray();
      gw[5] *= 2;
      return new Tensor[] {g.mul(wv), Tensor.wrap(gw, 2, 3)};
    }, x, w);
  }

  @Test
  void randomDirectionsCatchTheSameMistake() {
    GradCheck.Failure f = assertThrows(GradCheck.Failure.class, () -> GradCheck.of("scaledProduct",
            v -> oneWrongElement(v.get(0), v.get(1)))
        .input("x", X).input("w", W).randomDirections(3)
        .check());
    assertTrue(f.getMessage().contains("input 'w'") && f.getMessage().contains("random direction"), f.getMessage());
  }

  @Test
  void aGradientThatNeverArrivesIsCaught() {
    Tensor x = Gen.values(new SplittableRandom(1), 3);
    assertThrows(GradCheck.Failure.class, () -> GradCheck.of("forgotten",
        v -> Op.result("forgotten", v.get(0).value().exp(), (g, needs) -> new Tensor[] {Tensor.zerosLike(g)}, v.get(0)))
        .inputs(x).check());
  }

  @Test
  void correctCompositionsPassInBothModes() {
    SplittableRandom r = new SplittableRandom(7);
    Tensor x = Gen.values(r, 4, 3);
    Tensor w = Gen.values(r, 3, 5);
    Tensor b = Gen.values(r, 5);
    GradCheck check = GradCheck.of("affineTanh", v -> v.get(0).matmul(v.get(1)).add(v.get(2)).tanh().logSoftmax(1))
        .input("x", x).input("w", w).input("b", b);
    assertTrue(check.check() < 1);
    assertTrue(check.randomDirections(5).check() < 1);
  }

  @Test
  void theFunctionMustComputeInFloat64() {
    Tensor w32 = Tensor.ones(DType.F32, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GradCheck.of("f32", v -> v.get(0).value().dtype() == DType.F64 ? Var.constant(w32).mul(2) : v.get(0))
            .inputs(Tensor.ones(DType.F64, 2)).check());
    assertTrue(e.getMessage().contains("F64"), e.getMessage());
  }
}
