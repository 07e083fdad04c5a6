package dev.eddy.examples.classify;

import dev.eddy.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The temporal order task (Hochreiter and Schmidhuber 1997, experiments 6a and 6b, here with random
 * lengths and positions): a sequence of distractor symbols {@code a b c d} holds {@code markers}
 * marker symbols, each {@code X} or {@code Y}, at random positions; the class is the markers in order
 * of appearance. With two markers there are four classes:
 *
 * <pre>
 *   c a d X b b a c d Y a d      ->  X..Y
 *   c a d Y b b a c d X a d      ->  Y..X
 * </pre>
 *
 * <p>Order matters: those two sequences hold the same symbols, so a model that sees only which
 * symbols occur and how often (a bag of symbols) cannot tell them apart. With k markers it knows how
 * many are X, but not in which of the {@code C(k, j)} orders they came, so it reaches at most
 * {@code (k + 1) / 2^k} accuracy ({@link #orderBlindCeiling()}: 75% for two markers, 50% for
 * three), against {@code 1 / 2^k} for chance.
 */
public final class TemporalOrderTask {
  /** Symbol names by id: distractors 0-3, markers 4 (X) and 5 (Y). */
  public static final List<String> SYMBOLS = List.of("a", "b", "c", "d", "X", "Y");

  private static final int X = 4;
  private static final int DISTRACTORS = 4;

  private final int markers;
  private final int minLength;
  private final int maxLength;

  /**
   * One sequence and its class.
   *
   * @param symbols symbol ids, {@code [length]}
   * @param label the markers in order as bits, first marker most significant, 0 for X and 1 for Y
   */
  public record Example(int[] symbols, int label) {}

  /**
   * @param markers markers per sequence, 1 to 8
   * @param minLength the shortest sequence, at least {@code markers}
   * @param maxLength the longest sequence, at least {@code minLength}
   */
  public TemporalOrderTask(int markers, int minLength, int maxLength) {
    if (markers < 1 || markers > 8 || minLength < markers || maxLength < minLength) {
      throw new IllegalArgumentException("temporal order task: need 1 <= markers <= 8 and markers <= min length <="
          + " max length, got " + markers + " markers and lengths " + minLength + " to " + maxLength);
    }
    this.markers = markers;
    this.minLength = minLength;
    this.maxLength = maxLength;
  }

  /** {@code count} examples, lengths uniform in {@code [minLength, maxLength]}, classes uniform. */
  public List<Example> generate(int count, SplittableRandom rng) {
    List<Example> examples = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int length = rng.nextInt(minLength, maxLength + 1);
      int[] symbols = new int[length];
      for (int t = 0; t < length; t++) {
        symbols[t] = rng.nextInt(DISTRACTORS);
      }
      int label = rng.nextInt(classes());
      int[] positions = distinctPositions(length, rng);
      for (int m = 0; m < markers; m++) {
        symbols[positions[m]] = X + (label >> (markers - 1 - m) & 1);
      }
      examples.add(new Example(symbols, label));
    }
    return examples;
  }

  /** {@code markers} distinct positions in {@code [0, length)}, uniform, in increasing order. */
  private int[] distinctPositions(int length, SplittableRandom rng) {
    int[] all = new int[length];
    Arrays.setAll(all, i -> i);
    for (int m = 0; m < markers; m++) { // the first steps of a Fisher–Yates shuffle
      int j = rng.nextInt(m, length);
      int t = all[m];
      all[m] = all[j];
      all[j] = t;
    }
    int[] chosen = Arrays.copyOf(all, markers);
    Arrays.sort(chosen);
    return chosen;
  }

  public int markers() {
    return markers;
  }

  /** {@code 2^markers}. */
  public int classes() {
    return 1 << markers;
  }

  /** The markers of class {@code label} in order, e.g. {@code X..Y..X}. */
  public String className(int label) {
    StringBuilder s = new StringBuilder();
    for (int m = 0; m < markers; m++) {
      s.append(m == 0 ? "" : "..").append((label >> (markers - 1 - m) & 1) == 0 ? 'X' : 'Y');
    }
    return s.toString();
  }

  /** The accuracy of guessing: {@code 1 / 2^markers}. */
  public double chance() {
    return 1.0 / classes();
  }

  /**
   * The best accuracy of a model blind to order, {@code (markers + 1) / 2^markers}: it can count the
   * X markers (j of them, probability {@code C(k, j) / 2^k}) and must then guess among their
   * {@code C(k, j)} equally likely orders.
   */
  public double orderBlindCeiling() {
    return (markers + 1.0) / classes();
  }

  /**
   * A padded batch of examples.
   *
   * @param ids {@code [batch, time]} symbol ids, time the longest length, padding with id 0 (past a
   *     sequence's length, the recurrent driver ignores it)
   * @param lengths real length of each sequence
   * @param labels class of each sequence
   */
  public record Batch(Tensor ids, int[] lengths, int[] labels) {
    public int size() {
      return lengths.length;
    }
  }

  /** The examples at {@code rows}, padded to the longest. */
  public static Batch batch(List<Example> examples, int[] rows) {
    int time = 0;
    for (int r : rows) {
      time = Math.max(time, examples.get(r).symbols().length);
    }
    double[] ids = new double[rows.length * time];
    int[] lengths = new int[rows.length];
    int[] labels = new int[rows.length];
    for (int b = 0; b < rows.length; b++) {
      Example e = examples.get(rows[b]);
      for (int t = 0; t < e.symbols().length; t++) {
        ids[b * time + t] = e.symbols()[t];
      }
      lengths[b] = e.symbols().length;
      labels[b] = e.label();
    }
    return new Batch(Tensor.of(ids, rows.length, time), lengths, labels);
  }
}
