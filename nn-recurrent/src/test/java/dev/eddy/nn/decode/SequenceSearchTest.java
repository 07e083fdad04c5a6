package dev.eddy.nn.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Greedy and beam search on a toy model whose next-token distribution depends on a row's whole
 * history (carried in the state, so a wrong {@code select} changes the results): beam 1 is greedy,
 * a beam as wide as the search space finds the best sequence, and batches decode as their inputs
 * alone.
 */
class SequenceSearchTest {
  static final int START = 0;
  static final int END = 1;

  /** Log-probabilities drawn from a hash of (seed, input, tokens so far); the state is that hash per row. */
  record HistoryModel(int vocabulary, long seed) implements StepDecoder<long[]> {
    long[] initial(int batch) {
      long[] h = new long[batch];
      for (int b = 0; b < batch; b++) {
        h[b] = seed * 1_000_003L + b;
      }
      return h;
    }

    double[] logProbs(long history) {
      SplittableRandom rng = new SplittableRandom(history);
      double[] logits = new double[vocabulary];
      for (int v = 0; v < vocabulary; v++) {
        logits[v] = 3 * rng.nextDouble();
      }
      return Tensor.of(logits, 1, vocabulary).logSoftmax(1).toDoubleArray();
    }

    @Override
    public Step<long[]> step(int[] lastTokens, long[] state) {
      double[] lp = new double[state.length * vocabulary];
      long[] next = new long[state.length];
      for (int r = 0; r < state.length; r++) {
        next[r] = state[r] * 31 + lastTokens[r] + 7;
        System.arraycopy(logProbs(next[r]), 0, lp, r * vocabulary, vocabulary);
      }
      return new Step<>(Tensor.of(lp, state.length, vocabulary), next);
    }

    @Override
    public long[] select(long[] state, int[] rows) {
      long[] out = new long[rows.length];
      for (int i = 0; i < rows.length; i++) {
        out[i] = state[rows[i]];
      }
      return out;
    }

    /** The best sequence of input b over every sequence that ends by maxLength or runs to it. */
    Hypothesis exhaustive(int b, int maxLength) {
      List<Hypothesis> all = new ArrayList<>();
      enumerate(initial(b + 1)[b], START, new ArrayList<>(), 0, maxLength, all);
      Hypothesis best = all.get(0);
      for (Hypothesis h : all) {
        best = h.logProb() > best.logProb() ? h : best;
      }
      return best;
    }

    private void enumerate(long state, int last, List<Integer> seq, double score, int maxLength, List<Hypothesis> out) {
      long next = state * 31 + last + 7;
      double[] lp = logProbs(next);
      for (int v = 0; v < vocabulary; v++) {
        List<Integer> longer = new ArrayList<>(seq);
        longer.add(v);
        if (v == END || longer.size() == maxLength) {
          out.add(new Hypothesis(longer.stream().mapToInt(Integer::intValue).toArray(), score + lp[v], v == END));
        } else {
          enumerate(next, v, longer, score + lp[v], maxLength, out);
        }
      }
    }
  }

  @Property(tries = 50)
  void beamOfOneIsGreedy(@ForAll @IntRange(min = 2, max = 6) int vocabulary,
      @ForAll @IntRange(min = 1, max = 4) int batch, @ForAll @IntRange(min = 1, max = 8) int maxLength,
      @ForAll long seed) {
    HistoryModel model = new HistoryModel(vocabulary, seed);
    SequenceSearch search = new SequenceSearch(START, END, maxLength);
    List<Hypothesis> greedy = search.greedy(model, model.initial(batch), batch);
    List<Hypothesis> beam = search.beam(model, model.initial(batch), batch, 1);
    for (int b = 0; b < batch; b++) {
      assertArrayEquals(greedy.get(b).tokens(), beam.get(b).tokens(), "input " + b);
      assertEquals(greedy.get(b).logProb(), beam.get(b).logProb(), 1e-12);
      assertEquals(greedy.get(b).ended(), beam.get(b).ended());
    }
  }

