package dev.eddy.examples.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.examples.support.CommandRun;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code eddy adding} with its default settings (T = 100) takes the LSTM and the GRU below MSE 0.01. */
@Tag("slow")
class AddingDefaultsSlowTest {

  @ParameterizedTest
  @ValueSource(strings = {"lstm", "gru"})
  void theDefaultsSolveTheAddingProblemAtT100(String cell, @TempDir Path dir) {
    CommandRun run = CommandRun.of("adding", "--cell", cell, "--out", dir.toString(), "--json");
    assertEquals(0, run.exit(), run.toString());
    Map<String, Object> json = run.json();
    assertEquals(100L, json.get("T"));
    Map<String, Object> result = MemoryCommandsTest.cells(run).get(0);
    double mse = (Double) result.get("validation_loss");
    assertTrue(mse < 0.01, cell + ": validation MSE " + mse + " (baseline 0.1667)\n" + run.out());
  }
}
