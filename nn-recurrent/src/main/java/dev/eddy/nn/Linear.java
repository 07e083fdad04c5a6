package dev.eddy.nn;

import dev.eddy.autograd.MatMulOps;
import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * {@code y = x Wᵀ + b}: an affine map of the last axis, {@code [..., in] -> [..., out]} (a
 * {@code [batch, time, in]} sequence is projected at every step by one matrix product).
 *
 * <p>Parameters (PyTorch names and layout): {@code weight [out, in]}, {@code bias [out]} (unless
 * built without bias). Initialised as PyTorch does: weight kaiming-uniform with {@code a = sqrt(5)},
 * i.e. {@code U(-1/sqrt(in), 1/sqrt(in))}, and bias {@code U(-1/sqrt(in), 1/sqrt(in))}.
 */
public final class Linear extends Module {
  private final int inFeatures;
  private final int outFeatures;
  private final boolean bias;

  /** A float32 layer with bias, initialised from {@code seed}. */
  public Linear(int inFeatures, int outFeatures, long seed) {
    this(inFeatures, outFeatures, true, DType.F32, new SplittableRandom(seed));
  }

  /** A layer of the given dtype, with or without bias, drawing its initial values from {@code rng}. */
  public Linear(int inFeatures, int outFeatures, boolean bias, DType dtype, RandomGenerator rng) {
    if (inFeatures < 1 || outFeatures < 1) {
      throw new IllegalArgumentException("Linear: in and out features must be positive, got " + inFeatures + " and "
          + outFeatures);
    }
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.bias = bias;
    registerParameter("weight", Init.kaimingUniform(rng, dtype, Math.sqrt(5), outFeatures, inFeatures));
    if (bias) {
      registerParameter("bias", Init.uniform(rng, dtype, 1 / Math.sqrt(inFeatures), outFeatures));
    }
  }

  /** {@code x [..., in] -> [..., out]}. */
  public Var forward(Var x) {
    if (x.rank() < 1 || x.dim(-1) != inFeatures) {
      throw new IllegalArgumentException("Linear: input must be [..., " + inFeatures + "], got " + x.shape());
    }
    checkInputDtype(x);
    if (x.rank() == 1) {
      return forward(x.unsqueeze(0)).squeeze(0);
    }
    Var y = MatMulOps.matmul(x, false, parameter("weight"), true);
    return bias ? y.add(parameter("bias")) : y;
  }

  public int inFeatures() {
    return inFeatures;
  }

  public int outFeatures() {
    return outFeatures;
  }
}
