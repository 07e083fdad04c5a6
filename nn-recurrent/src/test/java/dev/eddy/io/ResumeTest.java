package dev.eddy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.nn.TrainingRun;
import dev.eddy.tensor.Parallel;
import dev.eddy.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping training and resuming it from a checkpoint gives bitwise the parameters, optimizer state
 * and losses of a run that never stopped: the checkpoint holds the model, the optimizer's state, the
 * dropout generators' positions, and (in the caller's metadata) where the data continues.
 */
class ResumeTest {
  private static final int BEFORE = 3;
  private static final int AFTER = 3;

  @TempDir Path dir;

  @Test
  void resumingFromACheckpointEqualsNotStopping() throws IOException {
    int saved = Parallel.threads();
    try {
      Parallel.setThreads(1);
      TrainingRun uninterrupted = new TrainingRun(21, 8, true, true).train(BEFORE + AFTER);

      TrainingRun first = new TrainingRun(21, 8, true, true).train(BEFORE);
      Path file = dir.resolve("run.safetensors");
      Checkpoint.of(first.model, first.optimizer, Map.of("position", Integer.toString(first.position()))).save(file);

      // A new process, so to speak: other initial weights, on 2 threads; everything comes from the file.
      Parallel.setThreads(2);
      TrainingRun resumed = new TrainingRun(999, 8, true, true);
      Checkpoint checkpoint = Checkpoint.read(file);
      checkpoint.restore(resumed.model, resumed.optimizer);
      resumed.seek(Integer.parseInt(checkpoint.metadata().get("position")));
      resumed.train(AFTER);

      assertEquals(bits(uninterrupted.losses().subList(BEFORE, BEFORE + AFTER)), bits(resumed.losses()), "losses");
      assertSameTensors(uninterrupted.parameters(), resumed.parameters());
      assertSameTensors(uninterrupted.optimizer.stateTensors(), resumed.optimizer.stateTensors());
      assertEquals(uninterrupted.optimizer.stateScalars(), resumed.optimizer.stateScalars());
      assertEquals(uninterrupted.model.generatorStates(), resumed.model.generatorStates());
    } finally {
      Parallel.setThreads(saved);
    }
  }

  @Test
  void withoutTheGeneratorsTheResumedRunWouldDrawOtherDropoutMasks() throws IOException {
    // The check above can fail: a resumed run whose dropout generator starts afresh differs.
    TrainingRun uninterrupted = new TrainingRun(21, 8, true, true).train(2);
    TrainingRun first = new TrainingRun(21, 8, true, true).train(1);
    Path file = dir.resolve("run.safetensors");
    Checkpoint.of(first.model, first.optimizer, Map.of()).save(file);
    TrainingRun resumed = new TrainingRun(21, 8, true, true);
    Map<String, Long> fresh = resumed.model.generatorStates();
    Checkpoint.read(file).restore(resumed.model, resumed.optimizer);
    resumed.model.loadGeneratorStates(fresh);
    resumed.seek(1);
    resumed.train(1);
    assertTrue(!uninterrupted.parameters().get("lstm.weight_ih_l1").bitwiseEquals(
        resumed.parameters().get("lstm.weight_ih_l1")), "other masks, other parameters");
  }

  @Test
  void aDamagedGeneratorsEntryIsRefusedNamingIt() throws IOException {
    Path file = dir.resolve("damaged.safetensors");
    Map<String, Tensor> tensors = Map.of("model.w", Tensor.zeros(dev.eddy.tensor.DType.F32, 2));
    String[][] cases = {
        {"{\"lstm.dropout\":\"12x\"}", "metadata 'generators': the position of lstm.dropout must be a decimal"
            + " integer, got 12x"},
        {"[1, 2]", "metadata 'generators' must be a JSON object, got [1, 2]"},
        {"{", "metadata 'generators' is not valid JSON: "}};
    for (String[] c : cases) {
      SafeTensors.write(file, tensors, Map.of("checkpoint", Checkpoint.FORMAT, "generators", c[0]));
      SafeTensorsException e = org.junit.jupiter.api.Assertions.assertThrows(SafeTensorsException.class,
          () -> Checkpoint.read(file));
      assertTrue(e.problem().startsWith(c[1]), e.getMessage());
    }
  }

  static void assertSameTensors(Map<String, Tensor> expected, Map<String, Tensor> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((name, t) -> assertTrue(t.bitwiseEquals(actual.get(name)), name));
  }

  private static List<Long> bits(List<Double> values) {
    return values.stream().map(Double::doubleToRawLongBits).toList();
  }
}
