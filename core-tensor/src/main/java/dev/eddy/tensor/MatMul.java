package dev.eddy.tensor;

import dev.eddy.tensor.gemm.Gemm;
import java.util.Arrays;

/**
 * Batched matrix products on {@link Gemm}. Transposed operands are passed to Gemm as flags, never
 * copied. When only {@code a} has batch axes (e.g. {@code [batch, time, in] @ [in, out]}) the batch is
 * folded into the rows of one GEMM; otherwise each batch element is one GEMM call.
 */
final class MatMul {
  private MatMul() {}

  private static String describe(Tensor t, boolean trans) {
    return t.shape() + (trans ? "^T" : "");
  }

  static Tensor matmul(Tensor a, boolean transA, Tensor b, boolean transB) {
    String what = "matmul: " + describe(a, transA) + " @ " + describe(b, transB);
    if (a.dtype() != b.dtype()) {
      throw new ShapeException(what + ": dtypes " + a.dtype() + " and " + b.dtype() + " differ");
    }
    if (a.rank() < 2 || b.rank() < 2) {
      throw new ShapeException(what + ": both operands need at least 2 axes (unsqueeze a vector)");
    }
    int[] ad = a.shape().dimsUnsafe();
    int[] bd = b.shape().dimsUnsafe();
    int ra = ad.length;
    int rb = bd.length;
    int m = transA ? ad[ra - 1] : ad[ra - 2];
    int k = transA ? ad[ra - 2] : ad[ra - 1];
    int kb = transB ? bd[rb - 1] : bd[rb - 2];
    int n = transB ? bd[rb - 2] : bd[rb - 1];
    if (k != kb) {
      throw new ShapeException(what + ": inner dimensions " + k + " and " + kb + " differ");
    }
    Shape aBatch = Shape.ofUnsafe(Arrays.copyOf(ad, ra - 2));
    Shape bBatch = Shape.ofUnsafe(Arrays.copyOf(bd, rb - 2));
    Shape batch;
    try {
      batch = Shape.broadcast("matmul", aBatch, bBatch);
    } catch (ShapeException e) {
      throw new ShapeException(what + ": batch dimensions " + aBatch + " and " + bBatch + " do not broadcast");
    }
    int[] od = Arrays.copyOf(batch.dimsUnsafe(), batch.rank() + 2);
    od[batch.rank()] = m;
    od[batch.rank() + 1] = n;
    Tensor out = Tensor.allocate(a.dtype(), Shape.ofUnsafe(od));
    if (out.numel() == 0 || k == 0) {
      return out; // an empty sum is 0
    }
    int lda = ad[ra - 1];
    int ldb = bd[rb - 1];
    if (bBatch.numel() == 1 && !transA) {
      gemm(a, false, b, transB, out, aBatch.numel() * m, n, k, 0, lda, 0, ldb, 0);
      return out;
    }
    int matA = m * k;
    int matB = k * n;
    int matC = m * n;
    RunLoop loop = RunLoop.broadcast(batch, aBatch, bBatch);
    int sa = loop.innerStride(1);
    int sb = loop.innerStride(2);
    loop.walk(0, loop.numel(), (offs, len) -> {
      for (int t = 0; t < len; t++) {
        gemm(a, transA, b, transB, out, m, n, k, (offs[1] + t * sa) * matA, lda, (offs[2] + t * sb) * matB, ldb,
            (offs[0] + t) * matC);
      }
    });
    return out;
  }

  private static void gemm(Tensor a, boolean transA, Tensor b, boolean transB, Tensor c, int m, int n, int k,
      int aOff, int lda, int bOff, int ldb, int cOff) {
    if (c.dtype() == DType.F32) {
      Gemm.sgemm(transA, transB, m, n, k, a.f(), aOff, lda, b.f(), bOff, ldb, c.f(), cOff, n, false);
    } else {
      Gemm.dgemm(transA, transB, m, n, k, a.d(), aOff, lda, b.d(), bOff, ldb, c.d(), cOff, n, false);
    }
  }
}
