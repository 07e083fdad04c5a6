package dev.eddy.examples.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class TemporalOrderTaskTest {

  @Property(tries = 50)
  void markersAmongDistractorsAndTheLabelIsTheirOrder(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int k,
      @ForAll @IntRange(min = 0, max = 20) int more, @ForAll @IntRange(min = 0, max = 20) int extra) {
    TemporalOrderTask task = new TemporalOrderTask(k, k + more, k + more + extra);
    for (TemporalOrderTask.Example e : task.generate(50, new SplittableRandom(seed))) {
      int[] s = e.symbols();
      assertTrue(s.length >= k + more && s.length <= k + more + extra, "length " + s.length);
      List<String> markers = new ArrayList<>();
      for (int id : s) {
        String name = TemporalOrderTask.SYMBOLS.get(id);
        if (name.equals("X") || name.equals("Y")) {
          markers.add(name);
        }
      }
      assertEquals(k, markers.size(), "markers in " + Arrays.toString(s));
      assertEquals(String.join("..", markers), task.className(e.label()));
    }
  }

  @Example
  void classesAreBalancedAndTheSeedFixesTheData() {
    TemporalOrderTask task = new TemporalOrderTask(3, 10, 30);
    List<TemporalOrderTask.Example> a = task.generate(8000, new SplittableRandom(7));
    List<TemporalOrderTask.Example> b = task.generate(8000, new SplittableRandom(7));
    int[] counts = new int[task.classes()];
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i).symbols(), b.get(i).symbols());
      counts[a.get(i).label()]++;
    }
    for (int c : counts) {
      assertTrue(Math.abs(c - 1000) < 120, "class count " + c);
    }
  }

  /**
   * The claim behind the order-blind ceiling, counted: an ideal order-blind classifier answers the
   * commonest class among examples with the same symbol counts; over many examples it scores
   * {@code (k + 1) / 2^k}. (It groups by the marker counts only: the distractors are drawn
   * independently of the class, and grouping by them too would only add in-sample luck.)
   */
  @Property(tries = 4)
  void theBestOrderBlindGuessReachesTheCeiling(@ForAll @IntRange(min = 1, max = 4) int k) {
    TemporalOrderTask task = new TemporalOrderTask(k, k, k + 3);
    List<TemporalOrderTask.Example> examples = task.generate(40_000, new SplittableRandom(k));
    Map<String, int[]> byCounts = new HashMap<>();
    for (TemporalOrderTask.Example e : examples) {
      byCounts.computeIfAbsent(Arrays.toString(markerCounts(e.symbols())), c -> new int[task.classes()])[e.label()]++;
    }
    int best = 0;
    for (int[] classCounts : byCounts.values()) {
      best += Arrays.stream(classCounts).max().orElse(0);
    }
    assertEquals(task.orderBlindCeiling(), best / (double) examples.size(), 0.01);
    assertEquals((k + 1.0) / (1 << k), task.orderBlindCeiling());
    assertEquals(1.0 / (1 << k), task.chance());
  }

  @Example
  void classNamesListTheMarkersInOrder() {
    TemporalOrderTask task = new TemporalOrderTask(3, 5, 5);
    Set<String> names = new HashSet<>();
    for (int label = 0; label < task.classes(); label++) {
      names.add(task.className(label));
    }
    assertEquals(8, names.size());
    assertEquals("X..X..Y", task.className(1));
    assertEquals("Y..X..X", task.className(4));
    var e = assertThrows(IllegalArgumentException.class, () -> new TemporalOrderTask(3, 2, 9));
    assertEquals("temporal order task: need 1 <= markers <= 8 and markers <= min length <= max length, got 3 markers"
        + " and lengths 2 to 9", e.getMessage());
  }

  /** How many X and how many Y. */
  private static int[] markerCounts(int[] symbols) {
    int[] c = new int[2];
    for (int s : symbols) {
      if (s >= 4) {
        c[s - 4]++;
      }
    }
    return c;
  }

  @Example
  void aBatchIsPaddedToTheLongestWithTheRealLengths() {
    List<TemporalOrderTask.Example> examples = List.of(
        new TemporalOrderTask.Example(new int[] {4, 1, 5}, 1),
        new TemporalOrderTask.Example(new int[] {0, 5, 2, 3, 5}, 3));
    TemporalOrderTask.Batch b = TemporalOrderTask.batch(examples, new int[] {1, 0});
    assertArrayEquals(new int[] {2, 5}, b.ids().shape().dims());
    assertArrayEquals(new double[] {0, 5, 2, 3, 5, 4, 1, 5, 0, 0}, b.ids().toDoubleArray());
    assertArrayEquals(new int[] {5, 3}, b.lengths());
    assertArrayEquals(new int[] {3, 1}, b.labels());
  }
}
