package dev.eddy.examples.charlm;

import dev.eddy.nn.Sampling;
import dev.eddy.nn.recurrent.RecurrentState;
import dev.eddy.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Writes text with a trained {@link CharLm}, one character at a time: the prime is read step by step,
 * then each next character is drawn from the model's prediction ({@link Sampling#draw} at the
 * temperature; never the unknown symbol) and fed back, the recurrent state carried from step to step.
 * No tape is open, so nothing is recorded; the model is put in eval mode (no dropout) for the call and
 * left in the mode it had.
 */
final class TextGenerator {
  private final CharLm model;
  private final Vocabulary vocabulary;

  TextGenerator(CharLm model, Vocabulary vocabulary) {
    if (model.config().classes() != vocabulary.size()) {
      throw new IllegalArgumentException("the model predicts " + model.config().classes() + " classes but the"
          + " vocabulary has " + vocabulary.size());
    }
    this.model = model;
    this.vocabulary = vocabulary;
  }

  /** What generation starts from when the prime is empty: a line break if the model knows one. */
  String defaultPrime() {
    return vocabulary.contains('\n') ? "\n" : vocabulary.symbol(1);
  }

  /**
   * The {@code length} characters that follow {@code prime} (empty: {@link #defaultPrime()}).
   *
   * @throws IllegalArgumentException naming the first character of the prime that the model does not know
   */
  String generate(String prime, int length, double temperature, RandomGenerator rng) {
    String start = prime.isEmpty() ? defaultPrime() : prime;
    int[] ids = start.codePoints().toArray();
    for (int i = 0; i < ids.length; i++) {
      if (!vocabulary.contains(ids[i])) {
        throw new IllegalArgumentException("the prime's character " + (i + 1) + ", " + Vocabulary.describe(ids[i])
            + ", is not in the model's vocabulary of " + (vocabulary.size() - 1) + " characters");
      }
    }
    boolean wasTraining = model.isTraining();
    model.eval();
    try {
      RecurrentState state = null;
      CharLm.Step step = null;
      for (int cp : ids) {
        step = model.step(vocabulary.id(cp), state);
        state = step.state();
      }
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < length; i++) {
        double[] logits = step.logits().toDoubleArray();
        logits[Vocabulary.UNKNOWN] = Double.NEGATIVE_INFINITY;
        int next = Sampling.draw(Tensor.of(logits, logits.length), temperature, rng);
        out.append(vocabulary.symbol(next));
        step = model.step(next, step.state());
      }
      return out.toString();
    } finally {
      model.train(wasTraining);
    }
  }
}
