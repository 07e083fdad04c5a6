package dev.eddy.autograd;

import dev.eddy.autograd.OpCase.Sample;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/** Registry entries for {@link IndexOps}: indices with repeats, index tensors of several ranks. */
final class IndexCases {
  private IndexCases() {}

  static List<OpCase> all() {
    return List.of(
        OpCase.of("IndexOps.indexSelect(Var,int,int[])", r -> {
          Tensor x = Gen.values(r, Gen.dims(r, 1, 3, 4));
          int axis = Gen.axis(r, x.rank());
          int[] idx = Gen.indices(r, 1 + r.nextInt(5), x.dim(axis));
          return Sample.of(v -> IndexOps.indexSelect(v.get(0), axis, idx), x);
        }),
        OpCase.of("IndexOps.indexSelect(Var,int,Tensor)", r -> {
          Tensor x = Gen.values(r, Gen.dims(r, 1, 3, 4));
          int axis = Gen.axis(r, x.rank());
          Tensor idx = indexTensor(r, Gen.dims(r, 0, 2, 3), x.dim(axis));
          return Sample.of(v -> IndexOps.indexSelect(v.get(0), axis, idx), x);
        }),
        OpCase.of("IndexOps.gather(Var,int,Tensor)", r -> {
          Tensor x = Gen.values(r, Gen.dims(r, 1, 3, 4));
          int axis = Gen.axis(r, x.rank());
          int[] d = gatherIndexDims(r, x, axis);
          Tensor idx = indexTensor(r, d, x.dim(axis));
          return Sample.of(v -> IndexOps.gather(v.get(0), axis, idx), x);
        }),
        OpCase.of("IndexOps.indexAdd(Var,int,int[],Var)", r -> {
          Tensor x = Gen.values(r, Gen.dims(r, 1, 3, 4));
          int axis = Gen.axis(r, x.rank());
          int[] idx = Gen.indices(r, 1 + r.nextInt(5), x.dim(axis));
          Tensor src = Gen.values(r, x.indexSelect(axis, idx).shape().dims());
          return Sample.of(v -> IndexOps.indexAdd(v.get(0), axis, idx, v.get(1)), x, src);
        }),
        OpCase.of("IndexOps.indexAdd(Var,int,Tensor,Var)", r -> {
          Tensor x = Gen.values(r, Gen.dims(r, 1, 3, 4));
          int axis = Gen.axis(r, x.rank());
          Tensor idx = indexTensor(r, Gen.dims(r, 0, 2, 3), x.dim(axis));
          Tensor src = Gen.values(r, x.indexSelect(axis, idx).shape().dims());
          return Sample.of(v -> IndexOps.indexAdd(v.get(0), axis, idx, v.get(1)), x, src);
        }),
        OpCase.of("IndexOps.scatterAdd(Var,int,Tensor,Var)", r -> {
          Tensor x = Gen.values(r, Gen.dims(r, 1, 3, 4));
          int axis = Gen.axis(r, x.rank());
          int[] d = gatherIndexDims(r, x, axis);
          Tensor idx = indexTensor(r, d, x.dim(axis));
          return Sample.of(v -> IndexOps.scatterAdd(v.get(0), axis, idx, v.get(1)), x, Gen.values(r, d));
        }));
  }

  /** Shape of a gather index for x: any size along {@code axis}, at most x's size elsewhere. */
  private static int[] gatherIndexDims(SplittableRandom r, Tensor x, int axis) {
    int[] d = x.shape().dims();
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.floorMod(axis, d.length) == i ? 1 + r.nextInt(5) : 1 + r.nextInt(d[i]);
    }
    return d;
  }

  /** Integral values in [0, size) of {@code dims}, with repeats, in a random dtype. */
  private static Tensor indexTensor(SplittableRandom r, int[] dims, int size) {
    int n = Tensor.zeros(DType.F64, dims).numel();
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextInt(size);
    }
    Tensor t = Tensor.wrap(v, dims);
    return r.nextBoolean() ? t : t.to(DType.F32);
  }
}
