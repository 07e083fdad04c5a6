package dev.eddy.nn.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eddy.autograd.Var;
import dev.eddy.nn.attention.LuongAttention.Score;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Known values, parameter names and the error messages of the attention modules. */
class AttentionTest {

  private static Var constant(double[] data, int... dims) {
    return Var.constant(Tensor.of(data, dims));
  }

  @Test
  void dotAttentionWeighsTheValuesBySoftmaxOfTheDotProducts() {
    Attention dot = LuongAttention.builder(Score.DOT, 2, 2).dtype(DType.F64).build();
    Var keys = constant(new double[] {1, 0, 0, 1, 5, 5}, 1, 3, 2);
    Var values = constant(new double[] {2, 4, 100}, 1, 3, 1);
    Tensor mask = SourceMask.fromLengths(new int[] {2}, 3);
    AttentionOutput out = dot.attend(constant(new double[] {Math.log(3), 0}, 1, 2), keys, values, mask);
    // scores ln 3 and 0 over the two real positions: weights 3/4 and 1/4, the third is padding
    assertArrayEquals(new double[] {0.75, 0.25, 0}, out.weights().value().toDoubleArray(), 1e-15);
    assertArrayEquals(new double[] {0.75 * 2 + 0.25 * 4}, out.context().value().toDoubleArray(), 1e-15);
  }

  @Test
  void bahdanauScoresWithVTanhOfTheProjections() {
    BahdanauAttention additive = new BahdanauAttention(1, 1, 1, DType.F64, new SplittableRandom(1));
    additive.setParameter("query_weight", Var.parameter(Tensor.of(new double[] {1}, 1, 1)));
    additive.setParameter("key_weight", Var.parameter(Tensor.of(new double[] {2}, 1, 1)));
    additive.setParameter("bias", Var.parameter(Tensor.of(new double[] {0.5}, 1)));
    additive.setParameter("v", Var.parameter(Tensor.of(new double[] {3}, 1)));
    Var keys = constant(new double[] {0.1, -0.4}, 1, 2, 1);
    Var scores = additive.score(constant(new double[] {0.2}, 1, 1), additive.prepareKeys(keys));
    assertArrayEquals(new double[] {3 * Math.tanh(0.2 + 0.2 + 0.5), 3 * Math.tanh(0.2 - 0.8 + 0.5)},
        scores.value().toDoubleArray(), 1e-15);
  }

  @Test
  void concatScoresWithTheJointWeightSplitIntoQueryAndKeyHalves() {
    LuongAttention concat = LuongAttention.builder(Score.CONCAT, 1, 2).attentionSize(1).dtype(DType.F64).build();
    concat.setParameter("weight", Var.parameter(Tensor.of(new double[] {1, 2, -1}, 1, 3)));
    concat.setParameter("v", Var.parameter(Tensor.of(new double[] {0.5}, 1)));
    Var keys = constant(new double[] {0.3, 0.1}, 1, 1, 2);
    Var scores = concat.score(constant(new double[] {0.4}, 1, 1), concat.prepareKeys(keys));
    assertArrayEquals(new double[] {0.5 * Math.tanh(0.4 + 0.6 - 0.1)}, scores.value().toDoubleArray(), 1e-15);
  }

  @Test
  void parametersHaveDocumentedNamesAndShapes() {
    assertEquals("BahdanauAttention(query_weight [5, 3], key_weight [5, 4], bias [5], v [5])",
        new BahdanauAttention(3, 4, 5, 7).toString());
    assertEquals("LuongAttention()", LuongAttention.builder(Score.DOT, 4, 4).build().toString());
    assertEquals("LuongAttention(weight [3, 4])", LuongAttention.builder(Score.GENERAL, 3, 4).build().toString());
    assertEquals("LuongAttention(weight [6, 7], v [6])",
        LuongAttention.builder(Score.CONCAT, 3, 4).attentionSize(6).build().toString());
    LuongAttention general = LuongAttention.builder(Score.GENERAL, 3, 4).dtype(DType.F64).build();
    assertEquals(Score.GENERAL, general.kind());
    assertEquals(DType.F64, general.dtype());
  }

  @Test
  void float32WeightsSumToOne() {
    Attention attention = new BahdanauAttention(3, 4, 5, 11);
    SplittableRandom rng = new SplittableRandom(2);
    Var keys = Var.constant(Tensor.uniform(rng, DType.F32, -1, 1, 2, 6, 4));
    AttentionOutput out = attention.attend(Var.constant(Tensor.uniform(rng, DType.F32, -1, 1, 2, 3)), keys, keys,
        SourceMask.fromLengths(new int[] {6, 1}, 6));
    assertEquals(DType.F32, out.weights().dtype());
    assertArrayEquals(new double[] {1, 1}, out.weights().value().sum(false, 1).toDoubleArray(), 1e-6);
    assertArrayEquals(new double[] {1, 0, 0, 0, 0, 0}, out.weights().value().narrow(0, 1, 1).toDoubleArray());
  }

  @Test
  void badShapesAndMasksAreReportedWithTheModuleAndTheShapes() {
    Attention attention = LuongAttention.builder(Score.GENERAL, 3, 4).build();
    Var keys = Var.constant(Tensor.zeros(DType.F32, 2, 5, 4));
    assertMessage("LuongAttention: keys must be [batch, source, 4], got [2, 5, 3]",
        () -> attention.memory(Var.constant(Tensor.zeros(DType.F32, 2, 5, 3)), keys, null));
    assertMessage("LuongAttention: values must be [batch, source, valueSize] = [2, 5, valueSize] like the keys"
        + " [2, 5, 4], got [2, 4, 4]", () -> attention.memory(keys, Var.constant(Tensor.zeros(DType.F32, 2, 4, 4)), null));
    assertMessage("LuongAttention: the mask must be [batch, source] = [2, 5], got [2, 4]",
        () -> attention.memory(keys, keys, Tensor.ones(DType.F32, 2, 4)));
    Tensor noRealPosition = Tensor.of(new double[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 2, 5);
    assertMessage("LuongAttention: row 1 of the mask [2, 5] has no real position; every query needs at least one"
        + " position to attend to", () -> attention.memory(keys, keys, noRealPosition));
    AttentionMemory memory = attention.memory(keys, keys, null);
    assertMessage("LuongAttention: the query must be [batch, querySize] = [2, 3], got [2, 4]",
        () -> memory.attend(Var.constant(Tensor.zeros(DType.F32, 2, 4))));
    assertMessage("LuongAttention: the query is F64 but the source is F32",
        () -> memory.attend(Var.constant(Tensor.zeros(DType.F64, 2, 3))));
    assertThrows(IndexOutOfBoundsException.class, () -> memory.indexSelect(new int[] {0, 2}));
    assertMessage("LuongAttention: the dot score needs equal query and key sizes, got 3 and 4; use GENERAL to score"
        + " across sizes", () -> LuongAttention.builder(Score.DOT, 3, 4));
    assertMessage("BahdanauAttention: query, key and attention sizes must be positive, got 3, 4 and 0",
        () -> new BahdanauAttention(3, 4, 0, 1));
    assertMessage("SourceMask: length 0 of sequence 1 is not in [1, 5]; attention needs at least one real position",
        () -> SourceMask.fromLengths(new int[] {5, 0}, 5));
  }

  private static void assertMessage(String expected, Runnable action) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, action::run).getMessage());
  }
}
