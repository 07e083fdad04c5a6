package dev.eddy.autograd;

import dev.eddy.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A registry entry: one public differentiable op (named by its signature, e.g.
 * {@code ElementwiseOps.add(Var,Var)}) and a sampler of random cases for it.
 */
record OpCase(String signature, Function<SplittableRandom, Sample> sampler) {

  /** A function of the inputs (F64) that exercises the op, and random inputs for it. */
  record Sample(Function<List<Var>, Var> function, List<Tensor> inputs) {
    static Sample of(Function<List<Var>, Var> function, Tensor... inputs) {
      return new Sample(function, List.of(inputs));
    }
  }

  static OpCase of(String signature, Function<SplittableRandom, Sample> sampler) {
    return new OpCase(signature, sampler);
  }

  Sample sample(long seed) {
    return sampler.apply(new SplittableRandom(seed));
  }

  /** GradCheck of one sample in float64, with the default tolerances (rtol 1e-6). */
  void gradCheck(long seed) {
    Sample s = sample(seed);
    GradCheck check = GradCheck.of(signature, s.function());
    for (int i = 0; i < s.inputs().size(); i++) {
      check.input("#" + i + " " + s.inputs().get(i).shape(), s.inputs().get(i));
    }
    check.check();
  }

  @Override
  public String toString() {
    return signature;
  }
}
