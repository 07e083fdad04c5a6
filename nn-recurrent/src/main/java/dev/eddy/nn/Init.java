package dev.eddy.nn;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Parameter initializers. Every one draws from the {@link RandomGenerator} it is given, in row-major
 * order, so the same seed gives the same tensor bitwise (F32 tensors are the F64 draws rounded).
 *
 * <p>Fans follow PyTorch: for a weight {@code [out, in, k...]}, {@code fan_in = in * k...} and
 * {@code fan_out = out * k...}.
 */
public final class Init {
  private Init() {}

  /** {@code U(-bound, bound)}. */
  public static Tensor uniform(RandomGenerator rng, DType dtype, double bound, int... dims) {
    return Tensor.uniform(rng, dtype, -bound, bound, dims);
  }

  /** {@code N(0, std²)}. */
  public static Tensor normal(RandomGenerator rng, DType dtype, double std, int... dims) {
    return Tensor.normal(rng, dtype, 0, std, dims);
  }

  /**
   * PyTorch's default for {@code nn.Linear} weights, {@code kaiming_uniform_(a = sqrt(5))}: bound
   * {@code gain * sqrt(3 / fan_in)} with {@code gain = sqrt(2 / (1 + a²))}, which is {@code 1/sqrt(fan_in)}.
   */
  public static Tensor kaimingUniform(RandomGenerator rng, DType dtype, double a, int... dims) {
    double gain = Math.sqrt(2.0 / (1 + a * a));
    return uniform(rng, dtype, gain * Math.sqrt(3.0 / fanIn(dims)), dims);
  }

  /** Glorot/Xavier uniform: bound {@code gain * sqrt(6 / (fan_in + fan_out))}. */
  public static Tensor xavierUniform(RandomGenerator rng, DType dtype, double gain, int... dims) {
    return uniform(rng, dtype, gain * Math.sqrt(6.0 / (fanIn(dims) + fanOut(dims))), dims);
  }

  /** Glorot/Xavier normal: std {@code gain * sqrt(2 / (fan_in + fan_out))}. */
  public static Tensor xavierNormal(RandomGenerator rng, DType dtype, double gain, int... dims) {
    return normal(rng, dtype, gain * Math.sqrt(2.0 / (fanIn(dims) + fanOut(dims))), dims);
  }

  /**
   * A {@code [rows, cols]} matrix with orthonormal rows (if {@code rows <= cols}) or columns, times
   * {@code gain}: PyTorch's {@code orthogonal_}, the QR factor of a standard normal matrix with the
   * signs fixed so that R has a positive diagonal. Recurrent weights initialised this way keep the
   * norm of the hidden state through the linear part of a step.
   */
  public static Tensor orthogonal(RandomGenerator rng, DType dtype, double gain, int rows, int cols) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("Init.orthogonal: needs at least one row and column, got [" + rows + ", "
          + cols + "]");
    }
    double[] a = Tensor.normal(rng, DType.F64, 0, 1, rows, cols).toDoubleArray();
    boolean tall = rows >= cols;
    int m = tall ? rows : cols; // QR of the tall orientation: columns of an [m, n] matrix
    int n = tall ? cols : rows;
    double[][] q = new double[n][m]; // q[j] = column j
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < m; i++) {
        q[j][i] = tall ? a[i * cols + j] : a[j * cols + i];
      }
    }
    gramSchmidt(q);
    double[] out = new double[rows * cols];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < m; i++) {
        out[tall ? i * cols + j : j * cols + i] = gain * q[j][i];
      }
    }
    return Tensor.of(out, rows, cols).to(dtype);
  }

  /**
   * Orthonormalises the vectors in place (modified Gram–Schmidt, run twice for accuracy). Each vector
   * keeps a positive component along its original direction, which is what the sign fix of a QR
   * factorisation gives.
   */
  private static void gramSchmidt(double[][] q) {
    for (int j = 0; j < q.length; j++) {
      for (int pass = 0; pass < 2; pass++) {
        for (int k = 0; k < j; k++) {
          double dot = 0;
          for (int i = 0; i < q[j].length; i++) {
            dot += q[k][i] * q[j][i];
          }
          for (int i = 0; i < q[j].length; i++) {
            q[j][i] -= dot * q[k][i];
          }
        }
      }
      double norm = 0;
      for (double v : q[j]) {
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < q[j].length; i++) {
        q[j][i] /= norm;
      }
    }
  }

  /** {@code in * k...} of a weight {@code [out, in, k...]}; for a vector, its length. */
  public static int fanIn(int... dims) {
    return fan(dims, 1);
  }

  /** {@code out * k...} of a weight {@code [out, in, k...]}. */
  public static int fanOut(int... dims) {
    return fan(dims, 0);
  }

  /** {@code dims[axis]} times the receptive field {@code dims[2] * dims[3] ...}. */
  private static int fan(int[] dims, int axis) {
    if (dims.length < 2) {
      return dims.length == 0 ? 1 : dims[0];
    }
    int fan = dims[axis];
    for (int i = 2; i < dims.length; i++) {
      fan *= dims[i];
    }
    return fan;
  }
}
