package dev.eddy.autograd;

import dev.eddy.autograd.OpCase.Sample;
import dev.eddy.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/** Registry entries for {@link NnOps}. Dropout draws its mask from a generator made afresh, with the same seed, per call. */
final class NnCases {
  private NnCases() {}

  static List<OpCase> all() {
    return List.of(
        OpCase.of("NnOps.softmax(Var,int)", r -> {
          Tensor x = Gen.values(r, Gen.dims(r, 1, 3, 5));
          int axis = Gen.axis(r, x.rank());
          return Sample.of(v -> NnOps.softmax(v.get(0), axis), x);
        }),
        OpCase.of("NnOps.logSoftmax(Var,int)", r -> {
          Tensor x = Gen.values(r, Gen.dims(r, 1, 3, 5));
          int axis = Gen.axis(r, x.rank());
          return Sample.of(v -> NnOps.logSoftmax(v.get(0), axis), x);
        }),
        OpCase.of("NnOps.dropout(Var,double,boolean,RandomGenerator)", r -> {
          Tensor x = Gen.values(r, Gen.dims(r, 0, 3, 5));
          double p = new double[] {0, 0.25, 0.5, 0.9, 1}[r.nextInt(5)];
          boolean training = r.nextInt(4) != 0;
          long seed = r.nextLong();
          return Sample.of(v -> NnOps.dropout(v.get(0), p, training, new SplittableRandom(seed)), x);
        }));
  }
}
