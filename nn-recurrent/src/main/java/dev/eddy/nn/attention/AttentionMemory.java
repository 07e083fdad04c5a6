package dev.eddy.nn.attention;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.Shape;
import dev.eddy.tensor.Tensor;
import java.util.Objects;

/**
 * A source sequence ready to be attended to by many queries (one per decoder step): the keys as
 * {@link Attention#prepareKeys} left them, the values and the mask, checked once.
 *
 * <p>{@link #attend} scores a query, takes the softmax over the real positions only (padding gets
 * exactly zero weight, and its keys and values do not change the result) and returns the weighted
 * sum of the values, one batched matrix product {@code [batch, 1, source] @ [batch, source, Hv]}.
 * {@link #indexSelect} repeats or reorders the sequences, as beam search does with its hypotheses.
 *
 * <p>Immutable; it holds Vars of the tape that was open when it was made, so make it inside the
 * tape of the step that uses it.
 */
public final class AttentionMemory {
  private final Attention attention;
  private final Var preparedKeys;
  private final Var values;
  private final Tensor mask;

  private AttentionMemory(Attention attention, Var preparedKeys, Var values, Tensor mask) {
    this.attention = attention;
    this.preparedKeys = preparedKeys;
    this.values = values;
    this.mask = mask;
  }

  /**
   * Checks the source and prepares its keys.
   *
   * @param keys {@code [batch, source, keySize]}
   * @param values {@code [batch, source, valueSize]}, same dtype
   * @param mask {@code [batch, source]}, nonzero for real positions, at least one per row; null when
   *     every position is real
   * @throws IllegalArgumentException on a shape or dtype that does not fit, or a row of the mask with
   *     no real position
   */
  public static AttentionMemory of(Attention attention, Var keys, Var values, Tensor mask) {
    Objects.requireNonNull(attention, "AttentionMemory: attention is null");
    String what = name(attention);
    Objects.requireNonNull(keys, what + ": keys are null");
    Objects.requireNonNull(values, what + ": values are null");
    if (keys.rank() != 3 || keys.dim(2) != attention.keySize()) {
      throw new IllegalArgumentException(what + ": keys must be [batch, source, " + attention.keySize() + "], got "
          + keys.shape());
    }
    int batch = keys.dim(0);
    int source = keys.dim(1);
    if (values.rank() != 3 || values.dim(0) != batch || values.dim(1) != source) {
      throw new IllegalArgumentException(what + ": values must be [batch, source, valueSize] = [" + batch + ", "
          + source + ", valueSize] like the keys " + keys.shape() + ", got " + values.shape());
    }
    if (values.dtype() != keys.dtype()) {
      throw new IllegalArgumentException(what + ": keys are " + keys.dtype() + " but values are " + values.dtype());
    }
    if (source == 0) {
      throw new IllegalArgumentException(what + ": the source " + keys.shape() + " has no position to attend to");
    }
    if (mask != null) {
      checkMask(what, mask, batch, source);
    }
    Var prepared = attention.prepareKeys(keys);
    if (prepared.rank() != 3 || prepared.dim(0) != batch || prepared.dim(1) != source) {
      throw new IllegalStateException(what + ".prepareKeys returned " + prepared.shape() + " for keys " + keys.shape()
          + "; expected [" + batch + ", " + source + ", any]");
    }
    return new AttentionMemory(attention, prepared, values, mask);
  }

  private static void checkMask(String what, Tensor mask, int batch, int source) {
    if (!mask.shape().equals(Shape.of(batch, source))) {
      throw new IllegalArgumentException(what + ": the mask must be [batch, source] = [" + batch + ", " + source
          + "], got " + mask.shape());
    }
    double[] m = mask.toDoubleArray();
    for (int b = 0; b < batch; b++) {
      boolean any = false;
      for (int s = 0; s < source && !any; s++) {
        any = m[b * source + s] != 0;
      }
      if (!any) {
        throw new IllegalArgumentException(what + ": row " + b + " of the mask " + mask.shape()
            + " has no real position; every query needs at least one position to attend to");
      }
    }
  }

  /**
   * Attends with one query per sequence.
   *
   * @param query {@code [batch, querySize]}
   * @return context {@code [batch, valueSize]} and weights {@code [batch, source]}
   */
  public AttentionOutput attend(Var query) {
    String what = name(attention);
    int batch = batch();
    if (query.rank() != 2 || query.dim(0) != batch || query.dim(1) != attention.querySize()) {
      throw new IllegalArgumentException(what + ": the query must be [batch, querySize] = [" + batch + ", "
          + attention.querySize() + "], got " + query.shape());
    }
    if (query.dtype() != values.dtype()) {
      throw new IllegalArgumentException(what + ": the query is " + query.dtype() + " but the source is "
          + values.dtype());
    }
    Var scores = attention.score(query, preparedKeys);
    if (!scores.shape().equals(Shape.of(batch, sourceLength()))) {
      throw new IllegalStateException(what + ".score returned " + scores.shape() + "; expected [batch, source] = ["
          + batch + ", " + sourceLength() + "]");
    }
    Var weights = MaskedSoftmax.apply(scores, mask);
    Var context = weights.unsqueeze(1).matmul(values).squeeze(1);
    return new AttentionOutput(context, weights);
  }

  /**
   * The memory of sequences {@code rows} of this one, in that order, repeats allowed: row {@code i}
   * of the result is row {@code rows[i]} here. Gradients flow back to the rows chosen.
   */
  public AttentionMemory indexSelect(int[] rows) {
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] < 0 || rows[i] >= batch()) {
        throw new IndexOutOfBoundsException(name(attention) + ": row " + rows[i] + " (at " + i + ") of a memory of "
            + batch() + " sequences");
      }
    }
    return new AttentionMemory(attention, preparedKeys.indexSelect(0, rows), values.indexSelect(0, rows),
        mask == null ? null : mask.indexSelect(0, rows));
  }

  /** The number of sequences. */
  public int batch() {
    return values.dim(0);
  }

  /** The number of source positions, padding included. */
  public int sourceLength() {
    return values.dim(1);
  }

  /** The features of a value, and so of a context. */
  public int valueSize() {
    return values.dim(2);
  }

  /** The mask {@code [batch, source]}, or null when every position is real. */
  public Tensor mask() {
    return mask;
  }

  private static String name(Attention attention) {
    return attention.getClass().getSimpleName();
  }
}
