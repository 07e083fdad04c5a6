package dev.eddy.examples.seq2seq;

import java.util.Locale;

/**
 * The settings of a seq2seq run.
 *
 * @param attention how the decoder attends (and which decoder arrangement it uses)
 * @param lstm LSTM encoder and decoder instead of GRU
 * @param hidden encoder units per direction; the decoder has twice as many
 * @param embedding size of the character embeddings
 * @param steps training steps (batches)
 * @param batch examples per step
 * @param lr Adam's learning rate, annealed to a tenth of it by the last step
 * @param beam beam width of the beam-search evaluation
 * @param test held-out examples evaluated
 * @param seed seeds the data split, the initial weights and the batches
 */
record Seq2SeqSettings(AttentionKind attention, boolean lstm, int hidden, int embedding, int steps, int batch,
    double lr, int beam, int test, long seed) {

  /** The attention kinds, by their command-line names. */
  enum AttentionKind {
    BAHDANAU, DOT, GENERAL, CONCAT;

    /** The kind called {@code name} (any case), or null. */
    static AttentionKind parse(String name) {
      for (AttentionKind k : values()) {
        if (k.label().equals(name.toLowerCase(Locale.ROOT))) {
          return k;
        }
      }
      return null;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
