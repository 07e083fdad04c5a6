package dev.eddy.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** indexSelect/gather against direct indexing, and indexAdd/scatterAdd as their adjoints. */
class IndexingPropertiesTest {

  private static Tensor randomIndex(SplittableRandom r, int bound, int... dims) {
    Tensor t = Tensor.zeros(DType.F64, dims);
    for (int i = 0; i < t.numel(); i++) {
      t.setFlat(i, r.nextInt(bound));
    }
    return t;
  }

  @Property(tries = 200)
  void indexSelectAndIndexAddAreAdjoint(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] d = Naive.dims(r, 3, 5);
    if (d.length == 0) {
      return;
    }
    int axis = r.nextInt(d.length);
    Tensor x = Naive.random(r, DType.F64, d);
    Tensor idx = randomIndex(r, d[axis], Naive.dims(r, 2, 4)); // repeats likely
    Tensor sel = x.indexSelect(axis, idx);
    assertEquals(d.length - 1 + idx.rank(), sel.rank());
    for (int i = 0; i < sel.numel(); i++) { // sel[pre, j..., post] == x[pre, idx[j...], post]
      int[] si = Naive.unravel(i, sel.shape().dims());
      int[] xi = new int[d.length];
      int[] ii = new int[idx.rank()];
      System.arraycopy(si, 0, xi, 0, axis);
      System.arraycopy(si, axis, ii, 0, idx.rank());
      System.arraycopy(si, axis + idx.rank(), xi, axis + 1, d.length - axis - 1);
      xi[axis] = (int) idx.get(ii);
      assertEquals(x.get(xi), sel.get(si));
    }
    Tensor y = Naive.random(r, DType.F64, sel.shape().dims());
    Tensor back = Tensor.zerosLike(x).indexAdd(axis, idx, y);
    assertEquals(Naive.inner(sel, y), Naive.inner(x, back), 1e-9);
    int[] flatIdx = idx.toIntArray();
    Tensor sel1 = x.indexSelect(axis, flatIdx);
    Tensor y1 = y.reshape(sel1.shape().dims());
    assertTrue(back.bitwiseEquals(Tensor.zerosLike(x).indexAdd(axis, flatIdx, y1)));
  }

  @Property(tries = 200)
  void gatherAndScatterAddAreAdjoint(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] d = Naive.dims(r, 4, 4);
    if (d.length == 0) {
      return;
    }
    int axis = r.nextInt(d.length);
    int[] id = new int[d.length];
    for (int i = 0; i < d.length; i++) {
      id[i] = i == axis ? 1 + r.nextInt(5) : 1 + r.nextInt(d[i]);
    }
    Tensor x = Naive.random(r, DType.F64, d);
    Tensor index = randomIndex(r, d[axis], id);
    Tensor g = x.gather(axis, index);
    assertArrayEquals(id, g.shape().dims());
    for (int i = 0; i < g.numel(); i++) {
      int[] gi = Naive.unravel(i, id);
      int[] xi = gi.clone();
      xi[axis] = (int) index.get(gi);
      assertEquals(x.get(xi), g.get(gi));
    }
    Tensor y = Naive.random(r, DType.F64, id);
    Tensor s = Tensor.zerosLike(x).scatterAdd(axis, index, y);
    assertEquals(Naive.inner(g, y), Naive.inner(x, s), 1e-9);
  }

  @Test
  void embeddingLookup() {
    Tensor table = Tensor.of(new float[] {0, 0, 1, 1, 2, 2}, 3, 2);
    Tensor tokens = Tensor.of(new float[] {2, 0, 2, 1}, 2, 2);
    Tensor e = table.indexSelect(0, tokens);
    assertArrayEquals(new int[] {2, 2, 2}, e.shape().dims());
    assertArrayEquals(new float[] {2, 2, 0, 0, 2, 2, 1, 1}, e.toFloatArray());
    Tensor grad = Tensor.zerosLike(table).indexAdd(0, tokens, Tensor.onesLike(e));
    assertArrayEquals(new float[] {1, 1, 1, 1, 2, 2}, grad.toFloatArray(), "repeated index 2 accumulates");
  }

  @Test
  void scatterAddAccumulatesRepeats() {
    Tensor x = Tensor.zeros(DType.F32, 2, 3);
    Tensor index = Tensor.of(new float[] {0, 0, 2, 1}, 2, 2);
    Tensor src = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
    assertArrayEquals(new float[] {3, 0, 0, 0, 4, 3}, x.scatterAdd(1, index, src).toFloatArray());
    assertTrue(x.sum().item() == 0, "the receiver is unchanged");
  }
}
