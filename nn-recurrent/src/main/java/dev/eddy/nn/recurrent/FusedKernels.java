package dev.eddy.nn.recurrent;

import dev.eddy.tensor.Tensor;
import dev.eddy.tensor.gemm.PackedMatrix;

/**
 * What the fused recurrent ops ({@link FusedLstm}, {@link FusedGru}, {@link FusedRnn}) do on raw
 * arrays, once per dtype: {@code T} is {@code float[]} ({@link FusedKernelsF32}) or
 * {@code double[]} ({@link FusedKernelsF64}). The ops' loops over time and their matrix products
 * are written once against this interface.
 *
 * <p>The row kernels work on one batch row of one time step, {@code n} hidden units wide; gate
 * blocks lie side by side in PyTorch's order (LSTM i, f, g, o; GRU r, z, n). Activations go through
 * {@link dev.eddy.tensor.kernels.Kernels#active()}, so the backend choice (Vector API or scalar) is
 * the tensor ops' own. Kernels trust their arguments.
 */
interface FusedKernels<T> {

  /** A zeroed array of {@code n} elements. */
  T alloc(int n);

  /** The backing array of {@code t} (read-only by contract). */
  T data(Tensor t);

  /** A tensor taking over {@code data}. */
  Tensor wrap(T data, int... dims);

  /** {@code a[i] + b[i]} into a new array of {@code n}. */
  T sum(T a, T b, int n);

  /** {@code op(B)} packed for many products, as {@link dev.eddy.tensor.gemm.Gemm#pack}. */
  PackedMatrix pack(boolean transB, int k, int n, T b, int bOff, int ldb);

  /** {@code C (+)= A·B} with B packed: {@code m × b.k()} times {@code b.k() × b.n()}. */
  void gemm(int m, T a, int aOff, int lda, PackedMatrix b, T c, int cOff, int ldc, boolean accumulate);

  /** {@code C (+)= op(A)·op(B)}, as {@link dev.eddy.tensor.gemm.Gemm#sgemm}. */
  void gemm(boolean transA, boolean transB, int m, int n, int k, T a, int aOff, int lda, T b, int bOff, int ldb,
      T c, int cOff, int ldc, boolean accumulate);

  /** {@code out[j] = Σ_r x[xOff + r·n + j]} over {@code rows} rows of {@code n}. */
  void columnSums(T x, int xOff, int rows, int n, T out);

  /** {@code dst[dOff + i] += src[sOff + i]} for {@code i < n}. */
  void addInto(T src, int sOff, T dst, int dOff, int n);

  /** Sets {@code n} elements from {@code off} to zero. */
  void zero(T a, int off, int n);

  /**
   * One LSTM row: activates the gate pre-activations {@code [i f g o]} at {@code g} in place, then
   * {@code c = f·cPrev + i·g} and {@code h = o·tanh(c)}.
   */
  void lstmForward(T g, int gOff, T cPrev, int cpOff, T c, int cOff, T h, int hOff, int n);

  /**
   * One LSTM row backwards: from the activated gates at {@code g}, the cells {@code cPrev} and
   * {@code c}, the gradient {@code dh} of h and {@code dc} of c, writes the gradient of the gate
   * pre-activations over the gates in place and replaces {@code dc} by the gradient of {@code cPrev}.
   * {@code tmp} is scratch for {@code n} elements.
   */
  void lstmBackward(T g, int gOff, T cPrev, int cpOff, T c, int cOff, T dh, int dhOff, T dc, int dcOff, T tmp,
      int tmpOff, int n);

  /**
   * One GRU row: from the input part {@code gi = [xr xz xn]} (with {@code b_ih}) and the recurrent part
   * {@code gh = [hr hz hn]} (with {@code b_hh}), writes {@code r, z, n} over {@code gi}, {@code hn} to
   * {@code ghn}, and {@code h = n + z·(hPrev - n)}.
   */
  void gruForward(T gi, int giOff, T gh, int ghOff, T hPrev, int hpOff, T ghn, int ghnOff, T h, int hOff, int n);

  /**
   * One GRU row backwards: from {@code r, z, n} at {@code gi}, {@code hn} at {@code ghn}, {@code hPrev}
   * and the gradient {@code dh} of h, writes the gradient of the input part over {@code gi}, that of the
   * recurrent part to {@code dgh}, and replaces {@code dh} by its direct share of the gradient of
   * {@code hPrev} ({@code dh·z}; the caller adds {@code dgh·W_hh}).
   */
  void gruBackward(T gi, int giOff, T ghn, int ghnOff, T hPrev, int hpOff, T dh, int dhOff, T dgh, int dghOff, int n);

  /** One Elman row: {@code h = act(pre)}. */
  void rnnForward(Nonlinearity act, T pre, int preOff, T h, int hOff, int n);

  /** One Elman row backwards: {@code dPre = dh · act'} from the output {@code h}. */
  void rnnBackward(Nonlinearity act, T h, int hOff, T dh, int dhOff, T dPre, int dPreOff, int n);
}
