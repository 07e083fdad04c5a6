package dev.eddy.nn.attention;

import dev.eddy.autograd.MatMulOps;
import dev.eddy.autograd.Var;
import dev.eddy.nn.Init;
import dev.eddy.nn.Module;
import dev.eddy.tensor.DType;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Multiplicative and concat attention (Luong, Pham and Manning 2015), with one of three scores:
 *
 * <ul>
 *   <li>{@link Score#DOT}: {@code q · k}; no parameters; the query and key sizes must be equal.
 *   <li>{@link Score#GENERAL}: {@code q · W k}, {@code weight [querySize, keySize]}; {@code W k} is
 *       computed once per source.
 *   <li>{@link Score#CONCAT}: {@code v · tanh(W [q; k])}, {@code weight [A, querySize + keySize]} and
 *       {@code v [A]}; the key half of {@code W} is applied once per source, so this is the additive
 *       score of {@link BahdanauAttention} with one joint weight and no bias.
 * </ul>
 *
 * <pre>{@code
 * LuongAttention attention = LuongAttention.builder(LuongAttention.Score.GENERAL, 128, 128).seed(3).build();
 * }</pre>
 *
 * <p>Weights are drawn from {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))} as PyTorch's {@code nn.Linear}.
 * In Luong's decoder the query is the current decoder state and the context is combined with it
 * after the step; that arrangement is the decoder's business, not this module's.
 */
public final class LuongAttention extends Module implements Attention {

  /** How a query and a key are scored. */
  public enum Score {
    DOT, GENERAL, CONCAT
  }

  private final Score kind;
  private final int querySize;
  private final int keySize;

  private LuongAttention(Builder b) {
    this.kind = b.kind;
    this.querySize = b.querySize;
    this.keySize = b.keySize;
    RandomGenerator rng = b.rng != null ? b.rng : new SplittableRandom(b.seed);
    switch (kind) {
      case DOT -> { }
      case GENERAL ->
          registerParameter("weight", Init.uniform(rng, b.dtype, 1 / Math.sqrt(keySize), querySize, keySize));
      case CONCAT -> {
        registerParameter("weight", Init.uniform(rng, b.dtype, 1 / Math.sqrt(querySize + keySize), b.attentionSize,
            querySize + keySize));
        registerParameter("v", Init.uniform(rng, b.dtype, 1 / Math.sqrt(b.attentionSize), b.attentionSize));
      }
    }
  }

  /** A builder of attention scored by {@code kind}, for queries and keys of the given sizes. */
  public static Builder builder(Score kind, int querySize, int keySize) {
    return new Builder(kind, querySize, keySize);
  }

  /** Options of {@link LuongAttention}; defaults: attention size = key size (concat only), float32, seed 0. */
  public static final class Builder {
    private final Score kind;
    private final int querySize;
    private final int keySize;
    private int attentionSize;
    private DType dtype = DType.F32;
    private long seed;
    private RandomGenerator rng;

    private Builder(Score kind, int querySize, int keySize) {
      this.kind = Objects.requireNonNull(kind, "LuongAttention: score kind is null");
      if (querySize < 1 || keySize < 1) {
        throw new IllegalArgumentException("LuongAttention: query and key sizes must be positive, got " + querySize
            + " and " + keySize);
      }
      if (kind == Score.DOT && querySize != keySize) {
        throw new IllegalArgumentException("LuongAttention: the dot score needs equal query and key sizes, got "
            + querySize + " and " + keySize + "; use GENERAL to score across sizes");
      }
      this.querySize = querySize;
      this.keySize = keySize;
      this.attentionSize = keySize;
    }

    /** The size {@code A} of the concat score's hidden layer (default: the key size); concat only. */
    public Builder attentionSize(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("LuongAttention: attention size must be positive, got " + value);
      }
      this.attentionSize = value;
      return this;
    }

    /** The dtype of the parameters (default F32). */
    public Builder dtype(DType value) {
      this.dtype = Objects.requireNonNull(value, "dtype");
      return this;
    }

    /** Seeds the initial values (default 0). */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** Draws the initial values from {@code generator}, which then takes the place of the seed. */
    public Builder rng(RandomGenerator generator) {
      this.rng = Objects.requireNonNull(generator, "rng");
      return this;
    }

    public LuongAttention build() {
      return new LuongAttention(this);
    }
  }

  /**
   * DOT: the keys; GENERAL: {@code W k}, {@code [batch, source, querySize]}; CONCAT: the key half of
   * {@code W} applied, {@code [batch, source, A]}.
   */
  @Override
  public Var prepareKeys(Var keys) {
    return switch (kind) {
      case DOT -> keys;
      case GENERAL -> MatMulOps.matmul(keys, false, parameter("weight"), true);
      case CONCAT -> MatMulOps.matmul(keys, false, parameter("weight").narrow(1, querySize, keySize), true);
    };
  }

  @Override
  public Var score(Var query, Var preparedKeys) {
    if (kind == Score.CONCAT) {
      Var projectedQuery = MatMulOps.matmul(query, false, parameter("weight").narrow(1, 0, querySize), true);
      return AdditiveScore.score(projectedQuery, preparedKeys, parameter("v"));
    }
    // [batch, 1, querySize] @ [batch, source, querySize]^T: one dot product per position
    return MatMulOps.matmul(query.unsqueeze(1), false, preparedKeys, true).squeeze(1);
  }

  /** The score this module uses. */
  public Score kind() {
    return kind;
  }

  @Override
  public int querySize() {
    return querySize;
  }

  @Override
  public int keySize() {
    return keySize;
  }
}
