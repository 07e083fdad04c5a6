package dev.eddy.nn.recurrent;

import dev.eddy.autograd.Var;

/**
 * What a recurrent layer ({@link RecurrentStack}, {@link Bidirectional}, {@link RNN}, {@link LSTM},
 * {@link GRU}) returns, in PyTorch's shapes.
 *
 * @param output the last layer's output at every step, {@code [time, batch, D * Hout]} ({@code D = 2}
 *     when bidirectional with {@link Merge#CONCAT}; {@code [batch, time, ...]} batch-first), zero past
 *     each sequence's length
 * @param state the final state of every layer and direction, parts {@code [layers * D, batch, size]},
 *     index {@code layer * D + direction}: feed it (or its {@link RecurrentState#detach()}) back as the
 *     initial state of the next chunk
 */
public record RecurrentOutput(Var output, RecurrentState state) {

  /** Part 0 of the final state, PyTorch's {@code h_n}: {@code [layers * D, batch, Hout]}. */
  public Var hN() {
    return state.part(0);
  }

  /** Part 1 of the final state, the LSTM's {@code c_n}: {@code [layers * D, batch, H]}. */
  public Var cN() {
    if (state.size() < 2) {
      throw new IllegalStateException("cN: this layer's state has " + state.size() + " part(s); only an LSTM-like"
          + " cell has a second part c");
    }
    return state.part(1);
  }
}
