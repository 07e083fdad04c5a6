package dev.eddy.examples.charlm;

import dev.eddy.tensor.Tensor;

/**
 * A text cut into {@code streams} equal contiguous parts read side by side, the classic char-rnn /
 * PyTorch {@code word_language_model} "batchify": stream b is characters {@code [b*L, (b+1)*L)} of
 * the text (the few characters that do not fill the last stream are dropped). A chunk at position p
 * of T steps feeds characters {@code p .. p+T-1} of every stream and asks for {@code p+1 .. p+T}, so
 * consecutive chunks continue each stream where the previous one stopped, and the recurrent state
 * carried from one chunk to the next has read exactly the text before it.
 */
final class TextStreams {
  private final int[] ids;
  private final int streams;
  private final int length;

  /**
   * @throws IllegalArgumentException if the text gives each stream fewer than 2 characters (one
   *     input and its target)
   */
  TextStreams(int[] ids, int streams) {
    if (streams < 1 || ids.length / streams < 2) {
      throw new IllegalArgumentException(ids.length + " characters cannot feed " + streams
          + " streams: each needs at least 2");
    }
    this.ids = ids;
    this.streams = streams;
    this.length = ids.length / streams;
  }

  /** The number of parallel streams (the batch size). */
  int streams() {
    return streams;
  }

  /** Characters per stream. */
  int length() {
    return length;
  }

  /** Positions a chunk may start at: {@code 0 .. length - 2} (a chunk needs one target after its input). */
  int positions() {
    return length - 1;
  }

  /** Inputs and targets of one chunk. */
  record Chunk(int position, int steps, Tensor inputs, int[] targets) {
    /** Characters predicted by this chunk: steps times streams. */
    int characters() {
      return targets.length;
    }
  }

  /**
   * The chunk at {@code position} ({@code 0 <= position < positions()}) of
   * {@code min(maxSteps, positions() - position)} steps: inputs {@code [steps, streams]} (ids as
   * numbers, time-major) and targets in the same order ({@code [steps * streams]}, row t*streams + b).
   */
  Chunk chunk(int position, int maxSteps) {
    if (position < 0 || position >= positions()) {
      throw new IllegalArgumentException("chunk: position must be in [0, " + positions() + "), got " + position);
    }
    int steps = Math.min(maxSteps, positions() - position);
    float[] inputs = new float[steps * streams];
    int[] targets = new int[steps * streams];
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < streams; b++) {
        int at = b * length + position + t;
        inputs[t * streams + b] = ids[at];
        targets[t * streams + b] = ids[at + 1];
      }
    }
    return new Chunk(position, steps, Tensor.wrap(inputs, steps, streams), targets);
  }
}
