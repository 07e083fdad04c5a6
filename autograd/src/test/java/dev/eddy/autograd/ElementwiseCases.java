package dev.eddy.autograd;

import dev.eddy.autograd.OpCase.Sample;
import dev.eddy.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;

/** Registry entries for {@link ElementwiseOps} and {@link UnaryOps}: broadcast pairs, size-1 axes, values off the kinks. */
final class ElementwiseCases {
  private ElementwiseCases() {}

  static List<OpCase> elementwise() {
    return List.of(
        OpCase.of("ElementwiseOps.add(Var,Var)", r -> pair(r, ElementwiseOps::add)),
        OpCase.of("ElementwiseOps.add(Var,double)", r -> withScalar(r, ElementwiseOps::add)),
        OpCase.of("ElementwiseOps.sub(Var,Var)", r -> pair(r, ElementwiseOps::sub)),
        OpCase.of("ElementwiseOps.sub(Var,double)", r -> withScalar(r, ElementwiseOps::sub)),
        OpCase.of("ElementwiseOps.rsub(Var,double)", r -> withScalar(r, ElementwiseOps::rsub)),
        OpCase.of("ElementwiseOps.mul(Var,Var)", r -> pair(r, ElementwiseOps::mul)),
        OpCase.of("ElementwiseOps.mul(Var,double)", r -> withScalar(r, ElementwiseOps::mul)),
        OpCase.of("ElementwiseOps.div(Var,Var)", r -> {
          int[][] p = Gen.broadcastPair(r);
          Tensor b = Gen.uniform(r, 0.5, 2, p[1]).mul(r.nextBoolean() ? 1 : -1);
          return Sample.of(v -> ElementwiseOps.div(v.get(0), v.get(1)), Gen.values(r, p[0]), b);
        }),
        OpCase.of("ElementwiseOps.div(Var,double)", r -> {
          double s = r.nextDouble(0.5, 2) * (r.nextBoolean() ? 1 : -1);
          return Sample.of(v -> ElementwiseOps.div(v.get(0), s), one(r));
        }),
        OpCase.of("ElementwiseOps.rdiv(Var,double)", r -> {
          double s = r.nextDouble(-2, 2);
          Tensor x = Gen.uniform(r, 0.5, 2, Gen.dims(r, 0, 3, 4)).mul(r.nextBoolean() ? 1 : -1);
          return Sample.of(v -> ElementwiseOps.rdiv(v.get(0), s), x);
        }),
        OpCase.of("ElementwiseOps.pow(Var,Var)", r -> {
          int[][] p = Gen.broadcastPair(r);
          return Sample.of(v -> ElementwiseOps.pow(v.get(0), v.get(1)),
              Gen.uniform(r, 0.5, 2, p[0]), Gen.values(r, p[1]));
        }),
        OpCase.of("ElementwiseOps.pow(Var,double)", r -> {
          double e = r.nextInt(3) == 0 ? r.nextInt(-2, 4) : r.nextDouble(-2, 3);
          return Sample.of(v -> ElementwiseOps.pow(v.get(0), e), Gen.uniform(r, 0.5, 2, Gen.dims(r, 0, 3, 4)));
        }),
        OpCase.of("ElementwiseOps.maximum(Var,Var)", r -> gridPair(r, ElementwiseOps::maximum)),
        OpCase.of("ElementwiseOps.minimum(Var,Var)", r -> gridPair(r, ElementwiseOps::minimum)),
        OpCase.of("ElementwiseOps.maximum(Var,double)", r -> {
          double s = r.nextDouble(-1, 1);
          return Sample.of(v -> ElementwiseOps.maximum(v.get(0), s), Gen.avoiding(r, new double[] {s}, Gen.dims(r, 0, 3, 4)));
        }),
        OpCase.of("ElementwiseOps.minimum(Var,double)", r -> {
          double s = r.nextDouble(-1, 1);
          return Sample.of(v -> ElementwiseOps.minimum(v.get(0), s), Gen.avoiding(r, new double[] {s}, Gen.dims(r, 0, 3, 4)));
        }),
        OpCase.of("ElementwiseOps.where(Tensor,Var,Var)", r -> {
          int[] d = Gen.dims(r, 0, 3, 4);
          Tensor cond = Gen.mask(r, Gen.partner(r, d));
          int[][] ab = r.nextBoolean() ? new int[][] {Gen.partner(r, d, false), d} : new int[][] {d, Gen.partner(r, d, false)};
          return Sample.of(v -> ElementwiseOps.where(cond, v.get(0), v.get(1)), Gen.values(r, ab[0]), Gen.values(r, ab[1]));
        }));
  }

