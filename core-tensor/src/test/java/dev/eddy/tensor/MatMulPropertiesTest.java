package dev.eddy.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** matmul (all transpose variants, batched with broadcast batch axes) against a naive triple loop. */
class MatMulPropertiesTest {

  /** Naive op(a) @ op(b) for 2-D operands. */
  private static double[] naive(Tensor a, boolean ta, Tensor b, boolean tb) {
    int m = ta ? a.dim(1) : a.dim(0);
    int k = ta ? a.dim(0) : a.dim(1);
    int n = tb ? b.dim(0) : b.dim(1);
    double[] c = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s += (ta ? a.get(p, i) : a.get(i, p)) * (tb ? b.get(j, p) : b.get(p, j));
        }
        c[i * n + j] = s;
      }
    }
    return c;
  }

  private static Tensor matrix(SplittableRandom r, boolean trans, int rows, int cols) {
    return trans ? Naive.random(r, DType.F64, cols, rows) : Naive.random(r, DType.F64, rows, cols);
  }

  @Property(tries = 100)
  void twoDimensionalAllTransposeVariants(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int m = 1 + r.nextInt(9);
    int k = r.nextInt(9);
    int n = 1 + r.nextInt(9);
    for (int v = 0; v < 4; v++) {
      boolean ta = (v & 1) != 0;
      boolean tb = (v & 2) != 0;
      Tensor a = matrix(r, ta, m, k);
      Tensor b = matrix(r, tb, k, n);
      Tensor c = Tensor.matmul(a, ta, b, tb);
      assertArrayEquals(new int[] {m, n}, c.shape().dims());
      assertArrayEquals(naive(a, ta, b, tb), c.toDoubleArray(), 1e-12);
      Tensor viaCopies = (ta ? a.t() : a).matmul(tb ? b.t() : b);
      assertTrue(c.allClose(viaCopies, 1e-12, 1e-12));
    }
  }

  @Property(tries = 100)
  void batchedWithBroadcastBatchAxes(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int m = 1 + r.nextInt(5);
    int k = 1 + r.nextInt(5);
    int n = 1 + r.nextInt(5);
    int[] batch = Naive.dims(r, 2, 3);
    int[] bBatch = Naive.broadcastPartner(r, batch);
    boolean swap = r.nextBoolean();
    int[] aBatch = swap ? bBatch : batch;
    bBatch = swap ? batch : bBatch;
    boolean ta = r.nextBoolean();
    boolean tb = r.nextBoolean();
    Tensor a = Naive.random(r, DType.F64, concat(aBatch, ta ? new int[] {k, m} : new int[] {m, k}));
    Tensor b = Naive.random(r, DType.F64, concat(bBatch, tb ? new int[] {n, k} : new int[] {k, n}));
    Tensor c = Tensor.matmul(a, ta, b, tb);
    Shape outBatch = Shape.broadcast("test", Shape.of(aBatch), Shape.of(bBatch));
    assertArrayEquals(concat(outBatch.dims(), new int[] {m, n}), c.shape().dims());
    // each output matrix equals the 2-D product of the broadcast operands' matrices
    Tensor ab = a.broadcastTo(concat(outBatch.dims(), a.shape().dims(), aBatch.length));
    Tensor bb = b.broadcastTo(concat(outBatch.dims(), b.shape().dims(), bBatch.length));
    int count = outBatch.numel();
    Tensor a3 = ab.reshape(count, ab.dim(-2), ab.dim(-1));
    Tensor b3 = bb.reshape(count, bb.dim(-2), bb.dim(-1));
    Tensor c3 = c.reshape(count, m, n);
    for (int i = 0; i < count; i++) {
      assertArrayEquals(naive(a3.select(0, i), ta, b3.select(0, i), tb), c3.select(0, i).toDoubleArray(), 1e-12);
    }
  }

  private static int[] concat(int[] x, int[] y) {
    return concat(x, y, 0);
  }

  /** x followed by y without its first {@code skip} entries. */
  private static int[] concat(int[] x, int[] y, int skip) {
    int[] out = new int[x.length + y.length - skip];
    System.arraycopy(x, 0, out, 0, x.length);
    System.arraycopy(y, skip, out, x.length, y.length - skip);
    return out;
  }

  @Test
  void projectsEveryTimeStepOfABatch() {
    SplittableRandom r = new SplittableRandom(5);
    Tensor x = Naive.random(r, DType.F32, 3, 4, 5); // [batch, time, in]
    Tensor w = Naive.random(r, DType.F32, 5, 2); // [in, out]
    Tensor y = x.matmul(w);
    assertArrayEquals(new int[] {3, 4, 2}, y.shape().dims());
    assertTrue(y.select(1, 2).allClose(x.select(1, 2).matmul(w), 1e-6, 1e-6));
    Tensor yt = Tensor.matmul(x, false, w.t(), true);
    assertTrue(y.allClose(yt, 1e-6, 1e-6));
  }
}
