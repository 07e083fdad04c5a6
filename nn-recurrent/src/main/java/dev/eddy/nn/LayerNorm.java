package dev.eddy.nn;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;

/**
 * Layer normalisation over the last axis: {@code (x - mean) / sqrt(var + eps) * weight + bias}, with
 * the biased variance, as PyTorch's {@code nn.LayerNorm(features)}. Parameters {@code weight [features]}
 * (ones) and {@code bias [features]} (zeros), unless built without the affine part.
 */
public final class LayerNorm extends Module {
  private final int features;
  private final double eps;
  private final boolean affine;

  /** Float32, {@code eps = 1e-5}, with weight and bias. */
  public LayerNorm(int features) {
    this(features, 1e-5, true, DType.F32);
  }

  public LayerNorm(int features, double eps, boolean affine, DType dtype) {
    if (features < 1) {
      throw new IllegalArgumentException("LayerNorm: features must be positive, got " + features);
    }
    if (!(eps > 0)) {
      throw new IllegalArgumentException("LayerNorm: eps must be positive, got " + eps);
    }
    this.features = features;
    this.eps = eps;
    this.affine = affine;
    if (affine) {
      registerParameter("weight", Tensor.ones(dtype, features));
      registerParameter("bias", Tensor.zeros(dtype, features));
    }
  }

  /** {@code x [..., features]} normalised along its last axis, same shape. */
  public Var forward(Var x) {
    if (x.rank() < 1 || x.dim(-1) != features) {
      throw new IllegalArgumentException("LayerNorm: input must be [..., " + features + "], got " + x.shape());
    }
    checkInputDtype(x);
    Var centred = x.sub(x.mean(true, -1));
    Var variance = centred.square().mean(true, -1);
    Var y = centred.div(variance.add(eps).sqrt());
    return affine ? y.mul(parameter("weight")).add(parameter("bias")) : y;
  }

  public int features() {
    return features;
  }
}
