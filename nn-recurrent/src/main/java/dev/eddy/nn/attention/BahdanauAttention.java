package dev.eddy.nn.attention;

import dev.eddy.autograd.MatMulOps;
import dev.eddy.autograd.Var;
import dev.eddy.nn.Init;
import dev.eddy.nn.Module;
import dev.eddy.tensor.DType;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Additive attention (Bahdanau, Cho and Bengio 2015): {@code score(q, k) = v · tanh(W_q q + W_k k + b)}.
 *
 * <p>Parameters: {@code query_weight [A, querySize]}, {@code key_weight [A, keySize]}, {@code bias [A]}
 * and {@code v [A]}, with {@code A} the attention size. {@code W_k k + b} is computed once per source
 * ({@link #prepareKeys}), so a decoder step costs one {@code [batch, querySize] @ [querySize, A]}
 * product, a tanh over {@code [batch, source, A]} and one product with {@code v}. Each weight is drawn
 * from {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))} as PyTorch's {@code nn.Linear}, and the bias like
 * the key weight.
 *
 * <p>In Bahdanau's decoder the query is the previous decoder state and the context is part of the
 * next step's input; that arrangement is the decoder's business, not this module's.
 */
public final class BahdanauAttention extends Module implements Attention {
  private final int querySize;
  private final int keySize;
  private final int attentionSize;

  /** A float32 module initialised from {@code seed}. */
  public BahdanauAttention(int querySize, int keySize, int attentionSize, long seed) {
    this(querySize, keySize, attentionSize, DType.F32, new SplittableRandom(seed));
  }

  /** A module of {@code dtype} drawing its initial values from {@code rng}. */
  public BahdanauAttention(int querySize, int keySize, int attentionSize, DType dtype, RandomGenerator rng) {
    if (querySize < 1 || keySize < 1 || attentionSize < 1) {
      throw new IllegalArgumentException("BahdanauAttention: query, key and attention sizes must be positive, got "
          + querySize + ", " + keySize + " and " + attentionSize);
    }
    this.querySize = querySize;
    this.keySize = keySize;
    this.attentionSize = attentionSize;
    registerParameter("query_weight", Init.uniform(rng, dtype, 1 / Math.sqrt(querySize), attentionSize, querySize));
    registerParameter("key_weight", Init.uniform(rng, dtype, 1 / Math.sqrt(keySize), attentionSize, keySize));
    registerParameter("bias", Init.uniform(rng, dtype, 1 / Math.sqrt(keySize), attentionSize));
    registerParameter("v", Init.uniform(rng, dtype, 1 / Math.sqrt(attentionSize), attentionSize));
  }

  /** {@code W_k k + b}: {@code [batch, source, keySize] -> [batch, source, A]}. */
  @Override
  public Var prepareKeys(Var keys) {
    return MatMulOps.matmul(keys, false, parameter("key_weight"), true).add(parameter("bias"));
  }

  @Override
  public Var score(Var query, Var preparedKeys) {
    return AdditiveScore.score(MatMulOps.matmul(query, false, parameter("query_weight"), true), preparedKeys,
        parameter("v"));
  }

  @Override
  public int querySize() {
    return querySize;
  }

  @Override
  public int keySize() {
    return keySize;
  }

  /** The size {@code A} of the hidden layer of the score. */
  public int attentionSize() {
    return attentionSize;
  }
}
