package dev.eddy.nn.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy and beam-search decoding of a {@link StepDecoder}, for a batch of sequences at once.
 *
 * <pre>{@code
 * SequenceSearch search = new SequenceSearch(START, END, 20);
 * List<Hypothesis> greedy = search.greedy(decoder, state, batch);     // one per sequence
 * List<Hypothesis> best = search.beam(decoder, state, batch, 5);
 * }</pre>
 *
 * <p><b>Greedy</b> takes the most likely token at every step (the lowest token id among equals)
 * until the end token or {@code maxLength} tokens.
 *
 * <p><b>Beam search</b> keeps the {@code beamSize} best partial sequences of each input by total
 * log-probability (no length penalty). The hypotheses of all inputs run as one batch of
 * {@code batch * beamSize} rows, row {@code b * beamSize + k} being hypothesis k of input b; after
 * each step the kept rows are gathered with {@link StepDecoder#select}. Of the {@code 2 * beamSize}
 * best extensions, those among the best {@code beamSize} that end go to the finished list, and the
 * best that do not end, up to {@code beamSize}, go on. An input is done when it has {@code beamSize}
 * finished sequences or when its best finished sequence scores at least its best live one
 * (log-probabilities only fall as a sequence grows). The result is the best of the finished and, at
 * {@code maxLength}, the live sequences. Candidates that score the same are ranked by hypothesis,
 * then token id, so with beam size 1 this is exactly {@link #greedy}.
 *
 * <p>Run it with no tape open: nothing here needs gradients.
 */
public final class SequenceSearch {
  private final int startToken;
  private final int endToken;
  private final int maxLength;

  /**
   * @param startToken fed as the last token of the first step
   * @param endToken ends a sequence
   * @param maxLength the most tokens generated per sequence, end token included
   */
  public SequenceSearch(int startToken, int endToken, int maxLength) {
    if (startToken < 0 || endToken < 0) {
      throw new IllegalArgumentException("SequenceSearch: start and end tokens must be ids >= 0, got " + startToken
          + " and " + endToken);
    }
    if (maxLength < 1) {
      throw new IllegalArgumentException("SequenceSearch: maxLength must be at least 1, got " + maxLength);
    }
    this.startToken = startToken;
    this.endToken = endToken;
    this.maxLength = maxLength;
  }

  /** The most likely token at each step, for {@code batch} sequences of {@code initial} (one row each). */
  public <S> List<Hypothesis> greedy(StepDecoder<S> decoder, S initial, int batch) {
    checkBatch(batch);
    int[] tokens = filled(batch, startToken);
    double[] scores = new double[batch];
    List<List<Integer>> sequences = emptyLists(batch);
    boolean[] ended = new boolean[batch];
    S state = initial;
    for (int t = 0; t < maxLength && !allTrue(ended); t++) {
      StepDecoder.Step<S> step = decoder.step(tokens, state);
      double[] logProbs = logProbs(step, batch);
      int vocabulary = logProbs.length / batch;
      for (int b = 0; b < batch; b++) {
        if (ended[b]) {
          continue;
        }
        int best = 0;
        for (int v = 1; v < vocabulary; v++) {
          best = logProbs[b * vocabulary + v] > logProbs[b * vocabulary + best] ? v : best;
        }
        tokens[b] = best;
        scores[b] += logProbs[b * vocabulary + best];
        sequences.get(b).add(best);
        ended[b] = best == endToken;
      }
      state = step.state();
    }
    List<Hypothesis> out = new ArrayList<>(batch);
    for (int b = 0; b < batch; b++) {
      out.add(new Hypothesis(toArray(sequences.get(b)), scores[b], ended[b]));
    }
    return out;
  }

  /** A live partial sequence of a beam. */
  private record Beam(List<Integer> tokens, double score) {}

  /** An extension of beam {@code beam} by {@code token}. */
  private record Candidate(int beam, int token, double score) {}

  /**
   * The best sequence by beam search of width {@code beamSize}, for {@code batch} sequences of
   * {@code initial} (one row each).
   */
  public <S> List<Hypothesis> beam(StepDecoder<S> decoder, S initial, int batch, int beamSize) {
    checkBatch(batch);
    if (beamSize < 1) {
      throw new IllegalArgumentException("SequenceSearch: beamSize must be at least 1, got " + beamSize);
    }
    int rows = batch * beamSize;
    int[] start = new int[rows];
    for (int r = 0; r < rows; r++) {
      start[r] = r / beamSize;
    }
    S state = decoder.select(initial, start);
    int[] tokens = filled(rows, startToken);
    List<List<Beam>> live = new ArrayList<>(batch);
    List<List<Hypothesis>> finished = new ArrayList<>(batch);
    for (int b = 0; b < batch; b++) {
      live.add(new ArrayList<>(List.of(new Beam(List.of(), 0)))); // one beam at first: the others would repeat it
      finished.add(new ArrayList<>());
    }
    boolean[] done = new boolean[batch];
    for (int t = 0; t < maxLength && !allTrue(done); t++) {
      StepDecoder.Step<S> step = decoder.step(tokens, state);
      double[] logProbs = logProbs(step, rows);
      int vocabulary = logProbs.length / rows;
      int[] keep = new int[rows];
      for (int b = 0; b < batch; b++) {
        for (int k = 0; k < beamSize; k++) {
          keep[b * beamSize + k] = b * beamSize; // rows of inputs that are done, and unused rows: any row of b
        }
        if (done[b]) {
          continue;
        }
        List<Beam> beams = live.get(b);
        List<Beam> next = new ArrayList<>(beamSize);
        List<Candidate> candidates = best(beams, logProbs, b * beamSize, vocabulary, 2 * beamSize);
        for (int rank = 0; rank < candidates.size(); rank++) {
          Candidate c = candidates.get(rank);
          List<Integer> seq = new ArrayList<>(beams.get(c.beam).tokens);
          seq.add(c.token);
          if (c.token == endToken) {
            if (rank < beamSize && finished.get(b).size() < beamSize) { // an ending only counts among the best
              finished.get(b).add(new Hypothesis(toArray(seq), c.score, true));
            }
          } else if (next.size() < beamSize) {
            keep[b * beamSize + next.size()] = b * beamSize + c.beam;
            tokens[b * beamSize + next.size()] = c.token;
            next.add(new Beam(seq, c.score));
          }
        }
        live.set(b, next);
        done[b] = next.isEmpty() || finished.get(b).size() >= beamSize
            || bestScore(finished.get(b)) >= next.get(0).score;
      }
      state = decoder.select(step.state(), keep);
    }
    List<Hypothesis> out = new ArrayList<>(batch);
    for (int b = 0; b < batch; b++) {
      List<Hypothesis> all = new ArrayList<>(finished.get(b));
      for (Beam beam : live.get(b)) {
        all.add(new Hypothesis(toArray(beam.tokens), beam.score, false));
      }
      Hypothesis best = all.get(0);
      for (Hypothesis h : all) {
        best = h.logProb() > best.logProb() ? h : best;
      }
      out.add(best);
    }
    return out;
  }

  /** The {@code count} best extensions of {@code beams}, best first; ties by beam, then token. */
  private static List<Candidate> best(List<Beam> beams, double[] logProbs, int firstRow, int vocabulary, int count) {
    List<Candidate> all = new ArrayList<>(beams.size() * vocabulary);
    for (int k = 0; k < beams.size(); k++) {
      for (int v = 0; v < vocabulary; v++) {
        all.add(new Candidate(k, v, beams.get(k).score + logProbs[(firstRow + k) * vocabulary + v]));
      }
    }
    // a stable sort keeps (beam, token) order among equal scores
    all.sort((x, y) -> Double.compare(y.score, x.score));
    return all.subList(0, Math.min(count, all.size()));
  }

  private static double bestScore(List<Hypothesis> hypotheses) {
    double best = Double.NEGATIVE_INFINITY;
    for (Hypothesis h : hypotheses) {
      best = Math.max(best, h.logProb());
    }
    return best;
  }

  private static <S> double[] logProbs(StepDecoder.Step<S> step, int rows) {
    var lp = step.logProbs();
    if (lp.rank() != 2 || lp.dim(0) != rows || lp.dim(1) < 1) {
      throw new IllegalStateException("SequenceSearch: the decoder's log-probabilities must be [rows, vocabulary] = ["
          + rows + ", vocabulary], got " + lp.shape());
    }
    return lp.toDoubleArray();
  }

  private static void checkBatch(int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("SequenceSearch: batch must be at least 1, got " + batch);
    }
  }

  private static int[] filled(int n, int value) {
    int[] a = new int[n];
    Arrays.fill(a, value);
    return a;
  }

  private static List<List<Integer>> emptyLists(int n) {
    List<List<Integer>> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new ArrayList<>());
    }
    return out;
  }

  private static boolean allTrue(boolean[] flags) {
    for (boolean f : flags) {
      if (!f) {
        return false;
      }
    }
    return true;
  }

  private static int[] toArray(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }
}
