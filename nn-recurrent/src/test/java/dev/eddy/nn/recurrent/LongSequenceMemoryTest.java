package dev.eddy.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Why long sequences run in bounded memory, checked structurally (the figures are measured by
 * {@code eddy bench memory}, see docs/reliability.md): with truncated BPTT every chunk records the
 * same ops whatever the sequence length, and a finished chunk's history becomes garbage while
 * training goes on; step-by-step inference without a tape records nothing and keeps no history.
 */
class LongSequenceMemoryTest {
  private static final int CHUNK = 20;
  private static final int BATCH = 2;

  private static LSTM lstm(boolean fastPath) {
    return LSTM.builder(3, 8).numLayers(2).seed(4).fastPath(fastPath).build();
  }

  private static Var chunkInput(int chunk) {
    return Var.constant(Tensor.normal(new SplittableRandom(chunk), DType.F32, 0, 1, CHUNK, BATCH, 3));
  }

  /**
   * The ops recorded on the tape of each chunk of a {@code length}-step truncated-BPTT run of the
   * composed path (one record per cell operation; the fused path records one per layer whatever the length).
   */
  private static List<Integer> recordsPerChunk(int length) {
    LSTM lstm = lstm(false);
    List<Integer> records = new ArrayList<>();
    RecurrentState state = null;
    for (int c = 0; c < length / CHUNK; c++) {
      try (Tape tape = Tape.open()) {
        RecurrentOutput out = lstm.forward(chunkInput(c), state);
        records.add(tape.size());
        tape.backward(out.output().sum());
        state = out.state().detach();
      }
      for (Var part : state.parts()) {
        assertTrue(part.isLeaf() && !part.requiresGrad(), "the carried state has no history");
      }
    }
    return records;
  }

  @Test
  void everyChunkRecordsTheSameOpsWhateverTheSequenceLength() {
    List<Integer> shortRun = recordsPerChunk(3 * CHUNK);
    List<Integer> longRun = recordsPerChunk(15 * CHUNK);
    assertEquals(15, longRun.size());
    // From the second chunk on (the first starts from constant zeros), every chunk records alike.
    int perChunk = longRun.get(1);
    assertTrue(perChunk > 0);
    for (int c = 1; c < longRun.size(); c++) {
      assertEquals(perChunk, longRun.get(c), "chunk " + c);
    }
    assertEquals(shortRun, longRun.subList(0, shortRun.size()));
  }

  @ParameterizedTest(name = "fast path {0}")
  @ValueSource(booleans = {true, false})
  void aFinishedChunksHistoryIsCollectedWhileTrainingGoesOn(boolean fastPath) throws InterruptedException {
    LSTM lstm = lstm(fastPath);
    WeakReference<Var> firstOutput;
    RecurrentState state;
    try (Tape tape = Tape.open()) {
      RecurrentOutput out = lstm.forward(chunkInput(0), null);
      firstOutput = new WeakReference<>(out.output());
      tape.backward(out.output().sum());
      state = out.state().detach();
    }
    for (int c = 1; c < 4; c++) {
      try (Tape tape = Tape.open()) {
        RecurrentOutput out = lstm.forward(chunkInput(c), state);
        tape.backward(out.output().sum());
        state = out.state().detach();
      }
    }
    assertCollected(firstOutput, "the first chunk's output (and the graph behind it)");
    assertFalse(state.output().requiresGrad());
  }

  @ParameterizedTest(name = "fast path {0}")
  @ValueSource(booleans = {true, false})
  void stepByStepInferenceRecordsNothingAndKeepsNoHistory(boolean fastPath) throws InterruptedException {
    LSTM lstm = lstm(fastPath);
    Var x = Var.constant(Tensor.normal(new SplittableRandom(9), DType.F32, 0, 1, BATCH, 3));
    RecurrentState state = lstm.step(x, null).state();
    WeakReference<Var> first = new WeakReference<>(state.output());
    for (int t = 1; t < 1000; t++) {
      state = lstm.step(x, state).state();
      for (Var part : state.parts()) {
        assertTrue(part.isLeaf() && !part.requiresGrad(), "step " + t + " made a plain value");
      }
    }
    assertFalse(Tape.isRecording());
    assertCollected(first, "the first step's state");
  }

  /** Asks for collections until {@code ref} is cleared (a few tries, as a collection request is a hint). */
  private static void assertCollected(WeakReference<?> ref, String what) throws InterruptedException {
    for (int attempt = 0; attempt < 20 && ref.get() != null; attempt++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(ref.get(), what + " is still reachable");
  }
}
