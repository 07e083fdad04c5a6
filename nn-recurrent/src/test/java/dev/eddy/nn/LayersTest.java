package dev.eddy.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.GradCheck;
import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Shape;
import dev.eddy.tensor.Tensor;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Linear, Embedding, Dropout and LayerNorm. */
class LayersTest {

  @Test
  void linearIsXWTransposedPlusBias() {
    Linear lin = new Linear(3, 2, true, DType.F64, new SplittableRandom(1));
    Tensor w = lin.stateDict().get("weight");
    Tensor b = lin.stateDict().get("bias");
    Tensor x = Tensor.uniform(new SplittableRandom(2), DType.F64, -1, 1, 4, 5, 3);
    Tensor y = lin.forward(Var.constant(x)).value();
    assertEquals(Shape.of(4, 5, 2), y.shape());
    assertTrue(y.allClose(x.matmul(w.t()).add(b), 1e-15, 1e-15));
    assertEquals(Shape.of(2), lin.forward(Var.constant(Tensor.ones(DType.F64, 3))).shape());
    double bound = 1 / Math.sqrt(3);
    assertTrue(w.abs().max().item() <= bound && b.abs().max().item() <= bound);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> lin.forward(Var.constant(Tensor.ones(DType.F64, 4, 2))));
    assertEquals("Linear: input must be [..., 3], got [4, 2]", e.getMessage());
  }

  @Property(tries = 20)
  void linearAndLayerNormGradientsMatchFiniteDifferences(@ForAll @IntRange(min = 1, max = 4) int rows,
      @ForAll @IntRange(min = 1, max = 4) int in, @ForAll @IntRange(min = 2, max = 4) int out, @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Linear lin = new Linear(in, out, true, DType.F64, rng);
    LayerNorm norm = new LayerNorm(out, 1e-5, true, DType.F64);
    norm.loadStateDict(java.util.Map.of("weight", Tensor.uniform(rng, DType.F64, 0.5, 1.5, out),
        "bias", Tensor.uniform(rng, DType.F64, -1, 1, out)));
    GradCheck.of("layerNorm(linear(x))", v -> {
      lin.setParameter("weight", v.get(0));
      lin.setParameter("bias", v.get(1));
      norm.setParameter("weight", v.get(2));
      norm.setParameter("bias", v.get(3));
      return norm.forward(lin.forward(v.get(4)));
    }).input("weight", lin.stateDict().get("weight")).input("bias", lin.stateDict().get("bias"))
        .input("gamma", norm.stateDict().get("weight")).input("beta", norm.stateDict().get("bias"))
        .input("x", Tensor.uniform(rng, DType.F64, -2, 2, rows, in)).check();
  }

  @Test
  void layerNormNormalisesTheLastAxis() {
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4, -1, 0, 0, 1}, 2, 4);
    Tensor y = new LayerNorm(4, 1e-5, false, DType.F64).forward(Var.constant(x)).value();
    for (int r = 0; r < 2; r++) {
      Tensor row = y.select(0, r);
      assertEquals(0, row.mean().item(), 1e-15);
      assertEquals(1, row.square().mean().item(), 1e-4); // biased variance, eps 1e-5
    }
    double std = Math.sqrt(1.25 + 1e-5);
    assertEquals((1 - 2.5) / std, y.get(0, 0), 1e-15);
  }

  @Test
  void embeddingLooksUpRowsAndSumsRepeatedGradients() {
    Embedding emb = new Embedding(5, 3, DType.F64, new SplittableRandom(4));
    Tensor table = emb.stateDict().get("weight");
    Tensor ids = Tensor.of(new double[] {4, 1, 4, 0}, 2, 2);
    Var out;
    try (Tape tape = Tape.open()) {
      out = emb.forward(ids);
      tape.backward(out.sum());
    }
    assertEquals(Shape.of(2, 2, 3), out.shape());
    assertTrue(out.value().select(0, 0).select(0, 0).bitwiseEquals(table.select(0, 4)));
    Tensor g = emb.parameters().get(0).grad();
    assertEquals(2, g.get(4, 0));
    assertEquals(1, g.get(1, 2));
    assertEquals(0, g.get(3, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> emb.forward(7));
    assertEquals("Embedding: id 7.0 at flat position 0 of ids [1] is not an integer in [0, 5)", e.getMessage());
  }

  @Test
  void dropoutDropsOnlyWhileTraining() {
    Dropout drop = new Dropout(0.5, 3);
    Var x = Var.constant(Tensor.ones(DType.F32, 1000));
    Tensor y = drop.forward(x).value();
    long kept = 0;
    for (double v : y.toDoubleArray()) {
      assertTrue(v == 0 || v == 2);
      kept += v == 2 ? 1 : 0;
    }
    assertTrue(kept > 400 && kept < 600, "about half kept: " + kept);
    drop.eval();
    assertSame(x, drop.forward(x));
  }
}
