package dev.eddy.nn.decode;

import dev.eddy.tensor.Tensor;

/**
 * A model that extends many token sequences by one token at a time, as {@link SequenceSearch} drives
 * it: greedy and beam-search decoding of a sequence-to-sequence model or a language model.
 *
 * <p>A state {@code S} holds whatever the model carries for a batch of rows (a recurrent state, the
 * previous attention output, the encoded source), one row per sequence being extended.
 *
 * @param <S> the state of a batch of rows
 */
public interface StepDecoder<S> {

  /**
   * What one step gives.
   *
   * @param logProbs log-probabilities of the next token, {@code [rows, vocabulary]}
   * @param state the state after the step, for the next one
   */
  record Step<S>(Tensor logProbs, S state) {}

  /**
   * Feeds each row its last token ({@code lastTokens[row]}, the start token at first) and gives the
   * log-probabilities of the next token and the new state.
   */
  Step<S> step(int[] lastTokens, S state);

  /**
   * The state of rows {@code rows} of {@code state}, in that order, repeats allowed: row {@code i} of
   * the result is row {@code rows[i]}. Beam search keeps and copies its hypotheses with it.
   */
  S select(S state, int[] rows);
}
