package dev.eddy.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.Losses;
import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.nn.Linear;
import dev.eddy.nn.Module;
import dev.eddy.nn.StateDictException;
import dev.eddy.nn.recurrent.LSTM;
import dev.eddy.optim.Adam;
import dev.eddy.optim.Optimizer;
import dev.eddy.optim.Sgd;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save then read is the identity; training continues bitwise; failures change nothing. */
class CheckpointTest {
  @TempDir Path dir;

  /** An LSTM over 3 features with a linear read-out: enough parameters and optimizer state to matter. */
  static final class Tiny extends Module {
    final LSTM rnn;
    final Linear head;

    Tiny(int hidden, long seed) {
      rnn = registerModule("rnn", LSTM.builder(3, hidden).seed(seed).build());
      head = registerModule("head", new Linear(hidden, 2, seed + 1));
    }

    /** One Adam-able step on a fixed batch: loss of predicting 2 numbers from 4 steps of 3 features. */
    void trainStep(Optimizer optimizer, int t) {
      Random r = new Random(t);
      Tensor x = Tensor.normal(r, DType.F32, 0, 1, 4, 2, 3);
      Tensor y = Tensor.normal(r, DType.F32, 0, 1, 2, 2);
      try (Tape tape = Tape.open()) {
        Var out = rnn.forward(Var.constant(x)).output().select(0, 3);
        optimizer.zeroGrad();
        tape.backward(Losses.mse(head.forward(out), Var.constant(y)));
      }
      optimizer.step();
    }
  }

  private static Adam adam(Tiny m) {
    return Adam.builder(m.namedParameters()).lr(0.01).build();
  }

  @Test
  void savedThenReadAndRestoredContinuesBitwiseLikeTheOriginal() throws IOException {
    Tiny original = new Tiny(5, 1);
    Adam optimizer = adam(original);
    for (int t = 0; t < 3; t++) {
      original.trainStep(optimizer, t);
    }
    Tensor carried = Tensor.normal(new Random(9), DType.F32, 0, 1, 1, 2, 5);
    Path file = dir.resolve("run.safetensors");
    Checkpoint.of(original, optimizer, Map.of("h", carried), Map.of("progress", "{\"step\":3}")).save(file);

    Checkpoint read = Checkpoint.read(file);
    assertEquals(Map.of("progress", "{\"step\":3}"), read.metadata());
    assertTrue(read.hasOptimizerState());
    assertArrayEquals(carried.f32(), read.extraTensors().get("h").f32());
    assertEquals(original.stateDict().keySet(), read.modelState().keySet());

    Tiny resumed = new Tiny(5, 77); // other initial values, overwritten by restore
    Adam resumedOptimizer = adam(resumed);
    read.restore(resumed, resumedOptimizer);
    assertSameState(original, optimizer, resumed, resumedOptimizer);
    for (int t = 3; t < 6; t++) {
      original.trainStep(optimizer, t);
      resumed.trainStep(resumedOptimizer, t);
    }
    assertSameState(original, optimizer, resumed, resumedOptimizer);

    // the file carries the documented layout, readable by any safetensors reader
    SafeTensorsHeader header = SafeTensors.inspect(file);
    assertEquals(Checkpoint.FORMAT, header.metadata().get("checkpoint"));
    assertEquals("Adam", header.metadata().get("optimizer"));
    List<String> names = header.tensors().stream().map(SafeTensorsEntry::name).toList();
    assertTrue(names.containsAll(List.of("model.rnn.weight_ih_l0", "model.head.bias",
        "optimizer.rnn.weight_ih_l0.exp_avg_sq", "extra.h")), names.toString());
  }

  private static void assertSameState(Tiny a, Optimizer oa, Tiny b, Optimizer ob) {
    Map<String, Tensor> sa = a.stateDict();
    Map<String, Tensor> sb = b.stateDict();
    for (String name : sa.keySet()) {
      assertArrayEquals(sa.get(name).f32(), sb.get(name).f32(), name);
    }
    Map<String, Tensor> ta = oa.stateTensors();
    Map<String, Tensor> tb = ob.stateTensors();
    assertEquals(ta.keySet(), tb.keySet());
    for (String name : ta.keySet()) {
      assertArrayEquals(ta.get(name).f32(), tb.get(name).f32(), name);
    }
    assertEquals(oa.stateScalars(), ob.stateScalars());
  }

