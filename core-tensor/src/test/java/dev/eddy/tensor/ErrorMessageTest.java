package dev.eddy.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The main shape errors: each message names the op and the shapes (or dtypes, axes, indices). */
class ErrorMessageTest {
  private static final Tensor A = Tensor.zeros(DType.F32, 32, 128);
  private static final Tensor B = Tensor.zeros(DType.F32, 64, 256);

  private static String message(Executable e) {
    return assertThrows(ShapeException.class, e).getMessage();
  }

  @Test
  void matmul() {
    assertEquals("matmul: [32, 128] @ [64, 256]: inner dimensions 128 and 64 differ", message(() -> A.matmul(B)));
    assertEquals("matmul: [32, 128]^T @ [64, 256]: inner dimensions 32 and 64 differ",
        message(() -> Tensor.matmul(A, true, B, false)));
    assertEquals("matmul: [2, 3, 4] @ [5, 4, 6]: batch dimensions [2] and [5] do not broadcast",
        message(() -> Tensor.zeros(DType.F32, 2, 3, 4).matmul(Tensor.zeros(DType.F32, 5, 4, 6))));
    assertEquals("matmul: [128] @ [128, 4]: both operands need at least 2 axes (unsqueeze a vector)",
        message(() -> Tensor.zeros(DType.F32, 128).matmul(Tensor.zeros(DType.F32, 128, 4))));
    assertEquals("matmul: [32, 128] @ [128, 4]: dtypes F32 and F64 differ",
        message(() -> A.matmul(Tensor.zeros(DType.F64, 128, 4))));
  }

  @Test
  void elementwise() {
    assertEquals("add: shapes [32, 128] and [64, 256] do not broadcast (axis -1: 128 vs 256)",
        message(() -> A.add(B)));
    assertEquals("sub: dtypes F32 [32, 128] and F64 [32, 128] differ; convert one with to(DType)",
        message(() -> A.sub(Tensor.zeros(DType.F64, 32, 128))));
    assertEquals("addInPlace: shape [64, 256] does not broadcast onto [32, 128]", message(() -> A.copy().addInPlace(B)));
    assertEquals("addScaledInPlace: shape [128] differs from the target's [32, 128]",
        message(() -> A.copy().addScaledInPlace(1, Tensor.zeros(DType.F32, 128))));
  }

  @Test
  void shapesAndAxes() {
    assertEquals("reshape: cannot reshape [32, 128] (4096 elements) into [5, -1]: no size for -1 fits",
        message(() -> A.reshape(5, -1)));
    assertEquals("reshape: cannot reshape [32, 128] (4096 elements) into [64, 32] (2048 elements)",
        message(() -> A.reshape(64, 32)));
    assertEquals("sum: axis 2 is out of range for shape [32, 128] (valid: -2..1)", message(() -> A.sum(false, 2)));
    assertEquals("sum: axis -1 appears twice in [1, -1] for shape [32, 128]", message(() -> A.sum(false, 1, -1)));
    assertEquals("squeeze: axis 0 of shape [32, 128] has size 32, not 1", message(() -> A.squeeze(0)));
    assertEquals("permute: [0, 0] is not a permutation of the 2 axes of shape [32, 128]", message(() -> A.permute(0, 0)));
    assertEquals("concat: shapes [32, 128] (tensor 0) and [64, 256] (tensor 1) differ outside axis 0",
        message(() -> Tensor.concat(0, A, B)));
    assertEquals("stack: shapes [32, 128] (tensor 0) and [64, 256] (tensor 1) differ; stacked tensors must have equal shapes",
        message(() -> Tensor.stack(0, A, B)));
    assertEquals("split: sizes [100] do not add up to size 128 of axis 1 (shape [32, 128])", message(() -> A.split(1, 100)));
    assertEquals("slice: [5, 40) is not a range within axis 0 of size 32 (shape [32, 128])", message(() -> A.slice(0, 5, 40)));
    assertEquals("broadcastTo: shape [32, 128] does not broadcast to [32, 64]", message(() -> A.broadcastTo(32, 64)));
    assertEquals("sumTo: shape [64] does not broadcast to [32, 128], so [32, 128] cannot be summed back to it",
        message(() -> A.sumTo(Shape.of(64))));
    assertEquals("max: cannot reduce empty axes of shape [0, 3] (there is no identity for max)",
        message(() -> Tensor.zeros(DType.F32, 0, 3).max(false, 0)));
  }

  @Test
  void indices() {
    Tensor table = Tensor.zeros(DType.F32, 10, 4);
    assertEquals("indexSelect: index 10 is out of range for axis 0 of size 10 (shape [10, 4])",
        message(() -> table.indexSelect(0, new int[] {3, 10})));
    assertEquals("indexSelect: index 1.5 is not an integer",
        message(() -> table.indexSelect(0, Tensor.of(new float[] {1.5f}, 1))));
    assertEquals("gather: index -1 is out of range for axis 1 of size 4 (shape [10, 4])",
        message(() -> table.gather(1, Tensor.full(DType.F32, -1, 10, 1))));
    assertEquals("gather: index shape [10] does not fit [10, 4] (same rank, and no larger except along axis 1)",
        message(() -> table.gather(1, Tensor.zeros(DType.F32, 10))));
    assertTrue(message(() -> table.indexAdd(0, new int[] {1}, Tensor.zeros(DType.F32, 2, 4)))
        .startsWith("indexAdd: source shape [2, 4] does not match [1, 4]"));
  }
}
