package dev.eddy.nn.recurrent;

import dev.eddy.tensor.Tensor;
import dev.eddy.tensor.gemm.Gemm;
import dev.eddy.tensor.gemm.PackedMatrix;
import dev.eddy.tensor.kernels.Kernels;
import dev.eddy.tensor.kernels.ReduceOp;
import dev.eddy.tensor.kernels.UnaryOp;

/**
 * {@link FusedKernels} on {@code double[]}. The forward rows compute what the composed cells compute,
 * operation for operation ({@code c = f·cPrev + i·g} as two products and a sum, no fused
 * multiply-add), with the same activation kernels.
 */
final class FusedKernelsF64 implements FusedKernels<double[]> {
  static final FusedKernelsF64 INSTANCE = new FusedKernelsF64();

  private final Kernels kernels = Kernels.active();

  private FusedKernelsF64() {}

  @Override
  public double[] alloc(int n) {
    return new double[n];
  }

  @Override
  public double[] data(Tensor t) {
    return t.f64();
  }

  @Override
  public Tensor wrap(double[] data, int... dims) {
    return Tensor.wrap(data, dims);
  }

  @Override
  public double[] sum(double[] a, double[] b, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = a[i] + b[i];
    }
    return out;
  }

  @Override
  public PackedMatrix pack(boolean transB, int k, int n, double[] b, int bOff, int ldb) {
    return Gemm.pack(transB, k, n, b, bOff, ldb);
  }

  @Override
  public void gemm(int m, double[] a, int aOff, int lda, PackedMatrix b, double[] c, int cOff, int ldc, boolean accumulate) {
    Gemm.dgemm(false, m, a, aOff, lda, b, c, cOff, ldc, accumulate);
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, double[] a, int aOff, int lda, double[] b,
      int bOff, int ldb, double[] c, int cOff, int ldc, boolean accumulate) {
    Gemm.dgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
  }

  @Override
  public void columnSums(double[] x, int xOff, int rows, int n, double[] out) {
    kernels.reduceRows(ReduceOp.SUM, x, xOff, rows, n, out, 0, n);
  }

  @Override
  public void addInto(double[] src, int sOff, double[] dst, int dOff, int n) {
    for (int i = 0; i < n; i++) {
      dst[dOff + i] += src[sOff + i];
    }
  }

  @Override
  public void zero(double[] a, int off, int n) {
    java.util.Arrays.fill(a, off, off + n, 0.0);
  }

  @Override
  public void lstmForward(double[] g, int gOff, double[] cPrev, int cpOff, double[] c, int cOff, double[] h, int hOff,
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
  public void lstmBackward(double[] g, int gOff, double[] cPrev, int cpOff, double[] c, int cOff, double[] dh, int dhOff,
      double[] dc, int dcOff, double[] tmp, int tmpOff, int n) {
    kernels.unary(UnaryOp.TANH, c, cOff, tmp, tmpOff, n);
    for (int j = 0; j < n; j++) {
      int ii = gOff + j;
      int ff = ii + n;
      int gg = ff + n;
      int oo = gg + n;
      double i = g[ii];
      double f = g[ff];
      double gv = g[gg];
      double o = g[oo];
      double tc = tmp[tmpOff + j];
      double d = dh[dhOff + j];
      double dcj = dc[dcOff + j] + d * o * (1 - tc * tc);
      g[oo] = d * tc * o * (1 - o);
      g[ii] = dcj * gv * i * (1 - i);
      g[ff] = dcj * cPrev[cpOff + j] * f * (1 - f);
      g[gg] = dcj * i * (1 - gv * gv);
      dc[dcOff + j] = dcj * f;
    }
  }

  @Override
  public void gruForward(double[] gi, int giOff, double[] gh, int ghOff, double[] hPrev, int hpOff, double[] ghn,
      int ghnOff, double[] h, int hOff, int n) {
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
      double nv = gi[nn + j];
      h[hOff + j] = nv + gi[z + j] * (hPrev[hpOff + j] - nv);
    }
  }

  @Override
  public void gruBackward(double[] gi, int giOff, double[] ghn, int ghnOff, double[] hPrev, int hpOff, double[] dh,
      int dhOff, double[] dgh, int dghOff, int n) {
    for (int j = 0; j < n; j++) {
      int rr = giOff + j;
      int zz = rr + n;
      int nn = zz + n;
      double r = gi[rr];
      double z = gi[zz];
      double nv = gi[nn];
      double d = dh[dhOff + j];
      double dAn = d * (1 - z) * (1 - nv * nv);
      double dGr = dAn * ghn[ghnOff + j] * r * (1 - r);
      double dGz = d * (hPrev[hpOff + j] - nv) * z * (1 - z);
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
  public void rnnForward(Nonlinearity act, double[] pre, int preOff, double[] h, int hOff, int n) {
    kernels.unary(act == Nonlinearity.TANH ? UnaryOp.TANH : UnaryOp.RELU, pre, preOff, h, hOff, n);
  }

  @Override
  public void rnnBackward(Nonlinearity act, double[] h, int hOff, double[] dh, int dhOff, double[] dPre, int dPreOff,
      int n) {
    if (act == Nonlinearity.TANH) {
      for (int j = 0; j < n; j++) {
        double y = h[hOff + j];
        dPre[dPreOff + j] = dh[dhOff + j] * (1 - y * y);
      }
    } else {
      for (int j = 0; j < n; j++) {
        dPre[dPreOff + j] = h[hOff + j] > 0 ? dh[dhOff + j] : 0.0;
      }
    }
  }
}
