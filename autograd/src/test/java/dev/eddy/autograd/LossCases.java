package dev.eddy.autograd;

import dev.eddy.autograd.OpCase.Sample;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/** Registry entries for {@link Losses}: ignored targets, masks and every reduction. */
final class LossCases {
  private LossCases() {}

  static List<OpCase> all() {
    return List.of(
        OpCase.of("Losses.crossEntropy(Var,int[])", r -> {
          Tensor logits = logits(r);
          int[] t = targets(r, logits, false);
          return Sample.of(v -> Losses.crossEntropy(v.get(0), t), logits);
        }),
        OpCase.of("Losses.crossEntropy(Var,Tensor)", r -> {
          Tensor logits = logits(r);
          Tensor t = asTensor(targets(r, logits, true));
          return Sample.of(v -> Losses.crossEntropy(v.get(0), t), logits);
        }),
        OpCase.of("Losses.crossEntropy(Var,int[],int,Tensor,Reduction)", r -> {
          Tensor logits = logits(r);
          int[] t = targets(r, logits, true);
          Tensor mask = r.nextBoolean() ? null : Gen.mask(r, logits.dim(0));
          Reduction red = reduction(r);
          return Sample.of(v -> Losses.crossEntropy(v.get(0), t, -1, mask, red), logits);
        }),
        OpCase.of("Losses.crossEntropy(Var,Tensor,int,Tensor,Reduction)", r -> {
          Tensor logits = logits(r);
          Tensor t = asTensor(targets(r, logits, true));
          Tensor mask = r.nextBoolean() ? null : Gen.mask(r, logits.dim(0)).to(DType.F32);
          Reduction red = reduction(r);
          return Sample.of(v -> Losses.crossEntropy(v.get(0), t, Losses.DEFAULT_IGNORE_INDEX, mask, red), logits);
        }),
        OpCase.of("Losses.mse(Var,Var)", r -> {
          int[] d = Gen.dims(r, 0, 3, 4);
          return Sample.of(v -> Losses.mse(v.get(0), v.get(1)), Gen.values(r, d), Gen.values(r, d));
        }),
        OpCase.of("Losses.mse(Var,Var,Reduction)", r -> {
          int[] d = Gen.dims(r, 0, 3, 4);
          Reduction red = reduction(r);
          return Sample.of(v -> Losses.mse(v.get(0), v.get(1), red), Gen.values(r, d), Gen.values(r, d));
        }),
        OpCase.of("Losses.bceWithLogits(Var,Var)", r -> {
          int[] d = Gen.dims(r, 0, 3, 4);
          return Sample.of(v -> Losses.bceWithLogits(v.get(0), v.get(1)), logitValues(r, d), Gen.uniform(r, 0, 1, d));
        }),
        OpCase.of("Losses.bceWithLogits(Var,Var,Reduction)", r -> {
          int[] d = Gen.dims(r, 0, 3, 4);
          Reduction red = reduction(r);
          return Sample.of(v -> Losses.bceWithLogits(v.get(0), v.get(1), red), logitValues(r, d), Gen.uniform(r, 0, 1, d));
        }));
  }

  private static Tensor logits(SplittableRandom r) {
    return Gen.uniform(r, -3, 3, 1 + r.nextInt(5), 1 + r.nextInt(5));
  }

  /** Logits from [-6, 6], some large enough that e^-|x| matters little. */
  private static Tensor logitValues(SplittableRandom r, int[] d) {
    return Gen.uniform(r, -6, 6, d);
  }

  /** One class per row; with {@code ignoring}, some rows get the ignore index -1 (or -100 for the short forms). */
  private static int[] targets(SplittableRandom r, Tensor logits, boolean ignoring) {
    int[] t = new int[logits.dim(0)];
    for (int i = 0; i < t.length; i++) {
      t[i] = ignoring && r.nextInt(4) == 0 ? -1 : r.nextInt(logits.dim(1));
    }
    return t;
  }

  private static Tensor asTensor(int[] t) {
    double[] v = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      v[i] = t[i] == -1 ? Losses.DEFAULT_IGNORE_INDEX : t[i];
    }
    return Tensor.wrap(v, t.length);
  }

  private static Reduction reduction(SplittableRandom r) {
    return Reduction.values()[r.nextInt(3)];
  }
}
