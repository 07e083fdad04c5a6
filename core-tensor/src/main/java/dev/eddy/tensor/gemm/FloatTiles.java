package dev.eddy.tensor.gemm;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float tiles on the Vector API: an 8 × (2 vectors) outer-product micro-kernel, i.e. 8 × 32
 * floats with 512-bit vectors.
 *
 * <p>Why this shape: 16 accumulators hide the 4-cycle FMA latency on two pipes with room to
 * spare, and with the two B vectors and one broadcast A they use 19 of the 32 AVX-512 registers,
 * so nothing spills. Each step loads two B vectors and eight A scalars for sixteen FMAs.
 */
final class FloatTiles implements TileKernels<float[]> {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  static final int MR = 8;
  static final int NR = 2 * L;

  @Override
  public int mr() {
    return MR;
  }

  @Override
  public int nr() {
    return NR;
  }

  @Override
  public float[] newArray(int length) {
    return new float[length];
  }

  @Override
  public void multiply(int kc, float[] a, int ai, int ars, int aks, float[] b, int bi, int bks,
      float[] c, int ci, int ldc, boolean add) {
    // The accumulators start from C when adding, so the epilogue is plain stores: C2 inlines the
    // whole kernel only while it stays small, and a vector passed to a call is boxed.
    final int o1 = ci + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc;
    final int o5 = o4 + ldc, o6 = o5 + ldc, o7 = o6 + ldc;
    FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
    FloatVector c40, c41, c50, c51, c60, c61, c70, c71;
    if (add) {
      c00 = FloatVector.fromArray(S, c, ci);
      c01 = FloatVector.fromArray(S, c, ci + L);
      c10 = FloatVector.fromArray(S, c, o1);
      c11 = FloatVector.fromArray(S, c, o1 + L);
      c20 = FloatVector.fromArray(S, c, o2);
      c21 = FloatVector.fromArray(S, c, o2 + L);
      c30 = FloatVector.fromArray(S, c, o3);
      c31 = FloatVector.fromArray(S, c, o3 + L);
      c40 = FloatVector.fromArray(S, c, o4);
      c41 = FloatVector.fromArray(S, c, o4 + L);
      c50 = FloatVector.fromArray(S, c, o5);
      c51 = FloatVector.fromArray(S, c, o5 + L);
      c60 = FloatVector.fromArray(S, c, o6);
      c61 = FloatVector.fromArray(S, c, o6 + L);
      c70 = FloatVector.fromArray(S, c, o7);
      c71 = FloatVector.fromArray(S, c, o7 + L);
    } else {
      c00 = FloatVector.zero(S);
      c01 = c00;
      c10 = c00;
      c11 = c00;
      c20 = c00;
      c21 = c00;
      c30 = c00;
      c31 = c00;
      c40 = c00;
      c41 = c00;
      c50 = c00;
      c51 = c00;
      c60 = c00;
      c61 = c00;
      c70 = c00;
      c71 = c00;
    }
    final int r1 = ars, r2 = 2 * ars, r3 = 3 * ars, r4 = 4 * ars;
    final int r5 = 5 * ars, r6 = 6 * ars, r7 = 7 * ars;
    // Indices as base + p·stride, not running sums: C2 then hoists the bounds checks out of the
    // loop (two running sums measured 30% slower).
    final int a0 = ai, b0i = bi;
    for (int p = 0; p < kc; p++) {
      ai = a0 + p * aks;
      bi = b0i + p * bks;
      FloatVector b0 = FloatVector.fromArray(S, b, bi);
      FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
      FloatVector x = FloatVector.broadcast(S, a[ai]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, a[ai + r1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, a[ai + r2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, a[ai + r3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = FloatVector.broadcast(S, a[ai + r4]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(S, a[ai + r5]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
      x = FloatVector.broadcast(S, a[ai + r6]);
      c60 = x.fma(b0, c60);
      c61 = x.fma(b1, c61);
      x = FloatVector.broadcast(S, a[ai + r7]);
      c70 = x.fma(b0, c70);
      c71 = x.fma(b1, c71);
    }
    c00.intoArray(c, ci);
    c01.intoArray(c, ci + L);
    c10.intoArray(c, o1);
    c11.intoArray(c, o1 + L);
    c20.intoArray(c, o2);
    c21.intoArray(c, o2 + L);
    c30.intoArray(c, o3);
    c31.intoArray(c, o3 + L);
    c40.intoArray(c, o4);
    c41.intoArray(c, o4 + L);
    c50.intoArray(c, o5);
    c51.intoArray(c, o5 + L);
    c60.intoArray(c, o6);
    c61.intoArray(c, o6 + L);
    c70.intoArray(c, o7);
    c71.intoArray(c, o7 + L);
  }

  @Override
  public void multiplyRow(int k, float[] a, int ai, int aks, float[] b, int bi, int ldb, int cols,
      float[] c, int ci, boolean add) {
    // Streams B row after row (4 at a time) through the row of C, which stays in L1: each
    // element still gets one fused multiply-add chain over p in order.
    final int bound = S.loopBound(cols);
    int p = 0;
    for (; p + 4 <= k; p += 4) {
      FloatVector x0 = FloatVector.broadcast(S, a[ai + p * aks]);
      FloatVector x1 = FloatVector.broadcast(S, a[ai + (p + 1) * aks]);
      FloatVector x2 = FloatVector.broadcast(S, a[ai + (p + 2) * aks]);
      FloatVector x3 = FloatVector.broadcast(S, a[ai + (p + 3) * aks]);
      final int r0 = bi + p * ldb, r1 = r0 + ldb, r2 = r1 + ldb, r3 = r2 + ldb;
      boolean fromC = add || p > 0;
      for (int j = 0; j < bound; j += L) {
        FloatVector v = fromC ? FloatVector.fromArray(S, c, ci + j) : FloatVector.zero(S);
        v = x0.fma(FloatVector.fromArray(S, b, r0 + j), v);
        v = x1.fma(FloatVector.fromArray(S, b, r1 + j), v);
        v = x2.fma(FloatVector.fromArray(S, b, r2 + j), v);
        v = x3.fma(FloatVector.fromArray(S, b, r3 + j), v);
        v.intoArray(c, ci + j);
      }
      for (int j = bound; j < cols; j++) {
        float v = fromC ? c[ci + j] : 0;
        v = Math.fma(a[ai + p * aks], b[r0 + j], v);
        v = Math.fma(a[ai + (p + 1) * aks], b[r1 + j], v);
        v = Math.fma(a[ai + (p + 2) * aks], b[r2 + j], v);
        v = Math.fma(a[ai + (p + 3) * aks], b[r3 + j], v);
        c[ci + j] = v;
      }
    }
    for (; p < k; p++) {
      FloatVector x = FloatVector.broadcast(S, a[ai + p * aks]);
      final int r = bi + p * ldb;
      boolean fromC = add || p > 0;
      for (int j = 0; j < bound; j += L) {
        FloatVector v = fromC ? FloatVector.fromArray(S, c, ci + j) : FloatVector.zero(S);
        x.fma(FloatVector.fromArray(S, b, r + j), v).intoArray(c, ci + j);
      }
      for (int j = bound; j < cols; j++) {
        c[ci + j] = Math.fma(a[ai + p * aks], b[r + j], fromC ? c[ci + j] : 0);
      }
    }
  }

  @Override
  public void dotRow(int k, float[] a, int ai, float[] b, int bi, int ldb, int cols, float[] c, int ci,
      int ccs, boolean add, float[] lanes) {
    // Rows of B past the edge repeat the last one, so the loop has no branches; their sums are
    // dropped below.
    final int b0 = bi, b1 = bi + Math.min(1, cols - 1) * ldb, b2 = bi + Math.min(2, cols - 1) * ldb;
    final int b3 = bi + Math.min(3, cols - 1) * ldb, b4 = bi + Math.min(4, cols - 1) * ldb;
    final int b5 = bi + Math.min(5, cols - 1) * ldb, b6 = bi + Math.min(6, cols - 1) * ldb;
    final int b7 = bi + Math.min(7, cols - 1) * ldb;
    FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
    final int bound = S.loopBound(k);
    for (int p = 0; p < bound; p += L) {
      FloatVector x = FloatVector.fromArray(S, a, ai + p);
      s0 = x.fma(FloatVector.fromArray(S, b, b0 + p), s0);
      s1 = x.fma(FloatVector.fromArray(S, b, b1 + p), s1);
      s2 = x.fma(FloatVector.fromArray(S, b, b2 + p), s2);
      s3 = x.fma(FloatVector.fromArray(S, b, b3 + p), s3);
      s4 = x.fma(FloatVector.fromArray(S, b, b4 + p), s4);
      s5 = x.fma(FloatVector.fromArray(S, b, b5 + p), s5);
      s6 = x.fma(FloatVector.fromArray(S, b, b6 + p), s6);
      s7 = x.fma(FloatVector.fromArray(S, b, b7 + p), s7);
    }
    // Each accumulator's lanes are summed in a fixed tree (laneTree), not with reduceLanes, whose
    // order is unspecified and may differ between the interpreter and compiled code.
    final int[] rowsOfB = {b0, b1, b2, b3, b4, b5, b6, b7};
    for (int j = 0; j < cols; j++) {
      float sum = laneTree(switch (j) {
        case 0 -> s0;
        case 1 -> s1;
        case 2 -> s2;
        case 3 -> s3;
        case 4 -> s4;
        case 5 -> s5;
        case 6 -> s6;
        default -> s7;
      }, lanes);
      for (int p = bound, r = rowsOfB[j]; p < k; p++) {
        sum = Math.fma(a[ai + p], b[r + p], sum);
      }
      int o = ci + j * ccs;
      c[o] = add ? c[o] + sum : sum;
    }
  }

  /** Rotations by half, a quarter, an eighth and a sixteenth of the lanes: the tree of {@link #laneTree}. */
  private static final VectorShuffle<Float> ROTATE_1 = VectorShuffle.iota(S, Math.max(1, L / 2), 1, true);
  private static final VectorShuffle<Float> ROTATE_2 = VectorShuffle.iota(S, Math.max(1, L / 4), 1, true);
  private static final VectorShuffle<Float> ROTATE_3 = VectorShuffle.iota(S, Math.max(1, L / 8), 1, true);
  private static final VectorShuffle<Float> ROTATE_4 = VectorShuffle.iota(S, Math.max(1, L / 16), 1, true);

  /**
   * The sum of {@code v}'s lanes in a fixed order: lane i plus lane i + L/2, then those pairs a
   * quarter apart, and so on down to one lane (for up to 16 lanes; wider vectors are summed in index
   * order through {@code scratch}). In registers: storing the lanes and adding them one by one cost
   * as much as the products themselves for k = 256.
   */
  private static float laneTree(FloatVector v, float[] scratch) {
    if (L > 16) {
      v.intoArray(scratch, 0);
      float sum = 0f;
      for (int l = 0; l < L; l++) {
        sum += scratch[l];
      }
      return sum;
    }
    if (L >= 2) {
      v = v.add(v.rearrange(ROTATE_1));
    }
    if (L >= 4) {
      v = v.add(v.rearrange(ROTATE_2));
    }
    if (L >= 8) {
      v = v.add(v.rearrange(ROTATE_3));
    }
    if (L >= 16) {
      v = v.add(v.rearrange(ROTATE_4));
    }
    return v.lane(0);
  }

  @Override
  public void packA(int kc, int rows, float[] src, int off, int rs, int ks, float[] dst) {
    if (rs == 1) { // A is stored transposed: each step p reads consecutive rows
      for (int p = 0, s = off, d = 0; p < kc; p++, s += ks, d += MR) {
        System.arraycopy(src, s, dst, d, rows);
        Arrays.fill(dst, d + rows, d + MR, 0f);
      }
      return;
    }
    for (int r = 0; r < MR; r++) {
      if (r < rows) {
        for (int p = 0, s = off + r * rs, d = r; p < kc; p++, s += ks, d += MR) {
          dst[d] = src[s];
        }
      } else {
        for (int p = 0, d = r; p < kc; p++, d += MR) {
          dst[d] = 0f;
        }
      }
    }
  }

  @Override
  public void packB(int kc, int cols, float[] src, int off, int ks, int cs, float[] dst, int doff) {
    if (cs == 1) {
      for (int p = 0, s = off, d = doff; p < kc; p++, s += ks, d += NR) {
        System.arraycopy(src, s, dst, d, cols);
        Arrays.fill(dst, d + cols, d + NR, 0f);
      }
      return;
    }
    for (int j = 0; j < NR; j++) {
      if (j < cols) {
        for (int p = 0, s = off + j * cs, d = doff + j; p < kc; p++, s += ks, d += NR) {
          dst[d] = src[s];
        }
      } else {
        for (int p = 0, d = doff + j; p < kc; p++, d += NR) {
          dst[d] = 0f;
        }
      }
    }
  }

  @Override
  public void copyTile(float[] from, int fi, int frs, int fcs, float[] to, int ti, int trs, int tcs,
      int rows, int cols) {
    if (fcs == 1 && tcs == 1) {
      for (int r = 0; r < rows; r++) {
        System.arraycopy(from, fi + r * frs, to, ti + r * trs, cols);
      }
    } else if (rows == MR && frs == NR && fcs == 1 && trs == 1) {
      // A whole tile into a transposed C (C = Bᵀ·Aᵀ), unrolled: this copy runs once per tile.
      for (int j = 0, t = ti; j < cols; j++, t += tcs) {
        to[t] = from[j];
        to[t + 1] = from[NR + j];
        to[t + 2] = from[2 * NR + j];
        to[t + 3] = from[3 * NR + j];
        to[t + 4] = from[4 * NR + j];
        to[t + 5] = from[5 * NR + j];
        to[t + 6] = from[6 * NR + j];
        to[t + 7] = from[7 * NR + j];
      }
    } else if (frs == 1 || trs == 1) { // one side is transposed: walk along its rows
      for (int j = 0; j < cols; j++) {
        for (int r = 0, f = fi + j * fcs, t = ti + j * tcs; r < rows; r++, f += frs, t += trs) {
          to[t] = from[f];
        }
      }
    } else {
      for (int r = 0; r < rows; r++) {
        for (int j = 0, f = fi + r * frs, t = ti + r * trs; j < cols; j++, f += fcs, t += tcs) {
          to[t] = from[f];
        }
      }
    }
  }
}
