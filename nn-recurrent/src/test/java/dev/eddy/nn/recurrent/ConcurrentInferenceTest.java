package dev.eddy.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.ShapeOps;
import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.nn.Linear;
import dev.eddy.nn.Module;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One model serves several threads at once: each gets exactly (bitwise) what running its inputs
 * alone gives, and the model is unchanged afterwards. Layers keep no per-call state, tapes belong to
 * their thread (half the threads run with a tape open, recording), and the kernels' worker pool takes
 * one parallel region at a time, the others running on their caller's thread with the same result.
 */
class ConcurrentInferenceTest {
  private static final int THREADS = 4;
  private static final int ROUNDS = 2;
  private static final int TIME = 10;
  private static final int BATCH = 8;
  private static final int FEATURES = 32;

  /** A 2-layer LSTM with dropout between layers (off in eval mode) and a linear read-out. */
  static final class Tagger extends Module {
    final LSTM lstm = registerModule("lstm", LSTM.builder(FEATURES, 128).numLayers(2).dropout(0.3).seed(5).build());
    final GRU gru = registerModule("gru", GRU.builder(FEATURES, 16).bidirectional(true).seed(6).build());
    final Linear head = registerModule("head", new Linear(128 + 32, 3, 7));
  }

  /** Everything one thread computes from its inputs: a padded-batch forward, and step-by-step generation. */
  private static List<Tensor> infer(Tagger m, Tensor x, int[] lengths) {
    List<Tensor> out = new ArrayList<>();
    Var input = Var.constant(x);
    Var features = ShapeOps.concat(2, m.lstm.forward(input, null, lengths).output(),
        m.gru.forward(input, null, lengths).output());
    out.add(m.head.forward(features).value());
    RecurrentState state = null;
    for (int t = 0; t < TIME; t++) {
      RecurrentOutput step = m.lstm.step(input.select(0, t), state);
      state = step.state();
      out.add(step.output().value());
    }
    out.add(state.part(1).value());
    return out;
  }

  private static Tensor input(int thread) {
    return Tensor.normal(new SplittableRandom(thread), DType.F32, 0, 1, TIME, BATCH, FEATURES);
  }

  private static int[] lengths(int thread) {
    SplittableRandom r = new SplittableRandom(100 + thread);
    int[] lengths = new int[BATCH];
    for (int b = 0; b < BATCH; b++) {
      lengths[b] = 1 + r.nextInt(TIME);
    }
    return lengths;
  }

  @Test
  void threadsSharingOneModelGetExactlyTheSerialOutputs() throws Exception {
    Tagger model = new Tagger();
    model.eval();
    Map<String, Tensor> parameters = model.stateDict();
    List<List<Tensor>> serial = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      serial.add(infer(model, input(i), lengths(i)));
    }

    CyclicBarrier start = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        int thread = i;
        results.add(pool.submit(() -> {
          Tensor x = input(thread);
          int[] lengths = lengths(thread);
          int compared = 0;
          for (int round = 0; round < ROUNDS; round++) {
            start.await(30, TimeUnit.SECONDS); // every round begins in all threads at once
            List<Tensor> got;
            if (thread % 2 == 0) {
              try (Tape tape = Tape.open()) { // recording on this thread only
                got = infer(model, x, lengths);
              }
            } else {
              got = infer(model, x, lengths);
            }
            List<Tensor> expected = serial.get(thread);
            assertEquals(expected.size(), got.size());
            for (int k = 0; k < expected.size(); k++) {
              assertTrue(expected.get(k).bitwiseEquals(got.get(k)), "thread " + thread + ", output " + k);
              compared++;
            }
          }
          return compared;
        }));
      }
      for (Future<Integer> f : results) {
        assertEquals(ROUNDS * (TIME + 2), f.get(2, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
    }

    Map<String, Tensor> after = model.stateDict();
    assertEquals(parameters.keySet(), after.keySet());
    parameters.forEach((name, t) -> assertTrue(t.bitwiseEquals(after.get(name)), "parameter " + name + " changed"));
    for (Var p : model.parameters()) {
      assertNull(p.grad(), "inference leaves no gradient");
    }
  }
}
