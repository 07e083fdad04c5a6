package dev.eddy.autograd;

import dev.eddy.autograd.OpCase.Sample;
import java.util.List;
import java.util.SplittableRandom;

/** Registry entries for {@link MatMulOps}: 2-D and batched with broadcast batch axes, every transpose form. */
final class MatMulCases {
  private MatMulCases() {}

  static List<OpCase> all() {
    return List.of(
        OpCase.of("MatMulOps.matmul(Var,Var)", r -> product(r, false, false)),
        OpCase.of("MatMulOps.matmul(Var,boolean,Var,boolean)", r -> product(r, r.nextBoolean(), r.nextBoolean())));
  }

  private static Sample product(SplittableRandom r, boolean transA, boolean transB) {
    int m = 1 + r.nextInt(4);
    int k = 1 + r.nextInt(4);
    int n = 1 + r.nextInt(4);
    int[][] batch = r.nextInt(3) == 0 ? new int[][] {{}, {}} : Gen.broadcastPair(r);
    int[] a = withMatrix(batch[0], transA ? k : m, transA ? m : k);
    int[] b = withMatrix(batch[1], transB ? n : k, transB ? k : n);
    return Sample.of(v -> MatMulOps.matmul(v.get(0), transA, v.get(1), transB), Gen.values(r, a), Gen.values(r, b));
  }

  private static int[] withMatrix(int[] batch, int rows, int cols) {
    int[] d = new int[batch.length + 2];
    System.arraycopy(batch, 0, d, 0, batch.length);
    d[batch.length] = rows;
    d[batch.length + 1] = cols;
    return d;
  }
}