  static List<OpCase> unary() {
    return List.of(
        OpCase.of("UnaryOps.neg(Var)", r -> Sample.of(v -> UnaryOps.neg(v.get(0)), one(r))),
        OpCase.of("UnaryOps.exp(Var)", r -> Sample.of(v -> UnaryOps.exp(v.get(0)), one(r))),
        OpCase.of("UnaryOps.log(Var)", r -> Sample.of(v -> UnaryOps.log(v.get(0)), positive(r))),
        OpCase.of("UnaryOps.sqrt(Var)", r -> Sample.of(v -> UnaryOps.sqrt(v.get(0)), positive(r))),
        OpCase.of("UnaryOps.abs(Var)", r -> Sample.of(v -> UnaryOps.abs(v.get(0)), Gen.awayFromZero(r, Gen.dims(r, 0, 3, 4)))),
        OpCase.of("UnaryOps.tanh(Var)", r -> Sample.of(v -> UnaryOps.tanh(v.get(0)), one(r))),
        OpCase.of("UnaryOps.sigmoid(Var)", r -> Sample.of(v -> UnaryOps.sigmoid(v.get(0)), one(r))),
        OpCase.of("UnaryOps.relu(Var)", r -> Sample.of(v -> UnaryOps.relu(v.get(0)), Gen.awayFromZero(r, Gen.dims(r, 0, 3, 4)))),
        OpCase.of("UnaryOps.square(Var)", r -> Sample.of(v -> UnaryOps.square(v.get(0)), one(r))),
        OpCase.of("UnaryOps.reciprocal(Var)", r -> Sample.of(v -> UnaryOps.reciprocal(v.get(0)),
            Gen.uniform(r, 0.5, 2, Gen.dims(r, 0, 3, 4)).mul(r.nextBoolean() ? 1 : -1))),
        OpCase.of("UnaryOps.clamp(Var,double,double)", r -> {
          double lo = r.nextDouble(-1.5, 0);
          double hi = lo + r.nextDouble(0.2, 2);
          return Sample.of(v -> UnaryOps.clamp(v.get(0), lo, hi), Gen.avoiding(r, new double[] {lo, hi}, Gen.dims(r, 0, 3, 4)));
        }));
  }

  /** The op with a scalar from [-2, 2) as its second operand. */
  private static Sample withScalar(SplittableRandom r, BiFunction<Var, Double, Var> op) {
    double s = r.nextDouble(-2, 2);
    return Sample.of(v -> op.apply(v.get(0), s), one(r));
  }

  private static Tensor one(SplittableRandom r) {
    return Gen.values(r, Gen.dims(r, 0, 3, 4));
  }

  private static Tensor positive(SplittableRandom r) {
    return Gen.uniform(r, 0.3, 2, Gen.dims(r, 0, 3, 4));
  }

  private static Sample pair(SplittableRandom r, BinaryOperator<Var> op) {
    int[][] p = Gen.broadcastPair(r);
    return Sample.of(v -> op.apply(v.get(0), v.get(1)), Gen.values(r, p[0]), Gen.values(r, p[1]));
  }

  /** Operands on interleaved grids, so no pair of elements ties (max/min are differentiable there). */
  private static Sample gridPair(SplittableRandom r, BinaryOperator<Var> op) {
    int[][] p = Gen.broadcastPair(r);
    return Sample.of(v -> op.apply(v.get(0), v.get(1)), Gen.grid(r, 0.1, p[0]), Gen.grid(r, 0, p[1]));
  }
}
