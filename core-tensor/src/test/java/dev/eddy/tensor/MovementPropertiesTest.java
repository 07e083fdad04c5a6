package dev.eddy.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Round trips and index laws of the shape and movement ops. */
class MovementPropertiesTest {

  private static int[] randomPermutation(SplittableRandom r, int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  @Property(tries = 200)
  void permuteThenInverseIsIdentity(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Tensor x = Naive.random(r, DType.F32, Naive.dims(r, 5, 5));
    int[] p = randomPermutation(r, x.rank());
    int[] inv = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      inv[p[i]] = i;
    }
    Tensor y = x.permute(p);
    for (int i = 0; i < p.length; i++) {
      assertEquals(x.dim(p[i]), y.dim(i));
    }
    if (x.numel() > 0) { // spot-check one element: y[idx] == x[idx permuted back]
      int[] yi = Naive.unravel(r.nextInt(y.numel()), y.shape().dims());
      int[] xi = new int[p.length];
      for (int i = 0; i < p.length; i++) {
        xi[p[i]] = yi[i];
      }
      assertEquals(x.get(xi), y.get(yi));
    }
    assertTrue(y.permute(inv).bitwiseEquals(x));
  }

  @Property(tries = 200)
  void reshapeRoundTripsAndInfersOneAxis(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] d = Naive.dims(r, 4, 5);
    Tensor x = Naive.random(r, DType.F64, d);
    Tensor flat = x.flatten();
    assertArrayEquals(new int[] {x.numel()}, flat.shape().dims());
    assertTrue(flat.reshape(d).bitwiseEquals(x));
    if (d.length > 0) {
      int[] withHole = d.clone();
      withHole[r.nextInt(d.length)] = -1;
      assertEquals(x.shape(), x.reshape(withHole).shape());
    }
  }

  @Property(tries = 200)
  void concatThenSplitRoundTrips(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] d = Naive.dims(r, 4, 4);
    if (d.length == 0) {
      return;
    }
    int axis = r.nextInt(d.length);
    int parts = 1 + r.nextInt(4);
    Tensor[] ts = new Tensor[parts];
    int[] sizes = new int[parts];
    for (int i = 0; i < parts; i++) {
      int[] di = d.clone();
      di[axis] = r.nextInt(4); // empty parts allowed
      sizes[i] = di[axis];
      ts[i] = Naive.random(r, DType.F32, di);
    }
    Tensor cat = Tensor.concat(axis - d.length, ts);
    List<Tensor> back = cat.split(axis, sizes);
    for (int i = 0; i < parts; i++) {
      assertTrue(back.get(i).bitwiseEquals(ts[i]), "part " + i);
    }
  }

  @Property(tries = 100)
  void stackEqualsConcatOfUnsqueezed(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] d = Naive.dims(r, 3, 4);
    int axis = r.nextInt(d.length + 1);
    Tensor a = Naive.random(r, DType.F32, d);
    Tensor b = Naive.random(r, DType.F32, d);
    Tensor s = Tensor.stack(axis, a, b);
    assertEquals(2, s.dim(axis));
    assertTrue(s.select(axis, 0).bitwiseEquals(a));
    assertTrue(s.select(axis, 1).bitwiseEquals(b));
    assertTrue(s.bitwiseEquals(Tensor.concat(axis, a.unsqueeze(axis), b.unsqueeze(axis))));
  }

  @Property(tries = 100)
  void sliceNarrowSelectFlipAgreeWithIndices(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] d = Naive.dims(r, 4, 5);
    if (d.length == 0) {
      return;
    }
    Tensor x = Naive.random(r, DType.F64, d);
    int axis = r.nextInt(d.length);
    int start = r.nextInt(d[axis]);
    int end = start + r.nextInt(d[axis] - start + 1);
    Tensor s = x.slice(axis, start, end);
    assertTrue(s.bitwiseEquals(x.narrow(axis, start, end - start)));
    Tensor f = x.flip(axis);
    assertTrue(f.flip(axis).bitwiseEquals(x));
    for (int i = 0; i < s.numel(); i++) {
      int[] si = Naive.unravel(i, s.shape().dims());
      int[] xi = si.clone();
      xi[axis] += start;
      assertEquals(x.get(xi), s.get(si));
    }
    for (int i = 0; i < f.numel(); i++) {
      int[] fi = Naive.unravel(i, d);
      int[] xi = fi.clone();
      xi[axis] = d[axis] - 1 - fi[axis];
      assertEquals(x.get(xi), f.get(fi));
    }
    Tensor sel = x.select(axis, start);
    assertTrue(sel.bitwiseEquals(x.narrow(axis, start, 1).squeeze(axis)));
  }

  @Property(tries = 100)
  void chunksCoverTheAxisInOrder(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Tensor x = Naive.random(r, DType.F32, 1 + r.nextInt(11), 3);
    int chunks = 1 + r.nextInt(5);
    List<Tensor> parts = x.chunk(chunks, 0);
    int size = (x.dim(0) + chunks - 1) / chunks;
    assertTrue(parts.size() <= chunks);
    for (int i = 0; i < parts.size() - 1; i++) {
      assertEquals(size, parts.get(i).dim(0));
    }
    assertTrue(Tensor.concat(0, parts).bitwiseEquals(x));
  }

  @Test
  void reshapeFamilySharesStorageAndTransposeDoesNot() {
    Tensor x = Tensor.arange(DType.F32, 6);
    assertSame(x.f32(), x.reshape(2, 3).f32());
    assertSame(x.f32(), x.reshape(2, 3).unsqueeze(0).squeeze(0).flatten().f32());
    Tensor t = x.reshape(2, 3).t();
    assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, t.f32());
    assertArrayEquals(new int[] {3, 2}, t.shape().dims());
    assertArrayEquals(new int[] {1, 2, 3}, x.reshape(2, 3).unsqueeze(-3).shape().dims());
    assertArrayEquals(new int[] {2, 3, 1}, x.reshape(2, 3).unsqueeze(-1).shape().dims());
  }

  @Test
  void broadcastToRepeatsRowsAndColumns() {
    Tensor row = Tensor.of(new float[] {1, 2, 3}, 3);
    assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3}, row.broadcastTo(2, 3).toFloatArray());
    Tensor col = Tensor.of(new float[] {1, 2}, 2, 1);
    assertArrayEquals(new float[] {1, 1, 1, 2, 2, 2}, col.expand(2, 3).toFloatArray());
  }
}
