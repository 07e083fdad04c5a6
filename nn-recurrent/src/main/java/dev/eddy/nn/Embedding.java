package dev.eddy.nn;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A lookup table of {@code count} vectors of {@code dim} numbers: token ids {@code [batch, time]}
 * give vectors {@code [batch, time, dim]}. Parameter {@code weight [count, dim]}, initialised
 * {@code N(0, 1)} as in PyTorch; a row looked up several times gets the sum of their gradients.
 */
public final class Embedding extends Module {
  private final int count;
  private final int dim;

  /** A float32 table initialised from {@code seed}. */
  public Embedding(int count, int dim, long seed) {
    this(count, dim, DType.F32, new SplittableRandom(seed));
  }

  public Embedding(int count, int dim, DType dtype, RandomGenerator rng) {
    if (count < 1 || dim < 1) {
      throw new IllegalArgumentException("Embedding: count and dim must be positive, got " + count + " and " + dim);
    }
    this.count = count;
    this.dim = dim;
    registerParameter("weight", Init.normal(rng, dtype, 1, count, dim));
  }

  /** {@code ids} of any shape (integral values in {@code [0, count)}) -> {@code [...ids, dim]}. */
  public Var forward(Tensor ids) {
    double[] v = ids.toDoubleArray();
    for (int i = 0; i < v.length; i++) {
      if (v[i] != Math.rint(v[i]) || v[i] < 0 || v[i] >= count) {
        throw new IllegalArgumentException("Embedding: id " + v[i] + " at flat position " + i + " of ids "
            + ids.shape() + " is not an integer in [0, " + count + ")");
      }
    }
    return parameter("weight").indexSelect(0, ids);
  }

  /** {@link #forward(Tensor)} of a plain id array {@code [n] -> [n, dim]}. */
  public Var forward(int... ids) {
    double[] v = new double[ids.length];
    for (int i = 0; i < ids.length; i++) {
      v[i] = ids[i];
    }
    return forward(Tensor.of(v, ids.length));
  }

  public int count() {
    return count;
  }

  public int dim() {
    return dim;
  }
}
