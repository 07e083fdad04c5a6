package dev.eddy.nn.recurrent;

import dev.eddy.tensor.Tensor;
import dev.eddy.tensor.gemm.Gemm;
import dev.eddy.tensor.gemm.PackedMatrix;
import dev.eddy.tensor.kernels.Kernels;
import dev.eddy.tensor.kernels.ReduceOp;
import dev.eddy.tensor.kernels.UnaryOp;

/**
 * {@link FusedKernels} on {@code float[]}. The forward rows compute what the composed cells compute,
 * operation for operation ({@code c = f·cPrev + i·g} as two products and a sum, no fused
 * multiply-add), with the same activation kernels.
 */
final class FusedKernelsF32 implements FusedKernels<float[]> {
  static final FusedKernelsF32 INSTANCE = new FusedKernelsF32();

  private final Kernels kernels = Kernels.active();

  private FusedKernelsF32() {}

  @Override
  public float[] alloc(int n) {
    return new float[n];
  }

  @Override
  public float[] data(Tensor t) {
    return t.f32();
  }

  @Override
  public Tensor wrap(float[] data, int... dims) {
    return Tensor.wrap(data, dims);
  }

  @Override
  public float[] sum(float[] a, float[] b, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = a[i] + b[i];
    }
    return out;
  }

  @Override
  public PackedMatrix pack(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
    return Gemm.pack(transB, k, n, b, bOff, ldb);
  }

  @Override
  public void gemm(int m, float[] a, int aOff, int lda, PackedMatrix b, float[] c, int cOff, int ldc, boolean accumulate) {
    Gemm.sgemm(false, m, a, aOff, lda, b, c, cOff, ldc, accumulate);
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda, float[] b,
      int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
    Gemm.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
  }

  @Override
  public void columnSums(float[] x, int xOff, int rows, int n, float[] out) {
    kernels.reduceRows(ReduceOp.SUM, x, xOff, rows, n, out, 0, n);
  }

  @Override
  public void addInto(float[] src, int sOff, float[] dst, int dOff, int n) {
    for (int i = 0; i < n; i++) {
      dst[dOff + i] += src[sOff + i];
    }
  }

  @Override
  public void zero(float[] a, int off, int n) {
    java.util.Arrays.fill(a, off, off + n, 0f);
  }

  @Override
  public void lstmForward(float[] g, int gOff, float[] cPrev, int cpOff, float[] c, int cOff, float[] h, int hOff,
      int n) {
    kernels.unary(UnaryOp.SIGMOID, g, gOff, g, gOff, 2 * n);
    kernels.unary(UnaryOp.TANH, g, gOff + 2 * n, g, gOff + 2 * n, n);
    kernels.unary(UnaryOp.SIGMOID, g, gOff + 3 * n, g, gOff + 3 * n, n);
    int f = gOff + n;
    int gg = gOff + 2 * n;
    for (int j = 0; j < n; j++) {
      c[cOff + j] = g[f + j] * cPrev[cpOff + j] + g[gOff + j] * g[gg + j];
    }
    kernels.unary(UnaryOp.TANH, c, cOff, h, hOff, n);
    int o = gOff + 3 * n;
    for (int j = 0; j < n; j++) {
      h[hOff + j] = g[o + j] * h[hOff + j];
    }
  }

  @Override
  public void lstmBackward(float[] g, int gOff, float[] cPrev, int cpOff, float[] c, int cOff, float[] dh, int dhOff,
      float[] dc, int dcOff, float[] tmp, int tmpOff, int n) {
    kernels.unary(UnaryOp.TANH, c, cOff, tmp, tmpOff, n);
    for (int j = 0; j < n; j++) {
      int ii = gOff + j;
      int ff = ii + n;
      int gg = ff + n;
      int oo = gg + n;
      float i = g[ii];
      float f = g[ff];
      float gv = g[gg];
      float o = g[oo];
      float tc = tmp[tmpOff + j];
      float d = dh[dhOff + j];
      float dcj = dc[dcOff + j] + d * o * (1 - tc * tc);
      g[oo] = d * tc * o * (1 - o);
      g[ii] = dcj * gv * i * (1 - i);
      g[ff] = dcj * cPrev[cpOff + j] * f * (1 - f);
      g[gg] = dcj * i * (1 - gv * gv);
      dc[dcOff + j] = dcj * f;
    }
  }

  @Override
  public void gruForward(float[] gi, int giOff, float[] gh, int ghOff, float[] hPrev, int hpOff, float[] ghn,
      int ghnOff, float[] h, int hOff, int n) {
    for (int j = 0; j < 2 * n; j++) {
      gi[giOff + j] = gi[giOff + j] + gh[ghOff + j];
    }
    kernels.unary(UnaryOp.SIGMOID, gi, giOff, gi, giOff, 2 * n);
    int nn = giOff + 2 * n;
    int hn = ghOff + 2 * n;
    for (int j = 0; j < n; j++) {
      ghn[ghnOff + j] = gh[hn + j];
      gi[nn + j] = gi[nn + j] + gi[giOff + j] * gh[hn + j];
    }
    kernels.unary(UnaryOp.TANH, gi, nn, gi, nn, n);
    int z = giOff + n;
    for (int j = 0; j < n; j++) {
      float nv = gi[nn + j];
      h[hOff + j] = nv + gi[z + j] * (hPrev[hpOff + j] - nv);
    }
  }

  @Override
  public void gruBackward(float[] gi, int giOff, float[] ghn, int ghnOff, float[] hPrev, int hpOff, float[] dh,
      int dhOff, float[] dgh, int dghOff, int n) {
    for (int j = 0; j < n; j++) {
      int rr = giOff + j;
      int zz = rr + n;
      int nn = zz + n;
      float r = gi[rr];
      float z = gi[zz];
      float nv = gi[nn];
      float d = dh[dhOff + j];
      float dAn = d * (1 - z) * (1 - nv * nv);
      float dGr = dAn * ghn[ghnOff + j] * r * (1 - r);
      float dGz = d * (hPrev[hpOff + j] - nv) * z * (1 - z);
      gi[rr] = dGr;
      gi[zz] = dGz;
      gi[nn] = dAn;
      dgh[dghOff + j] = dGr;
      dgh[dghOff + n + j] = dGz;
      dgh[dghOff + 2 * n + j] = dAn * r;
      dh[dhOff + j] = d * z;
    }
  }

  @Override
  public void rnnForward(Nonlinearity act, float[] pre, int preOff, float[] h, int hOff, int n) {
    kernels.unary(act == Nonlinearity.TANH ? UnaryOp.TANH : UnaryOp.RELU, pre, preOff, h, hOff, n);
  }

  @Override
  public void rnnBackward(Nonlinearity act, float[] h, int hOff, float[] dh, int dhOff, float[] dPre, int dPreOff,
      int n) {
    if (act == Nonlinearity.TANH) {
      for (int j = 0; j < n; j++) {
        float y = h[hOff + j];
        dPre[dPreOff + j] = dh[dhOff + j] * (1 - y * y);
      }
    } else {
      for (int j = 0; j < n; j++) {
        dPre[dPreOff + j] = h[hOff + j] > 0 ? dh[dhOff + j] : 0f;
      }
    }
  }
}
