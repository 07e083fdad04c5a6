package dev.eddy.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class InitTest {

  @Property(tries = 50)
  void orthogonalHasOrthonormalRowsOrColumns(@ForAll @IntRange(min = 1, max = 12) int rows,
      @ForAll @IntRange(min = 1, max = 12) int cols, @ForAll long seed) {
    Tensor q = Init.orthogonal(new SplittableRandom(seed), DType.F64, 2.0, rows, cols);
    Tensor gram = rows <= cols ? q.matmul(q.t()) : q.t().matmul(q);
    int n = Math.min(rows, cols);
    assertTrue(gram.allClose(Tensor.eye(DType.F64, n).mul(4), 1e-12, 1e-12), gram.toString());
    assertTrue(q.bitwiseEquals(Init.orthogonal(new SplittableRandom(seed), DType.F64, 2.0, rows, cols)), "seeded");
  }

  @Test
  void boundsFollowPyTorch() {
    SplittableRandom rng = new SplittableRandom(1);
    Tensor k = Init.kaimingUniform(rng, DType.F64, Math.sqrt(5), 50, 16);
    assertTrue(k.abs().max().item() <= 0.25 && k.abs().max().item() > 0.24, "1/sqrt(fan_in)");
    Tensor x = Init.xavierUniform(rng, DType.F64, 1, 30, 20);
    double bound = Math.sqrt(6.0 / 50);
    assertTrue(x.abs().max().item() <= bound && x.abs().max().item() > 0.95 * bound);
    Tensor n = Init.xavierNormal(rng, DType.F64, 1, 300, 200);
    assertEquals(Math.sqrt(2.0 / 500), Math.sqrt(n.square().mean().item()), 2e-3);
    assertEquals(16 * 9, Init.fanIn(8, 16, 3, 3));
    assertEquals(8 * 9, Init.fanOut(8, 16, 3, 3));
  }

  @Test
  void float32IsTheRoundedFloat64Draw() {
    Tensor a = Init.uniform(new SplittableRandom(5), DType.F64, 1, 10);
    Tensor b = Init.uniform(new SplittableRandom(5), DType.F32, 1, 10);
    assertTrue(a.to(DType.F32).bitwiseEquals(b));
  }
}
