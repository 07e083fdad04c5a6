package dev.eddy.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapeTest {

  @Test
  void basics() {
    Shape s = Shape.of(2, 3, 4);
    assertEquals(3, s.rank());
    assertEquals(24, s.numel());
    assertEquals(4, s.dim(-1));
    assertEquals(2, s.dim(0));
    assertArrayEquals(new int[] {12, 4, 1}, s.strides());
    assertEquals("[2, 3, 4]", s.toString());
    assertEquals(Shape.of(2, 3, 4), s);
    assertEquals(Shape.of(2, 3, 4).hashCode(), s.hashCode());
    assertNotEquals(Shape.of(2, 3), s);
    assertEquals(0, Shape.of().rank());
    assertEquals(1, Shape.of().numel());
    assertEquals("[]", Shape.scalar().toString());
    assertEquals(0, Shape.of(3, 0).numel());
    assertEquals(0, Shape.of(Integer.MAX_VALUE, 5, 0).numel(), "empty even when a prefix is huge");
    assertThrows(ShapeException.class, () -> Shape.of(Integer.MAX_VALUE, 5));
    int[] dims = s.dims();
    dims[0] = 99;
    assertEquals(2, s.dim(0), "dims() is a copy");
  }

  @Test
  void broadcastFollowsNumPy() {
    assertEquals(Shape.of(4, 2, 3), Shape.broadcast("add", Shape.of(4, 1, 3), Shape.of(2, 1)));
    assertEquals(Shape.of(5, 3), Shape.broadcast("add", Shape.of(), Shape.of(5, 3)));
    assertEquals(Shape.of(0, 3), Shape.broadcast("add", Shape.of(0, 1), Shape.of(3)));
    assertTrue(Shape.of(3).broadcastsTo(Shape.of(2, 3)));
    assertFalse(Shape.of(2).broadcastsTo(Shape.of(2, 3)));
    assertFalse(Shape.of(1, 2, 3).broadcastsTo(Shape.of(2, 3)));
  }

  @Test
  void errorsNameTheOpAndShapes() {
    ShapeException e = assertThrows(ShapeException.class,
        () -> Shape.broadcast("mul", Shape.of(2, 3), Shape.of(4)));
    assertEquals("mul: shapes [2, 3] and [4] do not broadcast (axis -1: 3 vs 4)", e.getMessage());
    e = assertThrows(ShapeException.class, () -> Shape.of(2, 3).axis("sum", 2));
    assertEquals("sum: axis 2 is out of range for shape [2, 3] (valid: -2..1)", e.getMessage());
    assertEquals(1, Shape.of(2, 3).axis("sum", -1));
    assertThrows(ShapeException.class, () -> Shape.of(2, -1));
    assertEquals(2, Shape.normalizeAxis("unsqueeze", -1, 3));
    assertThrows(ShapeException.class, () -> Shape.normalizeAxis("unsqueeze", 3, 3));
  }
}
