package dev.eddy.tensor.gemm;

/**
 * The element-type-specific pieces of the blocked GEMM: the register-tiled micro-kernel, packing
 * and the copy of a tile into {@code C}. {@code T} is {@code float[]} or {@code double[]}.
 *
 * <p>A tile is {@link #mr()} rows by {@link #nr()} columns. Packed panels have the layout the
 * micro-kernel reads fastest: a packed A panel holds {@code A(r,p)} at {@code p·mr + r}, a packed
 * B panel holds {@code B(p,j)} at {@code p·nr + j}; rows or columns past the edge are zero.
 */
interface TileKernels<T> {

  /** Rows of a tile (the broadcast side). */
  int mr();

  /** Columns of a tile (whole vectors). */
  int nr();

  T newArray(int length);

  /**
   * The micro-kernel: {@code T(r,j) = C(r,j) + Σ_{p<kc} A(r,p)·B(p,j)} for {@code r < mr, j < nr}
   * with {@code C(r,j) = c[ci + r·ldc + j]}, or from zero when not {@code add}, summed with fused
   * multiply-adds in order of {@code p}, where {@code A(r,p) = a[ai + r·ars + p·aks]} and
   * {@code B(p,j) = b[bi + p·bks + j]}; then {@code C(r,j) = T(r,j)}.
   */
  void multiply(int kc, T a, int ai, int ars, int aks, T b, int bi, int bks,
      T c, int ci, int ldc, boolean add);

  /**
   * One row of C: {@code c[ci + j] (+)= Σ_p a[ai + p·aks]·b[bi + p·ldb + j]} for {@code j < cols},
   * each a fused multiply-add chain over {@code p} in order from zero or from C, exactly as
   * {@link #multiply}.
   */
  void multiplyRow(int k, T a, int ai, int aks, T b, int bi, int ldb, int cols, T c, int ci,
      boolean add);

  /**
   * Dot products of one row {@code a[ai + p]} with {@code cols ≤ 8} rows {@code b[bi + j·ldb + p]},
   * {@code p < k}: {@code c[ci + j·ccs] (+)= Σ_p}. Each sum is accumulated in vector lanes
   * ({@code p} modulo the lane count, in order), the lanes then summed in a fixed tree (lane i
   * plus lane i + L/2, and so on), then the tail of {@code k} added with fused multiply-adds: a fixed
   * order. {@code lanes} is scratch space of at least 8 vectors (used only for vectors wider than 16
   * lanes).
   */
  void dotRow(int k, T a, int ai, T b, int bi, int ldb, int cols, T c, int ci, int ccs,
      boolean add, T lanes);

  /** Packs {@code rows ≤ mr} rows of {@code A(r,p) = src[off + r·rs + p·ks]}, {@code p < kc}. */
  void packA(int kc, int rows, T src, int off, int rs, int ks, T dst);

  /** Packs {@code cols ≤ nr} columns of {@code B(p,j) = src[off + p·ks + j·cs]} at {@code dst[doff]}. */
  void packB(int kc, int cols, T src, int off, int ks, int cs, T dst, int doff);

  /** Copies {@code rows × cols} elements from {@code from[fi + r·frs + j·fcs]} to {@code to[ti + r·trs + j·tcs]}. */
  void copyTile(T from, int fi, int frs, int fcs, T to, int ti, int trs, int tcs, int rows, int cols);
}
