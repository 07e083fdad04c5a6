package dev.eddy.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.OpCase.Sample;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Laws of reverse mode, each checked over every registered op. */
class GradientLawsTest {

  @Provide
  Arbitrary<OpCase> anyOp() {
    return Arbitraries.of(OpRegistry.all());
  }

  /** Parameters holding the sample's inputs in {@code dtype}. */
  private static List<Var> parameters(Sample s, DType dtype) {
    List<Var> vars = new ArrayList<>();
    for (Tensor t : s.inputs()) {
      vars.add(Var.parameter(t.to(dtype)));
    }
    return vars;
  }

  /** Random weights in F64 shaped like the sample's output. */
  private static Tensor weights(Sample s, SplittableRandom r) {
    List<Var> probe = parameters(s, DType.F64);
    return Gen.values(r, s.function().apply(probe).shape().dims());
  }

  /** The gradients of {@code loss(inputs)} for fresh parameters, zeros where none arrived. */
  private static List<Tensor> gradients(Sample s, DType dtype, Function<List<Var>, Var> loss) {
    List<Var> vars = parameters(s, dtype);
    try (Tape tape = Tape.open()) {
      Var l = loss.apply(vars);
      if (l.requiresGrad()) {
        tape.backward(l);
      }
    }
    List<Tensor> grads = new ArrayList<>();
    for (Var v : vars) {
      grads.add(v.grad() != null ? v.grad() : Tensor.zerosLike(v.value()));
    }
    return grads;
  }

  private static Var weighted(Var y, Tensor r) {
    return y.mul(Var.constant(r.to(y.dtype()))).sum();
  }

  private static void assertClose(List<Tensor> want, List<Tensor> got, double rtol, double atol, String what) {
    for (int i = 0; i < want.size(); i++) {
      Tensor w = want.get(i).to(DType.F64);
      Tensor g = got.get(i).to(DType.F64);
      assertTrue(g.allClose(w, rtol, atol), what + ", input #" + i + ": " + g + " vs " + w);
    }
  }

  private static List<Tensor> sum(List<Tensor> a, List<Tensor> b) {
    List<Tensor> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      out.add(a.get(i).add(b.get(i)));
    }
    return out;
  }

  /** {@code Σ r·f(inputs)} for the sample's function f and weights r. */
  private static Function<List<Var>, Var> loss(Sample s, Tensor r) {
    return v -> weighted(s.function().apply(v), r);
  }

  /** Two differently weighted losses of the sample's output, from the seed. */
  private static List<Function<List<Var>, Var>> twoLosses(Sample s, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    return List.of(loss(s, weights(s, r)), loss(s, weights(s, r)));
  }

  @Property(tries = 200)
  void theGradientOfASumIsTheSumOfTheGradientsAndReusedVarsAccumulate(@ForAll("anyOp") OpCase op, @ForAll long seed) {
    Sample s = op.sample(seed);
    Function<List<Var>, Var> l1 = twoLosses(s, seed).get(0);
    Function<List<Var>, Var> l2 = twoLosses(s, seed).get(1);
    // the same Vars feed two copies of the op: each input is used twice and must get both contributions
    List<Tensor> both = gradients(s, DType.F64, v -> l1.apply(v).add(l2.apply(v)));
    assertClose(sum(gradients(s, DType.F64, l1), gradients(s, DType.F64, l2)), both, 1e-12, 1e-12, op.signature());
  }

  @Property(tries = 200)
  void detachedPathsContributeNothing(@ForAll("anyOp") OpCase op, @ForAll long seed) {
    Sample s = op.sample(seed);
    Function<List<Var>, Var> l1 = twoLosses(s, seed).get(0);
    Function<List<Var>, Var> l2 = twoLosses(s, seed).get(1);
    List<Tensor> withDetached = gradients(s, DType.F64, v -> l1.apply(v).add(l2.apply(v.stream().map(Var::detach).toList())));
    assertClose(gradients(s, DType.F64, l1), withDetached, 0, 0, op.signature());
  }

  @Property(tries = 200)
  void withoutATapeNothingIsRecorded(@ForAll("anyOp") OpCase op, @ForAll long seed) {
    Sample s = op.sample(seed);
    List<Var> params = parameters(s, DType.F64);
    Var y = s.function().apply(params);
    assertTrue(y.isLeaf(), "no history");
    assertTrue(!y.requiresGrad() || params.contains(y), "a constant, unless the op is the identity (dropout off)");
    try (Tape tape = Tape.open()) {
      List<Var> constants = s.inputs().stream().map(Var::constant).toList();
      assertFalse(s.function().apply(constants).requiresGrad());
      assertEquals(0, tape.size(), "ops on constants are not recorded");
    }
  }

  @Property(tries = 300)
  void float32AndFloat64GiveTheSameGradients(@ForAll("anyOp") OpCase op, @ForAll long seed) {
    Sample s = op.sample(seed);
    Tensor r = weights(s, new SplittableRandom(seed));
    List<Tensor> g64 = gradients(s, DType.F64, loss(s, r));
    List<Tensor> g32 = gradients(s, DType.F32, loss(s, r));
    for (Tensor g : g32) {
      assertEquals(DType.F32, g.dtype());
    }
    assertClose(g64, g32, 1e-4, 1e-4, op.signature() + " in F32");
  }
}