  @Test
  void refusesNonFiniteValuesNamingTheTensor() {
    Tiny m = new Tiny(4, 2);
    float[] w = m.namedParameters().get("head.weight").value().f32();
    w[5] = Float.NaN;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.of(m, null, null));
    assertEquals("Checkpoint: parameter 'head.weight' [2, 4] holds NaN at flat index 5; refusing to save a"
        + " non-finite model", e.getMessage());
    w[5] = 0;
    Tensor inf = Tensor.of(new float[] {1, Float.POSITIVE_INFINITY}, 2);
    e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.of(m, null, Map.of("h", inf), null));
    assertTrue(e.getMessage().startsWith("Checkpoint: extra tensor 'h' [2] holds Infinity at flat index 1"),
        e.getMessage());
  }

  @Test
  void aSaveFailingHalfWayLeavesTheOldFileIntact() throws IOException {
    Tiny m = new Tiny(6, 3);
    Adam optimizer = adam(m);
    m.trainStep(optimizer, 0);
    Path file = dir.resolve("checkpoint.safetensors");
    Checkpoint.of(m, optimizer, Map.of("step", "1")).save(file);
    byte[] before = Files.readAllBytes(file);

    m.trainStep(optimizer, 1);
    Checkpoint next = Checkpoint.of(m, optimizer, Map.of("step", "2"));
    IOException e = assertThrows(IOException.class, () -> next.save(file, out -> failingAfter(out, 300)));
    assertEquals("disk full (simulated)", e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "the temporary file is removed");
    }
    assertEquals("1", Checkpoint.read(file).metadata().get("step"));
  }

  /** A stream that passes {@code limit} bytes on, then fails like a full disk. */
  private static OutputStream failingAfter(OutputStream out, int limit) {
    return CutStreams.after(out, limit, (under, written) -> {
      throw new IOException("disk full (simulated)");
    });
  }

  @Test
  void aCheckpointThatDoesNotFitChangesNothing() throws IOException {
    Tiny saved = new Tiny(4, 5);
    Adam savedOptimizer = adam(saved);
    saved.trainStep(savedOptimizer, 0);
    Path file = dir.resolve("c.safetensors");
    Checkpoint.of(saved, savedOptimizer, null).save(file);
    Checkpoint read = Checkpoint.read(file);

    Tiny wider = new Tiny(6, 5);
    Map<String, Tensor> widerBefore = wider.stateDict();
    assertThrows(StateDictException.class, () -> read.restore(wider, adam(wider)));
    assertArrayEquals(widerBefore.get("rnn.weight_hh_l0").f32(), wider.stateDict().get("rnn.weight_hh_l0").f32());

    Tiny same = new Tiny(4, 6);
    Map<String, Tensor> sameBefore = same.stateDict();
    Sgd sgd = Sgd.builder(same.namedParameters()).lr(0.1).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read.restore(same, sgd));
    assertTrue(e.getMessage().contains("the state is Adam state, this optimizer is SGD"), e.getMessage());
    assertArrayEquals(sameBefore.get("head.weight").f32(), same.stateDict().get("head.weight").f32(),
        "the model is put back when the optimizer state does not fit");

    read.restore(same, null); // the model alone always fits
    assertArrayEquals(saved.stateDict().get("head.weight").f32(), same.stateDict().get("head.weight").f32());
  }

  @Test
  void aModelOnlyCheckpointHasNoOptimizerState() throws IOException {
    Tiny m = new Tiny(3, 8);
    Path file = dir.resolve("weights.safetensors");
    Checkpoint.of(m, null, Map.of("note", "weights only")).save(file);
    Checkpoint read = Checkpoint.read(file);
    assertFalse(read.hasOptimizerState());
    assertEquals(Map.of("note", "weights only"), read.metadata());
    assertTrue(read.extraTensors().isEmpty());
    Tiny other = new Tiny(3, 9);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read.restore(other, adam(other)));
    assertTrue(e.getMessage().startsWith("Checkpoint.restore: the checkpoint has no optimizer state"), e.getMessage());
  }

  @Test
  void reservedKeysAndForeignFilesAreRejected() throws IOException {
    Tiny m = new Tiny(2, 1);
    for (String key : List.of("checkpoint", "optimizer", "optimizer.lr")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Checkpoint.of(m, null, Map.of(key, "x")));
      assertTrue(e.getMessage().startsWith("Checkpoint.of: metadata key '" + key + "' is reserved"), e.getMessage());
    }
    Path plain = dir.resolve("plain.safetensors");
    SafeTensors.write(plain, m.stateDict());
    SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> Checkpoint.read(plain));
    assertEquals(plain + ": not an Eddy checkpoint (its metadata has no 'checkpoint' entry)", e.getMessage());

    Path stray = dir.resolve("stray.safetensors");
    SafeTensors.write(stray, Map.of("w", Tensor.zeros(DType.F32, 2)), Map.of("checkpoint", Checkpoint.FORMAT));
    e = assertThrows(SafeTensorsException.class, () -> Checkpoint.read(stray));
    assertTrue(e.problem().startsWith("tensor \"w\" is not under 'model.'"), e.getMessage());
  }
}
