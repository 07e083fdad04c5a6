package dev.eddy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.examples.support.CommandRun;
import dev.eddy.io.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code eddy bench memory} on tiny sizes: one JSON line per run with the documented fields (no figure is judged here). */
class MemoryBenchTest {

  @Test
  void printsOneJsonLinePerRun() {
    CommandRun run = CommandRun.of("bench", "memory", "--lengths", "12,24", "--chunk", "6", "--full-bptt", "12",
        "--inference-steps", "20", "--batch", "2", "--features", "3", "--hidden", "4");
    assertEquals(0, run.exit(), run.toString());
    List<Map<?, ?>> lines = run.lines().stream().<Map<?, ?>>map(l -> (Map<?, ?>) Json.parse(l)).toList();
    assertEquals(List.of("tbptt", "tbptt", "full-bptt", "inference"), lines.stream().map(l -> l.get("mode")).toList());
    assertEquals(List.of(12L, 24L, 12L, 20L), lines.stream().map(l -> l.get("steps")).toList());
    assertEquals(List.of(6L, 6L, 12L, 1L), lines.stream().map(l -> l.get("chunk")).toList());
    for (Map<?, ?> line : lines) {
      for (String field : List.of("peak_heap_mb", "live_heap_mb", "baseline_mb", "retained_mb", "max_heap_mb")) {
        assertTrue(((Number) line.get(field)).doubleValue() >= 0, field + " in " + line);
      }
    }
    // the same chunk length records the same ops whatever the sequence length
    assertEquals(lines.get(0).get("max_tape_records"), lines.get(1).get("max_tape_records"));
    assertEquals(4, ((List<?>) lines.get(3).get("live_heap_mb_samples")).size());
    assertEquals("fused", lines.get(0).get("path"));
  }

  @Test
  void theComposedPathRecordsAnOpPerCellOperationSoFullBpttRecordsMore() {
    CommandRun run = CommandRun.of("bench", "memory", "--composed", "--lengths", "12", "--chunk", "6", "--full-bptt",
        "12", "--inference-steps", "0", "--batch", "2", "--features", "3", "--hidden", "4");
    assertEquals(0, run.exit(), run.toString());
    List<Map<?, ?>> lines = run.lines().stream().<Map<?, ?>>map(l -> (Map<?, ?>) Json.parse(l)).toList();
    assertEquals("composed", lines.get(0).get("path"));
    assertTrue(((Number) lines.get(1).get("max_tape_records")).longValue()
        > ((Number) lines.get(0).get("max_tape_records")).longValue(), lines.toString());
  }
}
