package dev.eddy.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TensorFactoryTest {

  @Test
  void constantFactories() {
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0}, Tensor.zeros(DType.F32, 2, 3).f32());
    assertArrayEquals(new double[] {1, 1}, Tensor.ones(DType.F64, 2).f64());
    assertArrayEquals(new float[] {2.5f, 2.5f}, Tensor.full(DType.F32, 2.5, 1, 2).f32());
    Tensor s = Tensor.scalar(DType.F64, 4);
    assertEquals(0, s.rank());
    assertEquals(4.0, s.item());
    assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Tensor.eye(DType.F64, 3).f64());
    Tensor like = Tensor.fullLike(Tensor.zeros(DType.F32, 2, 2), 3);
    assertEquals(DType.F32, like.dtype());
    assertArrayEquals(new float[] {3, 3, 3, 3}, like.f32());
    assertEquals(Shape.of(2, 2), Tensor.onesLike(like).shape());
    assertEquals(0.0, Tensor.zerosLike(like).sum().item());
  }

  @Test
  void firstNonFiniteFindsTheFirstNanOrInfinityInEitherDtype() {
    assertEquals(-1, Tensor.of(new float[] {1, -0f, Float.MAX_VALUE}, 3).firstNonFinite());
    assertEquals(-1, Tensor.zeros(DType.F64, 0, 4).firstNonFinite());
    assertEquals(1, Tensor.of(new float[] {1, Float.NEGATIVE_INFINITY, Float.NaN}, 3).firstNonFinite());
    assertEquals(3, Tensor.of(new double[] {0, 1, 2, Double.NaN}, 2, 2).firstNonFinite());
  }

  @Test
  void arange() {
    assertArrayEquals(new float[] {0, 1, 2, 3}, Tensor.arange(DType.F32, 4).f32());
    assertArrayEquals(new double[] {1, 1.5, 2, 2.5}, Tensor.arange(DType.F64, 1, 3, 0.5).f64());
    assertArrayEquals(new double[] {3, 2, 1}, Tensor.arange(DType.F64, 3, 0, -1).f64());
    assertEquals(0, Tensor.arange(DType.F64, 3, 0, 1).numel());
    assertThrows(IllegalArgumentException.class, () -> Tensor.arange(DType.F64, 0, 1, 0));
  }

  @Test
  void ofCopiesAndWrapDoesNot() {
    float[] data = {1, 2, 3, 4};
    Tensor copied = Tensor.of(data, 2, 2);
    Tensor wrapped = Tensor.wrap(data, 4);
    data[0] = 9;
    assertEquals(1.0, copied.get(0, 0));
    assertEquals(9.0, wrapped.get(0));
    assertSame(data, wrapped.f32());
    assertArrayEquals(new double[] {1, 2, 3, 4}, Tensor.of(new double[][] {{1, 2}, {3, 4}}).f64());
    assertArrayEquals(new int[] {2, 2}, Tensor.of(new float[][] {{1, 2}, {3, 4}}).shape().dims());
    ShapeException e = assertThrows(ShapeException.class, () -> Tensor.of(new float[] {1, 2, 3}, 2, 2));
    assertEquals("wrap: 3 values do not fill shape [2, 2] (4 elements)", e.getMessage());
    assertThrows(ShapeException.class, () -> Tensor.of(new double[][] {{1, 2}, {3}}));
  }

  @Test
  void randomTensorsAreReproducibleBitwise() {
    Tensor a = Tensor.normal(new SplittableRandom(42), DType.F32, 0, 1, 3, 5);
    Tensor b = Tensor.normal(new SplittableRandom(42), DType.F32, 0, 1, 3, 5);
    assertTrue(a.bitwiseEquals(b));
    assertFalse(a.bitwiseEquals(Tensor.normal(new SplittableRandom(43), DType.F32, 0, 1, 3, 5)));
    // pinned: Box-Muller on StrictMath gives these exact values on every machine
    assertEquals(-0.034267321791851144, Tensor.normal(new SplittableRandom(1), DType.F64, 0, 1, 1).item());
    Tensor n = Tensor.normal(new SplittableRandom(7), DType.F64, 2, 3, 100_000);
    assertEquals(2, n.mean().item(), 0.05);
    assertEquals(9, n.sub(2).square().mean().item(), 0.15);
    Tensor u = Tensor.uniform(new SplittableRandom(7), DType.F64, -1, 3, 10_000);
    assertTrue(u.min().item() >= -1 && u.max().item() < 3);
    assertEquals(1, u.mean().item(), 0.05);
    assertTrue(u.bitwiseEquals(Tensor.uniform(new SplittableRandom(7), DType.F64, -1, 3, 10_000)));
  }

  @Test
  void accessorsAndConversions() {
    Tensor t = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    assertEquals(6.0, t.get(1, 2));
    assertEquals(3, t.dim(-1));
    assertEquals(2, t.rank());
    assertThrows(ShapeException.class, () -> t.get(2, 0));
    assertThrows(ShapeException.class, () -> t.get(0));
    assertThrows(ShapeException.class, t::item);
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, t.toIntArray());
    assertThrows(IllegalArgumentException.class, () -> t.div(2).toIntArray());
    Tensor f = t.to(DType.F32);
    assertEquals(DType.F32, f.dtype());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, f.toFloatArray());
    assertSame(t, t.to(DType.F64));
    assertThrows(IllegalStateException.class, t::f32);
    assertThrows(IllegalStateException.class, f::f64);
    assertNotSame(t.f64(), t.copy().f64());
    assertEquals(4, DType.F32.byteSize());
    assertEquals(8, DType.F64.byteSize());
  }

  @Test
  void closenessAndBitwiseEquality() {
    Tensor a = Tensor.of(new double[] {1, Double.NaN, Double.POSITIVE_INFINITY}, 3);
    Tensor b = Tensor.of(new double[] {1 + 1e-9, Double.NaN, Double.POSITIVE_INFINITY}, 3);
    assertTrue(a.allClose(b, 1e-6, 0));
    assertFalse(a.allClose(b, 1e-12, 0));
    assertFalse(a.allClose(b.reshape(1, 3), 1, 1));
    assertTrue(a.bitwiseEquals(a.copy()));
    assertFalse(Tensor.of(new double[] {0.0}, 1).bitwiseEquals(Tensor.of(new double[] {-0.0}, 1)));
    assertFalse(a.bitwiseEquals(a.to(DType.F32)));
  }

  @Test
  void toStringIsNumPyLike() {
    assertEquals("tensor([[1.0, 2.0],\n        [3.0, 4.0]], F32, shape=[2, 2])",
        Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).toString());
    assertEquals("tensor(2.5, F64)", Tensor.scalar(DType.F64, 2.5).toString());
    String big = Tensor.arange(DType.F32, 5000).toString();
    assertTrue(big.startsWith("tensor([0.0, 1.0, 2.0, ..., 4997.0, 4998.0, 4999.0], F32"), big);
  }
}
