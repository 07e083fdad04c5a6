package dev.eddy.examples.classify;

import dev.eddy.autograd.Var;
import dev.eddy.nn.Embedding;
import dev.eddy.nn.Linear;
import dev.eddy.nn.recurrent.GRU;
import dev.eddy.nn.recurrent.LSTM;
import dev.eddy.nn.recurrent.RNN;
import dev.eddy.nn.recurrent.RecurrentStack;

/**
 * Embedding, one recurrent layer run over each sequence's real length (the padded batch's lengths go
 * to the driver), and a linear head on the final hidden state: the forward state after the last real
 * symbol, and when bidirectional also the reverse state after reading back to the first.
 *
 * <p>Parameters: {@code embedding.weight [symbols, embed]}, {@code rnn.*} (PyTorch's names),
 * {@code head.weight [classes, directions * hidden]}, {@code head.bias [classes]}.
 */
public final class RecurrentClassifier extends SequenceClassifier {
  /** The recurrent layers to compare. */
  public enum Kind { RNN, LSTM, GRU }

  private final Embedding embedding;
  private final RecurrentStack rnn;
  private final Linear head;
  private final int features;

  public RecurrentClassifier(Kind kind, boolean bidirectional, int symbols, int embed, int hidden, int classes,
      long seed) {
    this.embedding = registerModule("embedding", new Embedding(symbols, embed, seed));
    this.rnn = registerModule("rnn", switch (kind) {
      case RNN -> RNN.builder(embed, hidden).bidirectional(bidirectional).batchFirst(true).seed(seed + 1).build();
      case LSTM -> LSTM.builder(embed, hidden).bidirectional(bidirectional).batchFirst(true).forgetBias(1)
          .seed(seed + 1).build();
      case GRU -> GRU.builder(embed, hidden).bidirectional(bidirectional).batchFirst(true).seed(seed + 1).build();
    });
    this.features = rnn.outputSize();
    this.head = registerModule("head", new Linear(features, classes, seed + 2));
  }

  @Override
  public Var logits(TemporalOrderTask.Batch batch) {
    Var x = embedding.forward(batch.ids()); // [batch, time, embed]
    Var hN = rnn.forward(x, null, batch.lengths()).hN(); // [directions, batch, hidden]
    return head.forward(hN.transpose(0, 1).reshape(batch.size(), features));
  }
}
