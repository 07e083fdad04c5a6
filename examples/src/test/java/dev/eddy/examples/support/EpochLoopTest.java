package dev.eddy.examples.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EpochLoopTest {

  @Test
  void everyExampleOncePerEpochAndTheMeanLossAfterEach() {
    StringWriter text = new StringWriter();
    List<Set<Integer>> seen = new ArrayList<>();
    List<String> ends = new ArrayList<>();
    int[] epoch = {0};
    seen.add(new HashSet<>());
    double seconds = EpochLoop.run(new PrintWriter(text), "examples/s", new MiniBatches(25, 10, 1), 2,
        rows -> {
          for (int r : rows) {
            assertTrue(seen.get(epoch[0]).add(r), "example " + r + " twice in epoch " + epoch[0]);
          }
          return rows.length + 10 * epoch[0]; // epoch 0: 10, 10, 5; epoch 1: 20, 20, 15
        },
        (e, meanLoss) -> {
          ends.add(e + ":" + meanLoss);
          epoch[0]++;
          seen.add(new HashSet<>());
        });
    assertEquals(List.of("0:" + 25 / 3.0, "1:" + 55 / 3.0), ends);
    assertEquals(25, seen.get(0).size());
    assertEquals(25, seen.get(1).size());
    assertTrue(seconds >= 0);
    assertTrue(text.toString().contains("step 6/6"), text.toString());
  }
}
