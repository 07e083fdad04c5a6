package dev.eddy.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.AnomalyException;
import dev.eddy.nn.TrainingRun;
import dev.eddy.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A NaN or an infinity stops training with a message naming the op (anomaly mode) or the parameter
 * (clipping's non-finite check) before the optimizer applies it, and a diverged model is never
 * written over the last good checkpoint ({@link Checkpoint#of} refuses it, naming the parameter).
 */
class NonFiniteTrainingTest {
  @TempDir Path dir;

  /** Batch {@code s} of the run with one NaN in its input. */
  private static Tensor[] poisoned(TrainingRun run, int s) {
    Tensor[] xy = run.batch(s);
    Tensor x = xy[0].copy();
    x.f32()[TrainingRun.FEATURES * 3 + 5] = Float.NaN; // step 0, sequence 3, feature 5
    return new Tensor[] {x, xy[1]};
  }

  /** Trains {@code steps} steps, saves a checkpoint and returns its bytes. */
  private byte[] goodCheckpoint(TrainingRun run, int steps, Path file) throws IOException {
    run.train(steps);
    Checkpoint.of(run.model, run.optimizer, Map.of("position", Integer.toString(run.position()))).save(file);
    return Files.readAllBytes(file);
  }

  @Test
  void clippingsNonFiniteCheckStopsTheStepNamingTheParameter() throws IOException {
    TrainingRun run = new TrainingRun(3, 5, true, true);
    Path file = dir.resolve("run.safetensors");
    byte[] good = goodCheckpoint(run, 2, file);
    Map<String, Tensor> before = run.parameters();

    Tensor[] xy = poisoned(run, 2);
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> run.step(xy[0], xy[1]));
    assertTrue(e.getMessage().matches("clipGradNorm: the total 2\\.0-norm of the gradients is NaN; the gradient of"
        + " 'lstm\\.weight_ih_l0' \\[512, 32] has NaN at flat index \\d+ \\(gradients left unchanged\\)"), e.getMessage());
    ResumeTest.assertSameTensors(before, run.parameters()); // the optimizer never saw it
    assertArrayEquals(good, Files.readAllBytes(file));
    assertEquals("2", Checkpoint.read(file).metadata().get("position"), "the last good checkpoint is there to resume");
  }

  @ParameterizedTest(name = "fast path {0}")
  @ValueSource(booleans = {true, false})
  void anomalyModeStopsAtTheOpThatMadeTheNaNNamingItAndTheCallingLine(boolean fastPath) throws IOException {
    TrainingRun run = new TrainingRun(3, 5, fastPath, false);
    Path file = dir.resolve("run.safetensors");
    byte[] good = goodCheckpoint(run, 1, file);
    Map<String, Tensor> before = run.parameters();

    run.anomalyMode(true);
    Tensor[] xy = poisoned(run, 1);
    AnomalyException e = assertThrows(AnomalyException.class, () -> run.step(xy[0], xy[1]));
    assertTrue(e.getMessage().matches("anomaly: op '[a-zA-Z_]+' produced NaN \\(first at \\[[0-9, ]+] of shape"
        + " \\[[0-9, ]+]\\) in the forward pass, called at .*"), e.getMessage());
    // the line of the code that called the layer, not a line inside the layer (dev.eddy.nn is LibraryCode)
    assertTrue(e.getMessage().matches(".* called at dev\\.eddy\\.nn\\.TrainingRun\\.step\\(TrainingRun\\.java:\\d+\\)"),
        e.getMessage());
    ResumeTest.assertSameTensors(before, run.parameters());
    assertArrayEquals(good, Files.readAllBytes(file));
  }

  @Test
  void aDivergedModelIsNeverSavedOverTheLastGoodCheckpoint() throws IOException {
    // No check at all: a learning rate of 1e30 sends the parameters to infinity and NaN in a few steps.
    TrainingRun run = new TrainingRun(3, 5, true, false);
    Path file = dir.resolve("run.safetensors");
    byte[] good = goodCheckpoint(run, 1, file);
    run.optimizer.setLr(1e30);
    run.train(3);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Checkpoint.of(run.model, run.optimizer, Map.of("position", "4")).save(file));
    assertTrue(e.getMessage().matches("Checkpoint: parameter '[a-z_.0-9]+' \\[[0-9, ]+] holds (NaN|-?Infinity) at flat"
        + " index \\d+; refusing to save a non-finite model"), e.getMessage());
    assertArrayEquals(good, Files.readAllBytes(file));
    TrainingRun resumed = new TrainingRun(4, 5, true, false);
    Checkpoint.read(file).restore(resumed.model, resumed.optimizer);
    resumed.train(1);
    assertTrue(Double.isFinite(resumed.losses().get(0)), "training continues from the good state");
  }
}
