package dev.eddy.examples.memory;

import dev.eddy.autograd.Losses;
import dev.eddy.autograd.Var;
import dev.eddy.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * The copy memory task (Hochreiter and Schmidhuber 1997, in the form of Arjovsky et al. 2016): ten
 * symbols drawn from an alphabet of eight, then {@code delay - 1} blanks, a delimiter, and ten more
 * blanks during which the model must output the ten symbols in order; before that it must output
 * blanks. The sequence is {@code delay + 20} steps long and the loss is the cross-entropy averaged
 * over all of them, as in Arjovsky et al.
 *
 * <p>Without memory the best answer is a blank until the delimiter and a uniform guess among the
 * eight symbols after it: {@code 10 · ln 8} over {@code delay + 20} steps, and 1/8 of the copied
 * symbols right.
 *
 * <p>Inputs {@code [delay + 20, batch, 10]}, one-hot: 0 blank, 1 to 8 the symbols, 9 the delimiter.
 * Targets {@code [(delay + 20) * batch]} class indices in {@code [0, 9)} (0 blank), time-major rows.
 */
record CopyTask(int delay) implements MemoryTask {
  static final int COPIED = 10;
  static final int SYMBOLS = 8;
  static final int BLANK = 0;
  static final int DELIMITER = SYMBOLS + 1;

  CopyTask {
    if (delay < 1) {
      throw new IllegalArgumentException("copy memory: T must be at least 1, got " + delay);
    }
  }

  @Override
  public String name() {
    return "copy";
  }

  @Override
  public String lossName() {
    return "cross-entropy";
  }

  @Override
  public int length() {
    return delay + 2 * COPIED;
  }

  /** Where the copied symbols are due: the last {@link #COPIED} steps. */
  int recallStart() {
    return delay + COPIED;
  }

  @Override
  public int inputSize() {
    return SYMBOLS + 2;
  }

  @Override
  public int outputSize() {
    return SYMBOLS + 1;
  }

  @Override
  public Batch sample(RandomGenerator rng, int batch) {
    int time = length();
    float[] x = new float[time * batch * inputSize()];
    float[] y = new float[time * batch];
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < time; t++) {
        int symbol = BLANK;
        if (t < COPIED) {
          symbol = 1 + rng.nextInt(SYMBOLS);
          y[((recallStart() + t) * batch + b)] = symbol;
        } else if (t == recallStart() - 1) {
          symbol = DELIMITER;
        }
        x[(t * batch + b) * inputSize() + symbol] = 1;
      }
    }
    return new Batch(Tensor.wrap(x, time, batch, inputSize()), Tensor.wrap(y, time * batch));
  }

  @Override
  public Var loss(MemoryModel model, Batch batch) {
    return Losses.crossEntropy(model.everyStep(Var.constant(batch.inputs())), batch.targets());
  }

  @Override
  public Score score(MemoryModel model, Batch batch) {
    Var logits = model.everyStep(Var.constant(batch.inputs()));
    double loss = Losses.crossEntropy(logits, batch.targets()).item();
    int rows = COPIED * batch.size();
    int from = recallStart() * batch.size();
    int[] predicted = logits.value().narrow(0, from, rows).argmax(1, false).toIntArray();
    int[] wanted = batch.targets().narrow(0, from, rows).toIntArray();
    int right = 0;
    for (int i = 0; i < rows; i++) {
      right += predicted[i] == wanted[i] ? 1 : 0;
    }
    return new Score(loss, right / (double) rows);
  }

  @Override
  public double baseline() {
    return COPIED * Math.log(SYMBOLS) / length();
  }

  @Override
  public String baselineMeaning() {
    return "blanks, then a uniform guess among " + SYMBOLS + " symbols";
  }

  @Override
  public double baselineAccuracy() {
    return 1.0 / SYMBOLS;
  }

  @Override
  public double goal() {
    return Double.NaN;
  }
}
