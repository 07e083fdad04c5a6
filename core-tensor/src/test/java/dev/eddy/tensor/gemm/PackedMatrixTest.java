package dev.eddy.tensor.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eddy.tensor.kernels.Backend;
import org.junit.jupiter.api.Test;

class PackedMatrixTest {

  @Test
  void panelsHoldEachColumnBlockOverAllRowsThenZeroPadding() {
    // B = [[1, 2, 3], [4, 5, 6]] (k = 2, n = 3) in panels of 2 columns: [1 2 | 4 5] then [3 0 | 6 0].
    float[] b = {1, 2, 3, 4, 5, 6};
    assertArrayEquals(new float[] {1, 2, 4, 5, 3, 0, 6, 0}, PackedMatrix.packF32(2, 3, 2, b, 0, 3, 1));
    // The same B given transposed (stored as 3 × 2 with columns contiguous) packs the same way.
    float[] bt = {1, 4, 2, 5, 3, 6};
    assertArrayEquals(new float[] {1, 2, 4, 5, 3, 0, 6, 0}, PackedMatrix.packF32(2, 3, 2, bt, 0, 1, 2));
    assertEquals(5, new PackedMatrix(2, 3, 2, PackedMatrix.packF32(2, 3, 2, b, 0, 3, 1), null).index(1, 2) - 1);
  }

  @Test
  void aPackedMatrixOfTheWrongPrecisionOrShapeIsRefused() {
    PackedMatrix f32 = Gemm.pack(false, 2, 3, new float[6], 0, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Gemm.dgemm(false, 1, new double[2], 0, 2, f32, new double[3], 0, 3, false));
    assertEquals("dgemm: the packed matrix holds float32 values; pack a double[] for dgemm", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Gemm.sgemm(false, 1, new float[1], 0, 1, f32, new float[3], 0, 3, false));
    assertEquals("sgemm: lda must be at least the row length 2, got 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Gemm.pack(false, 2, 3, new float[6], 0, 2));
    assertEquals("pack: ldb must be at least the row length 3, got 2", e.getMessage());
  }

  /** The vector engine's kernel assumes its own panel width; the scalar reference reads any width. */
  @Test
  void panelsOfAnotherWidthThanTheVectorEngineReadsAreRefused() {
    int width = Gemm.pack(false, 1, 1, new float[1], 0, 1).panelWidth();
    PackedMatrix other = new PackedMatrix(2, 3, width + 1, new float[2 * (width + 1)], null);
    if (Backend.active() == Backend.VECTOR) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Gemm.sgemm(false, 1, new float[2], 0, 2, other, new float[3], 0, 3, false));
      assertEquals("gemm: the packed matrix has panels of " + (width + 1) + " columns, this engine reads " + width
          + "; pack it with Gemm.pack in this JVM", e.getMessage());
    } else {
      float[] c = {1, 1, 1};
      Gemm.sgemm(false, 1, new float[2], 0, 2, other, c, 0, 3, false);
      assertArrayEquals(new float[3], c);
    }
  }

  @Test
  void anEmptyInnerDimensionGivesZerosOrLeavesAnAccumulatedC() {
    PackedMatrix empty = Gemm.pack(false, 0, 2, new float[0], 0, 2);
    float[] c = {7, 8};
    Gemm.sgemm(false, 1, new float[0], 0, 0, empty, c, 0, 2, true);
    assertArrayEquals(new float[] {7, 8}, c);
    Gemm.sgemm(false, 1, new float[0], 0, 0, empty, c, 0, 2, false);
    assertArrayEquals(new float[] {0, 0}, c);
  }
}
