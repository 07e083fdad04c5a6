package dev.eddy.autograd;

import dev.eddy.autograd.OpCase.Sample;
import dev.eddy.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Registry entries for {@link ReductionOps}: random axis sets (some negative), keepDims both ways, no
 * ties for max/min, scans along one axis.
 */
final class ReductionCases {
  private ReductionCases() {}

  static List<OpCase> all() {
    return List.of(
        OpCase.of("ReductionOps.sum(Var)", r -> Sample.of(v -> ReductionOps.sum(v.get(0)), values(r))),
        OpCase.of("ReductionOps.sum(Var,boolean,int[])", r -> overAxes(r, Gen.values(r, Gen.dims(r, 0, 4, 4)),
            (x, keep, axes) -> ReductionOps.sum(x, keep, axes))),
        OpCase.of("ReductionOps.mean(Var)", r -> Sample.of(v -> ReductionOps.mean(v.get(0)), values(r))),
        OpCase.of("ReductionOps.mean(Var,boolean,int[])", r -> overAxes(r, Gen.values(r, Gen.dims(r, 0, 4, 4)),
            (x, keep, axes) -> ReductionOps.mean(x, keep, axes))),
        OpCase.of("ReductionOps.max(Var)", r -> Sample.of(v -> ReductionOps.max(v.get(0)), Gen.distinct(r, Gen.dims(r, 0, 3, 4)))),
        OpCase.of("ReductionOps.max(Var,boolean,int[])", r -> overAxes(r, Gen.distinct(r, Gen.dims(r, 0, 4, 4)),
            (x, keep, axes) -> ReductionOps.max(x, keep, axes))),
        OpCase.of("ReductionOps.min(Var)", r -> Sample.of(v -> ReductionOps.min(v.get(0)), Gen.distinct(r, Gen.dims(r, 0, 3, 4)))),
        OpCase.of("ReductionOps.min(Var,boolean,int[])", r -> overAxes(r, Gen.distinct(r, Gen.dims(r, 0, 4, 4)),
            (x, keep, axes) -> ReductionOps.min(x, keep, axes))),
        OpCase.of("ReductionOps.logSumExp(Var,int,boolean)", r -> {
          Tensor x = Gen.values(r, Gen.dims(r, 1, 3, 5));
          int axis = Gen.axis(r, x.rank());
          boolean keep = r.nextBoolean();
          return Sample.of(v -> ReductionOps.logSumExp(v.get(0), axis, keep), x);
        }),
        OpCase.of("ReductionOps.cumsum(Var,int)", r -> {
          Tensor x = Gen.values(r, Gen.dims(r, 1, 3, 5));
          int axis = Gen.axis(r, x.rank());
          return Sample.of(v -> ReductionOps.cumsum(v.get(0), axis), x);
        }),
        OpCase.of("ReductionOps.logCumSumExp(Var,int)", r -> {
          // sometimes spread wide, so that some terms of the sum are negligible
          Tensor x = Gen.values(r, Gen.dims(r, 1, 3, 5)).mul(r.nextBoolean() ? 1 : 30);
          int axis = Gen.axis(r, x.rank());
          return Sample.of(v -> ReductionOps.logCumSumExp(v.get(0), axis), x);
        }));
  }

  interface AxesOp {
    Var apply(Var x, boolean keepDims, int[] axes);
  }

  private static Sample overAxes(SplittableRandom r, Tensor x, AxesOp op) {
    int[] axes = Gen.axes(r, x.rank());
    boolean keep = r.nextBoolean();
    return Sample.of(v -> op.apply(v.get(0), keep, axes), x);
  }

  private static Tensor values(SplittableRandom r) {
    return Gen.values(r, Gen.dims(r, 0, 3, 4));
  }
}