  @Property(tries = 40)
  void aWideEnoughBeamFindsTheBestSequence(@ForAll @IntRange(min = 2, max = 4) int vocabulary,
      @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll @IntRange(min = 1, max = 4) int maxLength,
      @ForAll long seed) {
    HistoryModel model = new HistoryModel(vocabulary, seed);
    int everyPrefix = (int) Math.pow(vocabulary, maxLength);
    List<Hypothesis> beam = new SequenceSearch(START, END, maxLength).beam(model, model.initial(batch), batch,
        everyPrefix);
    for (int b = 0; b < batch; b++) {
      Hypothesis best = model.exhaustive(b, maxLength);
      assertArrayEquals(best.tokens(), beam.get(b).tokens(), "input " + b);
      assertEquals(best.logProb(), beam.get(b).logProb(), 1e-12);
    }
  }

  @Property(tries = 30)
  void aBatchDecodesAsItsInputsAlone(@ForAll @IntRange(min = 2, max = 6) int vocabulary,
      @ForAll @IntRange(min = 2, max = 4) int batch, @ForAll @IntRange(min = 1, max = 3) int beamSize,
      @ForAll long seed) {
    HistoryModel model = new HistoryModel(vocabulary, seed);
    SequenceSearch search = new SequenceSearch(START, END, 6);
    List<Hypothesis> all = search.beam(model, model.initial(batch), batch, beamSize);
    for (int b = 0; b < batch; b++) {
      long[] one = {model.initial(batch)[b]};
      assertArrayEquals(search.beam(model, one, 1, beamSize).get(0).tokens(), all.get(b).tokens());
    }
  }

  @Test
  void beamSearchFindsTheSequenceThatGreedyMisses() {
    // step 1: token 2 (0.6) beats 3 (0.4); after 2 every token is equally likely (the best ending is
    // 0.6 * 1/4), after 3 the end token is certain (0.4 * 1): beam 2 keeps 3 and wins
    StepDecoder<int[]> trap = new StepDecoder<>() {
      @Override
      public Step<int[]> step(int[] lastTokens, int[] state) {
        double[] p = new double[lastTokens.length * 4];
        for (int r = 0; r < lastTokens.length; r++) {
          double[] row = switch (lastTokens[r]) {
            case START -> new double[] {0, 0, 0.6, 0.4};
            case 2 -> new double[] {0.25, 0.25, 0.25, 0.25};
            default -> new double[] {0, 1, 0, 0};
          };
          System.arraycopy(row, 0, p, r * 4, 4);
        }
        return new Step<>(Tensor.of(p, lastTokens.length, 4).log(), state);
      }

      @Override
      public int[] select(int[] state, int[] rows) {
        return state;
      }
    };
    SequenceSearch search = new SequenceSearch(START, END, 2);
    Hypothesis greedy = search.greedy(trap, new int[0], 1).get(0);
    Hypothesis beam = search.beam(trap, new int[0], 1, 2).get(0);
    assertArrayEquals(new int[] {2, 0}, greedy.tokens()); // the lowest id among the equally likely
    assertTrue(!greedy.ended());
    assertArrayEquals(new int[] {3, 1}, beam.tokens());
    assertArrayEquals(new int[] {3}, beam.content());
    assertEquals(Math.log(0.4), beam.logProb(), 1e-12);
  }

  @Test
  void badArgumentsAreReported() {
    assertEquals("SequenceSearch: maxLength must be at least 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new SequenceSearch(0, 1, 0)).getMessage());
    HistoryModel model = new HistoryModel(3, 1);
    SequenceSearch search = new SequenceSearch(START, END, 3);
    assertEquals("SequenceSearch: beamSize must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> search.beam(model, model.initial(1), 1, 0)).getMessage());
    StepDecoder<long[]> wrongShape = new StepDecoder<>() {
      @Override
      public Step<long[]> step(int[] lastTokens, long[] state) {
        return new Step<>(Tensor.zeros(DType.F64, 3), state);
      }

      @Override
      public long[] select(long[] state, int[] rows) {
        return state;
      }
    };
    assertEquals("SequenceSearch: the decoder's log-probabilities must be [rows, vocabulary] = [2, vocabulary], got [3]",
        assertThrows(IllegalStateException.class, () -> search.greedy(wrongShape, new long[2], 2)).getMessage());
  }
}
