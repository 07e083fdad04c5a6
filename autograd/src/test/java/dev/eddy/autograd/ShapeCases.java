package dev.eddy.autograd;

import dev.eddy.autograd.OpCase.Sample;
import dev.eddy.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Registry entries for {@link ShapeOps}. Multi-output ops are checked through a random subset of their outputs. */
final class ShapeCases {
  private ShapeCases() {}

  static List<OpCase> all() {
    return List.of(
        OpCase.of("ShapeOps.reshape(Var,int[])", r -> {
          Tensor x = Gen.values(r, Gen.dims(r, 0, 3, 4));
          int[] to = reshapeTarget(r, x);
          return Sample.of(v -> ShapeOps.reshape(v.get(0), to), x);
        }),
        OpCase.of("ShapeOps.flatten(Var)", r -> Sample.of(v -> ShapeOps.flatten(v.get(0)), Gen.values(r, Gen.dims(r, 0, 3, 4)))),
        OpCase.of("ShapeOps.squeeze(Var,int)", r -> {
          int[] d = Gen.dims(r, 0, 3, 4);
          int at = r.nextInt(d.length + 1);
          int[] withOne = new int[d.length + 1];
          for (int i = 0, j = 0; i < withOne.length; i++) {
            withOne[i] = i == at ? 1 : d[j++];
          }
          int axis = r.nextBoolean() ? at : at - withOne.length;
          return Sample.of(v -> ShapeOps.squeeze(v.get(0), axis), Gen.values(r, withOne));
        }),
        OpCase.of("ShapeOps.unsqueeze(Var,int)", r -> {
          Tensor x = Gen.values(r, Gen.dims(r, 0, 3, 4));
          int axis = r.nextInt(x.rank() + 1) - (r.nextBoolean() ? 0 : x.rank() + 1);
          return Sample.of(v -> ShapeOps.unsqueeze(v.get(0), axis), x);
        }),
        OpCase.of("ShapeOps.transpose(Var,int,int)", r -> {
          Tensor x = Gen.values(r, Gen.dims(r, 1, 4, 4));
          int a = Gen.axis(r, x.rank());
          int b = Gen.axis(r, x.rank());
          return Sample.of(v -> ShapeOps.transpose(v.get(0), a, b), x);
        }),
        OpCase.of("ShapeOps.t(Var)", r -> Sample.of(v -> ShapeOps.t(v.get(0)), Gen.values(r, Gen.dims(r, 2, 2, 5)))),
        OpCase.of("ShapeOps.permute(Var,int[])", r -> {
          Tensor x = Gen.values(r, Gen.dims(r, 0, 4, 4));
          int[] order = Gen.permutation(r, x.rank());
          for (int i = 0; i < order.length; i++) {
            order[i] -= r.nextBoolean() ? 0 : x.rank();
          }
          return Sample.of(v -> ShapeOps.permute(v.get(0), order), x);
        }),
        OpCase.of("ShapeOps.broadcastTo(Var,int[])", r -> {
          int[] d = Gen.dims(r, 0, 3, 4);
          return Sample.of(v -> ShapeOps.broadcastTo(v.get(0), d), Gen.values(r, Gen.partner(r, d, false)));
        }),
        OpCase.of("ShapeOps.slice(Var,int,int,int)", r -> {
          Tensor x = Gen.values(r, Gen.dims(r, 1, 3, 5));
          int axis = Gen.axis(r, x.rank());
          int d = x.dim(axis);
          int start = r.nextInt(d + 1);
          int end = start + r.nextInt(d - start + 1);
          int s = r.nextBoolean() || start == d ? start : start - d;
          int e = r.nextBoolean() || end == d ? end : end - d;
          return Sample.of(v -> ShapeOps.slice(v.get(0), axis, s, e), x);
        }),
        OpCase.of("ShapeOps.narrow(Var,int,int,int)", r -> {
          Tensor x = Gen.values(r, Gen.dims(r, 1, 3, 5));
          int axis = Gen.axis(r, x.rank());
          int d = x.dim(axis);
          int start = r.nextInt(d);
          int length = 1 + r.nextInt(d - start);
          return Sample.of(v -> ShapeOps.narrow(v.get(0), axis, start, length), x);
        }),
        OpCase.of("ShapeOps.select(Var,int,int)", r -> {
          Tensor x = Gen.values(r, Gen.dims(r, 1, 3, 4));
          int axis = Gen.axis(r, x.rank());
          int index = r.nextInt(x.dim(axis)) - (r.nextBoolean() ? 0 : x.dim(axis));
          return Sample.of(v -> ShapeOps.select(v.get(0), axis, index), x);
        }),
        OpCase.of("ShapeOps.flip(Var,int)", r -> {
          Tensor x = Gen.values(r, Gen.dims(r, 1, 3, 4));
          int axis = Gen.axis(r, x.rank());
          return Sample.of(v -> ShapeOps.flip(v.get(0), axis), x);
        }),
        OpCase.of("ShapeOps.concat(int,Var[])", r -> joined(r, true, false)),
        OpCase.of("ShapeOps.concat(int,List)", r -> joined(r, true, true)),
        OpCase.of("ShapeOps.stack(int,Var[])", r -> joined(r, false, false)),
        OpCase.of("ShapeOps.stack(int,List)", r -> joined(r, false, true)),
        OpCase.of("ShapeOps.split(Var,int,int[])", r -> {
          Tensor x = Gen.values(r, Gen.dims(r, 1, 3, 5));
          int axis = Gen.axis(r, x.rank());
          int left = x.dim(axis);
          List<Integer> sizes = new ArrayList<>();
          while (left > 0) {
            int s = 1 + r.nextInt(left);
            sizes.add(s);
            left -= s;
          }
          int[] sz = sizes.stream().mapToInt(Integer::intValue).toArray();
          boolean[] used = subset(r, sz.length);
          return Sample.of(v -> joinUsed(ShapeOps.split(v.get(0), axis, sz), used), x);
        }),
        OpCase.of("ShapeOps.chunk(Var,int,int)", r -> {
          Tensor x = Gen.values(r, Gen.dims(r, 1, 3, 6));
          int axis = Gen.axis(r, x.rank());
          int chunks = 1 + r.nextInt(4);
          int pieces = x.chunk(chunks, axis).size();
          boolean[] used = subset(r, pieces);
          return Sample.of(v -> joinUsed(ShapeOps.chunk(v.get(0), chunks, axis), used), x);
        }));
  }

