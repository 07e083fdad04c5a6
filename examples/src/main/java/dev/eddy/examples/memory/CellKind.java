package dev.eddy.examples.memory;

import dev.eddy.nn.recurrent.RecurrentStack;

/** The recurrent layers the memory tasks compare, by their {@code --cell} names. */
enum CellKind {
  LSTM("lstm", "LSTM"),
  GRU("gru", "GRU"),
  RNN("rnn", "tanh RNN");

  final String option;
  final String label;

  CellKind(String option, String label) {
    this.option = option;
    this.label = label;
  }

  /**
   * A one-layer, time-major layer of {@code hidden} units over {@code inputSize} features with
   * PyTorch's initialisation; with {@code chronoTimeScale > 0} the gated cells' keep-gate biases are
   * chrono-initialised for dependencies up to that many steps (the tanh RNN has no gates).
   */
  RecurrentStack build(int inputSize, int hidden, double chronoTimeScale, long seed) {
    boolean chrono = chronoTimeScale > 0;
    return switch (this) {
      case LSTM -> {
        var b = dev.eddy.nn.recurrent.LSTM.builder(inputSize, hidden).seed(seed);
        yield (chrono ? b.chronoInit(chronoTimeScale) : b).build();
      }
      case GRU -> {
        var b = dev.eddy.nn.recurrent.GRU.builder(inputSize, hidden).seed(seed);
        yield (chrono ? b.chronoInit(chronoTimeScale) : b).build();
      }
      case RNN -> dev.eddy.nn.recurrent.RNN.builder(inputSize, hidden).seed(seed).build();
    };
  }
}
