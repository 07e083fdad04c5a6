package dev.eddy.examples.charlm;

import dev.eddy.autograd.NnOps;
import dev.eddy.autograd.Var;
import dev.eddy.nn.Embedding;
import dev.eddy.nn.Linear;
import dev.eddy.nn.Module;
import dev.eddy.nn.recurrent.GRU;
import dev.eddy.nn.recurrent.LSTM;
import dev.eddy.nn.recurrent.RNN;
import dev.eddy.nn.recurrent.RecurrentOutput;
import dev.eddy.nn.recurrent.RecurrentStack;
import dev.eddy.nn.recurrent.RecurrentState;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A character language model: {@code Embedding -> LSTM | GRU | RNN (layers) -> Linear}, predicting
 * each next character from those before it. Parameters {@code embedding.weight [classes, embedding]},
 * {@code rnn.*} (PyTorch's names: {@code rnn.weight_ih_l0}, ...), {@code decoder.weight [classes, hidden]},
 * {@code decoder.bias [classes]}: the names of PyTorch's {@code word_language_model} except
 * {@code encoder}, which is called {@code embedding} here.
 *
 * <p>Dropout (training mode only) applies to the embeddings and to the last layer's output, with masks
 * from a generator the caller passes, so a run can derive it from its seed and step and a resumed run
 * draws the same masks. Between stacked layers there is none. (A layer's own dropout would also resume
 * exactly: its generator's position is saved with the checkpoint, see Module#generatorStates.)
 */
final class CharLm extends Module {
  private final CharLmConfig config;
  private final Embedding embedding;
  private final RecurrentStack rnn;
  private final Linear decoder;

  /** A model of {@code config} with initial values drawn from {@code seed}. */
  CharLm(CharLmConfig config, long seed) {
    this.config = config;
    SplittableRandom rng = new SplittableRandom(seed);
    embedding = registerModule("embedding", new Embedding(config.classes(), config.embedding(), DType.F32, rng));
    rnn = registerModule("rnn", switch (config.cell()) {
      case LSTM -> LSTM.builder(config.embedding(), config.hidden()).numLayers(config.layers()).seed(rng.nextLong())
          .build();
      case GRU -> GRU.builder(config.embedding(), config.hidden()).numLayers(config.layers()).seed(rng.nextLong())
          .build();
      case RNN -> RNN.builder(config.embedding(), config.hidden()).numLayers(config.layers()).seed(rng.nextLong())
          .build();
    });
    decoder = registerModule("decoder", new Linear(config.hidden(), config.classes(), true, DType.F32, rng));
  }

  CharLmConfig config() {
    return config;
  }

  /** What a forward pass gives: the logits and the final state to carry into the next chunk. */
  record Output(Var logits, RecurrentState state) {}

  /**
   * Runs over {@code ids [time, batch]} (character ids as numbers, time-major) from {@code state}
   * (parts {@code [layers, batch, hidden]}; null: zeros).
   *
   * @param dropout draws the dropout masks in training mode (unused in eval mode or without dropout)
   * @return logits {@code [time * batch, classes]} (row {@code t * batch + b}) and the final state
   */
  Output forward(Tensor ids, RecurrentState state, RandomGenerator dropout) {
    boolean training = isTraining();
    Var x = NnOps.dropout(embedding.forward(ids), config.dropout(), training, dropout);
    RecurrentOutput out = rnn.forward(x, state);
    Var h = NnOps.dropout(out.output(), config.dropout(), training, dropout);
    return new Output(decoder.forward(h).reshape(ids.numel(), config.classes()), out.state());
  }

  /**
   * One step of generation, in eval mode with no tape open: the logits {@code [classes]} of the
   * character after {@code id}, and the next state.
   */
  Step step(int id, RecurrentState state) {
    RecurrentOutput out = rnn.step(embedding.forward(id), state);
    return new Step(decoder.forward(out.output()).value().reshape(config.classes()), out.state());
  }

  /** One generation step's result. */
  record Step(Tensor logits, RecurrentState state) {}
}
