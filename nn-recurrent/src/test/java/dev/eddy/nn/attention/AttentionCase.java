package dev.eddy.nn.attention;

import dev.eddy.nn.Module;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * A random tiny attention problem: a module of one kind, a query, keys and values in F64, and a padding
 * mask; {@link #rng()} draws more numbers for the same case.
 */
record AttentionCase(Kind kind, int batch, int source, int querySize, int keySize, int valueSize, int[] lengths,
    long seed, Tensor query, Tensor keys, Tensor values) {

  /** Every built-in kind. */
  enum Kind {
    BAHDANAU, DOT, GENERAL, CONCAT
  }

  /** A case with sizes in [1, 3] (dot: equal query and key sizes) and lengths in [1, source]. */
  static AttentionCase random(Kind kind, int batch, int source, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int keySize = 1 + rng.nextInt(3);
    int querySize = kind == Kind.DOT ? keySize : 1 + rng.nextInt(3);
    int[] lengths = new int[batch];
    for (int b = 0; b < batch; b++) {
      lengths[b] = 1 + rng.nextInt(source);
    }
    int valueSize = 1 + rng.nextInt(3);
    return new AttentionCase(kind, batch, source, querySize, keySize, valueSize, lengths, rng.nextLong(),
        uniform(rng, batch, querySize), uniform(rng, batch, source, keySize), uniform(rng, batch, source, valueSize));
  }

  private static Tensor uniform(SplittableRandom rng, int... dims) {
    return Tensor.uniform(rng, DType.F64, -1.5, 1.5, dims);
  }

  /** A generator for further draws, fixed by the case. */
  SplittableRandom rng() {
    return new SplittableRandom(~seed);
  }

  /** The module, in {@code dtype}, initialised from the case's seed. */
  Attention build(DType dtype) {
    SplittableRandom rng = new SplittableRandom(seed);
    return switch (kind) {
      case BAHDANAU -> new BahdanauAttention(querySize, keySize, 2, dtype, rng);
      case DOT -> LuongAttention.builder(LuongAttention.Score.DOT, querySize, keySize).dtype(dtype).build();
      case GENERAL -> LuongAttention.builder(LuongAttention.Score.GENERAL, querySize, keySize).dtype(dtype).rng(rng)
          .build();
      case CONCAT -> LuongAttention.builder(LuongAttention.Score.CONCAT, querySize, keySize).attentionSize(2)
          .dtype(dtype).rng(rng).build();
    };
  }

  static Module module(Attention attention) {
    return (Module) attention;
  }

  Tensor mask() {
    return SourceMask.fromLengths(lengths, source);
  }
}
