package dev.eddy.nn.attention;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.Tensor;

/**
 * Attention of one query per sequence over a source sequence: scores for every source position,
 * a softmax over the real (unmasked) positions, and the weighted sum of the values.
 *
 * <pre>{@code
 * Attention attention = new BahdanauAttention(decoderSize, encoderSize, 64, seed);
 * AttentionMemory memory = attention.memory(encoded, encoded, SourceMask.fromLengths(lengths, time));
 * for (...) {                                            // every decoder step
 *   AttentionOutput a = memory.attend(state.output());   // context [batch, Hv], weights [batch, time]
 * }
 * }</pre>
 *
 * <p><b>Shapes.</b> Batch-first throughout: a query is {@code [batch, querySize]}, keys
 * {@code [batch, source, keySize]}, values {@code [batch, source, valueSize]} (usually the same
 * tensor as the keys: the encoder's outputs), the mask {@code [batch, source]} (nonzero = a real
 * position, zero = padding). The result is a context {@code [batch, valueSize]} and the weights
 * {@code [batch, source]}, which are exactly zero on padding and sum to one over each row's real
 * positions. A recurrent encoder's time-major output {@code [time, batch, H]} becomes keys with
 * {@code transpose(0, 1)} (or build it batch-first).
 *
 * <p><b>Implementing a kind.</b> A kind of attention says only how it scores: {@link #score} of a
 * query against keys, after an optional {@link #prepareKeys} of the part that depends on the keys
 * alone (a projection), which {@link AttentionMemory} runs once per source rather than once per
 * decoder step. Masking, the softmax and the weighted sum are {@link AttentionMemory}'s, the same for
 * every kind. The built-in kinds are {@link BahdanauAttention} (additive) and {@link LuongAttention}
 * (dot, general, concat); they are {@link dev.eddy.nn.Module}s whose parameters train like any other.
 */
public interface Attention {

  /** The features of a query, {@code [batch, querySize]}. */
  int querySize();

  /** The features of a key, {@code [batch, source, keySize]}. */
  int keySize();

  /**
   * The part of the scoring that depends on the keys only: {@code [batch, source, keySize] ->
   * [batch, source, any]}, computed once per source sequence. Default: the keys themselves.
   */
  default Var prepareKeys(Var keys) {
    return keys;
  }

  /**
   * Unnormalised scores of {@code query [batch, querySize]} against every source position:
   * {@code preparedKeys} (what {@link #prepareKeys} returned) gives {@code [batch, source]}. Padding is
   * masked afterwards, so a score may be anything there.
   */
  Var score(Var query, Var preparedKeys);

  /**
   * The source side for many queries: prepares the keys once and checks shapes and the mask (see
   * {@link AttentionMemory#of}).
   *
   * @param keys {@code [batch, source, keySize]}
   * @param values {@code [batch, source, valueSize]}
   * @param mask {@code [batch, source]}, nonzero for real positions; null when every position is real
   */
  default AttentionMemory memory(Var keys, Var values, Tensor mask) {
    return AttentionMemory.of(this, keys, values, mask);
  }

  /** One query against a source: {@code memory(keys, values, mask).attend(query)}. */
  default AttentionOutput attend(Var query, Var keys, Var values, Tensor mask) {
    return memory(keys, values, mask).attend(query);
  }
}
