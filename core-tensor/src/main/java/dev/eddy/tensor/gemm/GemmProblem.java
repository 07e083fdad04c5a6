package dev.eddy.tensor.gemm;

/**
 * One product {@code C (+)= A · B} described by strides, so that a transposed operand, or the
 * whole product computed as {@code Cᵀ = Bᵀ · Aᵀ}, is just another set of strides.
 *
 * <p>{@code A(i,p)} is {@code a[aOff + i·aRowStride + p·aKStride]} ({@code m × k}), {@code B(p,j)}
 * is {@code b[bOff + p·bKStride + j·bColStride]} ({@code k × n}), and {@code C(i,j)} is
 * {@code c[cOff + i·cRowStride + j·cColStride]} ({@code m × n}). {@code T} is {@code float[]} or
 * {@code double[]}.
 *
 * <p>With {@code bPanels}, B is a {@link PackedMatrix}'s data instead: {@code B(p,j)} is
 * {@code b[(j / w)·k·w + p·w + j % w]} with {@code w = bKStride} the panel width ({@code bOff} and
 * {@code bColStride} are 0).
 */
record GemmProblem<T>(int m, int n, int k,
    T a, int aOff, int aRowStride, int aKStride,
    T b, int bOff, int bKStride, int bColStride,
    T c, int cOff, int cRowStride, int cColStride,
    boolean accumulate, boolean bPanels) {

  /** The row-major product {@code C (+)= op(A) · op(B)} as the BLAS arguments describe it. */
  static <T> GemmProblem<T> rowMajor(boolean transA, boolean transB, int m, int n, int k,
      T a, int aOff, int lda, T b, int bOff, int ldb, T c, int cOff, int ldc, boolean accumulate) {
    return new GemmProblem<>(m, n, k,
        a, aOff, transA ? 1 : lda, transA ? lda : 1,
        b, bOff, transB ? 1 : ldb, transB ? ldb : 1,
        c, cOff, ldc, 1, accumulate, false);
  }

  /** {@code C (+)= op(A) · B} with B packed in panels of {@code panelWidth} columns. */
  static <T> GemmProblem<T> packedB(boolean transA, int m, int n, int k, T a, int aOff, int lda, T panels,
      int panelWidth, T c, int cOff, int ldc, boolean accumulate) {
    return new GemmProblem<>(m, n, k,
        a, aOff, transA ? 1 : lda, transA ? lda : 1,
        panels, 0, panelWidth, 0,
        c, cOff, ldc, 1, accumulate, true);
  }

  /** The same product seen as {@code Cᵀ = Bᵀ · Aᵀ}: every output element, and its sum, is unchanged. */
  GemmProblem<T> transposed() {
    if (bPanels) {
      throw new IllegalStateException("a product with a packed B has no transposed form");
    }
    return new GemmProblem<>(n, m, k,
        b, bOff, bColStride, bKStride,
        a, aOff, aKStride, aRowStride,
        c, cOff, cColStride, cRowStride, accumulate, false);
  }
}
