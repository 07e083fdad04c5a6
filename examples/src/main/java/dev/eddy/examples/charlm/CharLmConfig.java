package dev.eddy.examples.charlm;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The shape of a character language model: what a checkpoint records so that {@code charlm sample}
 * can rebuild the model before loading its weights.
 *
 * @param cell the recurrent cell
 * @param layers stacked recurrent layers
 * @param hidden hidden units per layer
 * @param embedding size of each character's embedding vector
 * @param dropout dropout probability on the embeddings and on the last layer's output while training
 * @param classes vocabulary size including the unknown symbol: the number of logits per step
 */
record CharLmConfig(Cell cell, int layers, int hidden, int embedding, double dropout, int classes) {

  /** The recurrent cells a model can use. */
  enum Cell {
    LSTM, GRU, RNN;

    /** The cell named {@code lstm}, {@code gru} or {@code rnn} (any case). */
    static Cell parse(String name) {
      for (Cell c : values()) {
        if (c.name().equalsIgnoreCase(name)) {
          return c;
        }
      }
      throw new IllegalArgumentException("cell must be lstm, gru or rnn, got '" + name + "'");
    }

    String lowerCase() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  CharLmConfig {
    if (layers < 1 || hidden < 1 || embedding < 1 || classes < 2) {
      throw new IllegalArgumentException("charlm model: layers, hidden and embedding must be >= 1 and classes >= 2,"
          + " got " + layers + ", " + hidden + ", " + embedding + ", " + classes);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("charlm model: dropout must be in [0, 1), got " + dropout);
    }
  }

  /** As JSON values (a checkpoint's {@code charlm.model} entry). */
  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cell", cell.lowerCase());
    m.put("layers", layers);
    m.put("hidden", hidden);
    m.put("embedding", embedding);
    m.put("dropout", dropout);
    m.put("classes", classes);
    return m;
  }

  /** The inverse of {@link #toJson()}; a missing or mistyped entry is an {@link IllegalArgumentException}. */
  static CharLmConfig fromJson(Map<?, ?> m) {
    return new CharLmConfig(Cell.parse(JsonValues.string(m, "cell")), JsonValues.integer(m, "layers"),
        JsonValues.integer(m, "hidden"), JsonValues.integer(m, "embedding"), JsonValues.number(m, "dropout"),
        JsonValues.integer(m, "classes"));
  }

  /** E.g. {@code LSTM 2x256, embedding 64}. */
  String describe() {
    return String.format(Locale.ROOT, "%s %dx%d, embedding %d%s", cell, layers, hidden, embedding,
        dropout > 0 ? ", dropout " + dropout : "");
  }
}
