package dev.eddy.tensor.kernels;

/**
 * The hot loops of every tensor op, over contiguous runs of {@code float[]} or {@code double[]}
 * arrays: elements {@code x[xOff] .. x[xOff + n - 1]}.
 *
 * <p>Two implementations: {@link ScalarKernels}, the plain-Java reference, and
 * {@code dev.eddy.tensor.kernels.simd.VectorKernels} on the Java Vector API. {@link #active()} is the
 * one {@link Backend#active()} chose. The tensor layer turns broadcasting into calls on contiguous
 * runs (run ⊕ run, run ⊕ scalar, scalar ⊕ run). Kernels trust their arguments: callers check
 * shapes and bounds. Unless a method says otherwise, {@code out} may be the same array region as an
 * input (in-place), but regions must not partially overlap.
 *
 * <p>Elementwise results are bitwise the same however a run is split into pieces. Reductions use a
 * fixed association order that depends only on {@code n} (blocked pairwise sums), so F32 sums of
 * millions of elements stay accurate; the scalar and vector orders differ, so their sums agree
 * within rounding, not bitwise.
 */
public interface Kernels {

  /** The kernels of the backend this JVM uses ({@link Backend#active()}); loaded on first use. */
  static Kernels active() {
    return ActiveKernels.INSTANCE;
  }

  /** A short name for logs and benchmarks: {@code scalar} or {@code vector}. */
  String name();

  // ---- elementwise: out[i] = a[i] op b[i], a[i] op s, s op b[i] ----

  void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n);

  void binary(BinaryOp op, double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n);

  /** Run op scalar: {@code out[i] = a[i] op s} (e.g. {@code MUL} scales a run). */
  void binary(BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int n);

  void binary(BinaryOp op, double[] a, int aOff, double s, double[] out, int outOff, int n);

  /** Scalar op run: {@code out[i] = s op b[i]}. */
  void binary(BinaryOp op, float s, float[] b, int bOff, float[] out, int outOff, int n);

  void binary(BinaryOp op, double s, double[] b, int bOff, double[] out, int outOff, int n);

  /** {@code out[i] = op(x[i])}. */
  void unary(UnaryOp op, float[] x, int xOff, float[] out, int outOff, int n);

  void unary(UnaryOp op, double[] x, int xOff, double[] out, int outOff, int n);

  /** {@code out[i] = min(max(x[i], lo), hi)}. */
  void clamp(float[] x, int xOff, float lo, float hi, float[] out, int outOff, int n);

  void clamp(double[] x, int xOff, double lo, double hi, double[] out, int outOff, int n);

  // ---- reductions ----

  /** The reduction of one contiguous run; {@link ReduceOp#identity()} when {@code n == 0}. */
  float reduce(ReduceOp op, float[] x, int off, int n);

  double reduce(ReduceOp op, double[] x, int off, int n);

  /**
   * Column-wise reduction of {@code rows >= 1} rows spaced {@code rowStride} apart (an outer-axis
   * reduction): {@code out[outOff + j] = op over r of x[xOff + r * rowStride + j]} for {@code j < n}.
   * {@code out} must not overlap {@code x}.
   */
  void reduceRows(ReduceOp op, float[] x, int xOff, int rows, int rowStride, float[] out, int outOff, int n);

  void reduceRows(ReduceOp op, double[] x, int xOff, int rows, int rowStride, double[] out, int outOff, int n);

  /** {@code Σ a[i]·b[i]}. */
  float dot(float[] a, int aOff, float[] b, int bOff, int n);

  double dot(double[] a, int aOff, double[] b, int bOff, int n);

  /** {@code y[i] += alpha · x[i]}. */
  void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n);

  void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n);

  // ---- softmax family over one row of n >= 1 elements, stable (max subtracted first) ----

  /** {@code log Σ exp(x[i])}, computed as {@code m + log Σ exp(x[i] - m)} with {@code m = max x}. */
  float logSumExp(float[] x, int off, int n);

  double logSumExp(double[] x, int off, int n);

  /** {@code out[i] = exp(x[i] - m) / Σ exp(x[j] - m)}. */
  void softmax(float[] x, int xOff, float[] out, int outOff, int n);

  void softmax(double[] x, int xOff, double[] out, int outOff, int n);

  /** {@code out[i] = x[i] - logSumExp(x)}. */
  void logSoftmax(float[] x, int xOff, float[] out, int outOff, int n);

  void logSoftmax(double[] x, int xOff, double[] out, int outOff, int n);
}