  /** A shape with x's element count: a permutation of its dims, one -1, or a flat/[1, n] form. */
  private static int[] reshapeTarget(SplittableRandom r, Tensor x) {
    int[] d = x.shape().dims();
    switch (r.nextInt(3)) {
      case 0 -> {
        int[] p = Gen.permutation(r, d.length);
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
          out[i] = d[p[i]];
        }
        if (out.length > 0 && r.nextBoolean()) {
          out[r.nextInt(out.length)] = -1;
        }
        return out;
      }
      case 1 -> {
        return new int[] {x.numel()};
      }
      default -> {
        return new int[] {1, x.numel(), 1};
      }
    }
  }

  /** Two or three Vars that concat (or stack) along a random axis, passed as an array or a list. */
  private static Sample joined(SplittableRandom r, boolean concat, boolean asList) {
    int[] d = Gen.dims(r, 1, 3, 4);
    int axis = concat ? Gen.axis(r, d.length) : r.nextInt(d.length + 1) - (r.nextBoolean() ? 0 : d.length + 1);
    int n = 1 + r.nextInt(3);
    Tensor[] parts = new Tensor[n];
    for (int i = 0; i < n; i++) {
      int[] di = d.clone();
      if (concat) {
        di[Math.floorMod(axis, d.length)] = 1 + r.nextInt(3);
      }
      parts[i] = Gen.values(r, di);
    }
    if (asList) {
      return Sample.of(v -> concat ? ShapeOps.concat(axis, v) : ShapeOps.stack(axis, v), parts);
    }
    return Sample.of(v -> {
      Var[] arr = v.toArray(Var[]::new);
      return concat ? ShapeOps.concat(axis, arr) : ShapeOps.stack(axis, arr);
    }, parts);
  }

  /** A non-empty random subset of n outputs. */
  private static boolean[] subset(SplittableRandom r, int n) {
    boolean[] used = new boolean[n];
    used[r.nextInt(n)] = true;
    for (int i = 0; i < n; i++) {
      used[i] |= r.nextInt(3) == 0;
    }
    return used;
  }

  /** The used outputs flattened and joined into one Var, so unused outputs get no gradient. */
  private static Var joinUsed(List<Var> parts, boolean[] used) {
    List<Var> flat = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      if (used[i]) {
        flat.add(ShapeOps.flatten(parts.get(i)));
      }
    }
    return ShapeOps.concat(0, flat);
  }
}
