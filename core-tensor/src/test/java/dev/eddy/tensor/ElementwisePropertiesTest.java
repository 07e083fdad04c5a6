package dev.eddy.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Laws of the broadcasting elementwise ops, checked against an index-by-index reference. */
class ElementwisePropertiesTest {

  private static Tensor[] pair(long seed, DType dtype) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] a = Naive.dims(r, 4, 5);
    int[] b = Naive.broadcastPartner(r, a);
    return r.nextBoolean()
        ? new Tensor[] {Naive.random(r, dtype, a), Naive.random(r, dtype, b)}
        : new Tensor[] {Naive.random(r, dtype, b), Naive.random(r, dtype, a)};
  }

  @Property(tries = 200)
  void binaryOpsMatchTheIndexReference(@ForAll long seed) {
    Tensor[] p = pair(seed, DType.F64);
    Tensor a = p[0];
    Tensor b = p[1];
    assertTrue(a.add(b).allClose(Naive.binary(a, b, Double::sum), 0, 0));
    assertTrue(a.sub(b).allClose(Naive.binary(a, b, (x, y) -> x - y), 0, 0));
    assertTrue(a.mul(b).allClose(Naive.binary(a, b, (x, y) -> x * y), 0, 0));
    assertTrue(a.div(b).allClose(Naive.binary(a, b, (x, y) -> x / y), 0, 0));
    assertTrue(a.abs().pow(b).allClose(Naive.binary(a.abs(), b, Math::pow), 0, 0));
    assertTrue(a.maximum(b).allClose(Naive.binary(a, b, Math::max), 0, 0));
    assertTrue(a.minimum(b).allClose(Naive.binary(a, b, Math::min), 0, 0));
    assertTrue(a.lt(b).allClose(Naive.binary(a, b, (x, y) -> x < y ? 1 : 0), 0, 0));
    assertTrue(a.ge(b).allClose(Naive.binary(a, b, (x, y) -> x >= y ? 1 : 0), 0, 0));
  }

  @Property(tries = 200)
  void addAndMulCommuteUnderBroadcasting(@ForAll long seed) {
    Tensor[] p = pair(seed, DType.F32);
    assertTrue(p[0].add(p[1]).bitwiseEquals(p[1].add(p[0])));
    assertTrue(p[0].mul(p[1]).bitwiseEquals(p[1].mul(p[0])));
  }

  @Property(tries = 200)
  void broadcastingEqualsExplicitBroadcastTo(@ForAll long seed) {
    Tensor[] p = pair(seed, DType.F32);
    Shape s = Shape.broadcast("test", p[0].shape(), p[1].shape());
    Tensor explicit = p[0].broadcastTo(s.dims()).sub(p[1].broadcastTo(s.dims()));
    assertTrue(p[0].sub(p[1]).bitwiseEquals(explicit));
  }

  @Property(tries = 100)
  void whereMatchesTheIndexReference(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] d = Naive.dims(r, 3, 4);
    Tensor cond = Naive.random(r, DType.F32, Naive.broadcastPartner(r, d, false)).gt(0);
    Tensor a = Naive.random(r, DType.F64, Naive.broadcastPartner(r, d, false));
    Tensor b = Naive.random(r, DType.F64, d);
    Tensor got = Tensor.where(cond, a, b);
    Tensor ca = Naive.binary(cond.to(DType.F64), a, (c, x) -> c != 0 ? x : Double.NaN);
    Tensor want = Naive.binary(ca, b, (x, y) -> Double.isNaN(x) ? y : x);
    assertTrue(got.allClose(want, 0, 0), () -> got + " vs " + want);
  }

  @Property(tries = 100)
  void scalarOverloadsEqualTensorScalars(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Tensor x = Naive.random(r, DType.F32, Naive.dims(r, 3, 6));
    double s = r.nextDouble(-3, 3);
    Tensor st = Tensor.scalar(DType.F32, s);
    assertTrue(x.add(s).bitwiseEquals(x.add(st)));
    assertTrue(x.rsub(s).bitwiseEquals(st.sub(x)));
    assertTrue(x.rdiv(s).bitwiseEquals(st.div(x)));
    assertTrue(x.maximum(s).bitwiseEquals(x.maximum(st)));
    assertTrue(x.le(s).bitwiseEquals(x.le(st)));
  }

  @Property(tries = 100)
  void unaryOpsMatchMath(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Tensor x = Naive.random(r, DType.F64, Naive.dims(r, 3, 6));
    Tensor zero = Tensor.zerosLike(x);
    assertTrue(x.exp().allClose(Naive.binary(x, zero, (v, z) -> Math.exp(v)), 0, 0));
    assertTrue(x.tanh().allClose(Naive.binary(x, zero, (v, z) -> Math.tanh(v)), 0, 0));
    assertTrue(x.sigmoid().allClose(Naive.binary(x, zero, (v, z) -> 1 / (1 + Math.exp(-v))), 1e-15, 0));
    assertTrue(x.relu().allClose(x.maximum(0), 0, 0));
    assertTrue(x.abs().log().allClose(Naive.binary(x, zero, (v, z) -> Math.log(Math.abs(v))), 0, 0));
    assertTrue(x.square().allClose(x.mul(x), 0, 0));
    assertTrue(x.abs().sqrt().square().allClose(x.abs(), 1e-15, 0));
    assertTrue(x.reciprocal().allClose(x.rdiv(1), 0, 0));
    assertTrue(x.sign().mul(x.abs()).allClose(x, 0, 0));
    assertTrue(x.neg().allClose(x.rsub(0), 0, 0));
    assertTrue(x.clamp(-0.5, 0.5).allClose(x.maximum(-0.5).minimum(0.5), 0, 0));
  }

  @Property(tries = 20)
  void resultsDoNotDependOnTheThreadCount(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Tensor a = Naive.random(r, DType.F32, 300, 700);
    Tensor b = Naive.random(r, DType.F32, 700);
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      Tensor one = a.add(b).tanh().sum(false, 0);
      Tensor oneAll = a.sum();
      Parallel.setThreads(4);
      assertTrue(one.bitwiseEquals(a.add(b).tanh().sum(false, 0)));
      assertTrue(oneAll.bitwiseEquals(a.sum()));
    } finally {
      Parallel.setThreads(before);
    }
  }

  @Property(tries = 50)
  void inPlaceOpsEqualTheirPureForms(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] d = Naive.dims(r, 3, 5);
    Tensor x = Naive.random(r, DType.F64, d);
    Tensor y = Naive.random(r, DType.F64, d);
    Tensor bias = Naive.random(r, DType.F64, Naive.broadcastPartner(r, d));
    if (bias.rank() > x.rank()) {
      bias = Tensor.scalar(DType.F64, 0.25);
    }
    assertTrue(x.copy().addInPlace(y).bitwiseEquals(x.add(y)));
    assertTrue(x.copy().addInPlace(bias).bitwiseEquals(x.add(bias)));
    assertTrue(x.copy().addScaledInPlace(-0.5, y).allClose(x.add(y.mul(-0.5)), 1e-15, 1e-15));
    assertTrue(x.copy().scaleInPlace(3).bitwiseEquals(x.mul(3)));
    assertTrue(x.copy().fillInPlace(7).bitwiseEquals(Tensor.full(DType.F64, 7, d)));
    Tensor target = Tensor.zerosLike(x);
    assertTrue(target.copyFromInPlace(x).bitwiseEquals(x));
    assertEquals(x.numel(), target.numel());
  }
}
