package dev.eddy.examples.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class MiniBatchesTest {

  @Property(tries = 100)
  void everyIndexOncePerEpochInBatchesOfTheGivenSize(@ForAll @IntRange(min = 1, max = 300) int count,
      @ForAll @IntRange(min = 1, max = 64) int size, @ForAll long seed) {
    MiniBatches batches = new MiniBatches(count, size, seed);
    for (int epoch = 0; epoch < 2; epoch++) {
      List<int[]> list = batches.epoch();
      assertEquals(batches.batchesPerEpoch(), list.size());
      int[] all = list.stream().flatMapToInt(Arrays::stream).sorted().toArray();
      int[] expected = new int[count];
      Arrays.setAll(expected, i -> i);
      assertArrayEquals(expected, all);
      for (int i = 0; i < list.size() - 1; i++) {
        assertEquals(size, list.get(i).length);
      }
    }
  }

  @Property(tries = 20)
  void theSeedFixesTheOrderAndEpochsDiffer(@ForAll long seed) {
    MiniBatches a = new MiniBatches(100, 10, seed);
    MiniBatches b = new MiniBatches(100, 10, seed);
    int[] first = a.epoch().get(0);
    assertArrayEquals(first, b.epoch().get(0));
    assertNotEquals(Arrays.toString(first) + Arrays.toString(a.epoch().get(1)),
        Arrays.toString(first) + Arrays.toString(b.epoch().get(0)), "a new epoch is a new shuffle");
  }

  @Example
  void badSizesAreRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> new MiniBatches(0, 4, 1));
    assertEquals("mini-batches: count and batch size must be at least 1, got 0 and 4", e.getMessage());
  }
}
