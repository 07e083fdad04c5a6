package dev.eddy.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shape and movement ops. Reshape and its relatives share storage; everything else materialises a
 * strided view of the source (a permutation, broadcast, slice or flip is just a base offset and a
 * stride per axis) with {@link #copyView}, which copies contiguous runs with {@code arraycopy}.
 */
final class Movement {
  private Movement() {}

  static Tensor reshape(Tensor x, int... dims) {
    int[] d = dims.clone();
    int infer = -1;
    long known = 1;
    for (int i = 0; i < d.length; i++) {
      if (d[i] == -1 && infer < 0) {
        infer = i;
      } else if (d[i] < 0) {
        throw new ShapeException("reshape: cannot reshape " + x.shape() + " into " + Arrays.toString(dims)
            + ": sizes must be >= 0, with at most one -1");
      } else {
        known *= d[i];
      }
    }
    if (infer >= 0) {
      if (known == 0 || x.numel() % known != 0) {
        throw new ShapeException("reshape: cannot reshape " + x.shape() + " (" + x.numel() + " elements) into "
            + Arrays.toString(dims) + ": no size for -1 fits");
      }
      d[infer] = (int) (x.numel() / known);
    } else if (known != x.numel()) {
      throw new ShapeException("reshape: cannot reshape " + x.shape() + " (" + x.numel() + " elements) into "
          + Arrays.toString(dims) + " (" + known + " elements)");
    }
    return x.view(Shape.of(d));
  }

  static Tensor squeeze(Tensor x, int axis) {
    int ax = x.shape().axis("squeeze", axis);
    if (x.shape().dimsUnsafe()[ax] != 1) {
      throw new ShapeException("squeeze: axis " + axis + " of shape " + x.shape() + " has size "
          + x.shape().dimsUnsafe()[ax] + ", not 1");
    }
    return x.view(x.shape().without(ax));
  }

  static Tensor unsqueeze(Tensor x, int axis) {
    int ax = Shape.normalizeAxis("unsqueeze", axis, x.rank() + 1);
    return x.view(x.shape().inserting(ax, 1));
  }

  /** Copies the view of {@code src} with shape {@code outShape} whose element at c is {@code src[base + Σ c[i]·strides[i]]}. */
  static Tensor copyView(Tensor src, Shape outShape, int base, int[] strides) {
    Tensor out = Tensor.allocate(src.dtype(), outShape);
    RunLoop loop = RunLoop.strided(outShape.dimsUnsafe(), new int[][] {outShape.strides(), strides}, new int[] {0, base});
    int step = loop.innerStride(1);
    loop.forEach((offs, n) -> copyRun(src, offs[1], step, out, offs[0], n));
    return out;
  }

  private static void copyRun(Tensor src, int from, int step, Tensor out, int to, int n) {
    if (step == 1) {
      System.arraycopy(src.data(), from, out.data(), to, n);
    } else if (src.dtype() == DType.F32) {
      float[] s = src.f();
      float[] o = out.f();
      for (int i = 0; i < n; i++) {
        o[to + i] = s[from + i * step];
      }
    } else {
      double[] s = src.d();
      double[] o = out.d();
      for (int i = 0; i < n; i++) {
        o[to + i] = s[from + i * step];
      }
    }
  }

  static Tensor permute(Tensor x, int... order) {
    int r = x.rank();
    boolean[] seen = new boolean[r];
    boolean valid = order.length == r;
    for (int i = 0; valid && i < r; i++) {
      valid = order[i] >= -r && order[i] < r && !seen[order[i] < 0 ? order[i] + r : order[i]];
      if (valid) {
        seen[order[i] < 0 ? order[i] + r : order[i]] = true;
      }
    }
    if (!valid) {
      throw new ShapeException("permute: " + Arrays.toString(order) + " is not a permutation of the "
          + r + " axes of shape " + x.shape());
    }
    int[] src = x.shape().strides();
    int[] dims = new int[r];
    int[] strides = new int[r];
    for (int i = 0; i < r; i++) {
      int a = order[i] < 0 ? order[i] + r : order[i];
      dims[i] = x.shape().dimsUnsafe()[a];
      strides[i] = src[a];
    }
    return copyView(x, Shape.ofUnsafe(dims), 0, strides);
  }

  static Tensor transpose(Tensor x, int axisA, int axisB) {
    int a = x.shape().axis("transpose", axisA);
    int b = x.shape().axis("transpose", axisB);
    int[] order = new int[x.rank()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    order[a] = b;
    order[b] = a;
    return permute(x, order);
  }

  /** {@code x} with {@code axis} moved to position {@code to} (both normalised), the others in order. */
  static Tensor moveAxis(Tensor x, int axis, int to) {
    if (axis == to) {
      return x;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < x.rank(); i++) {
      if (i != axis) {
        order.add(i);
      }
    }
    order.add(to, axis);
    return permute(x, order.stream().mapToInt(Integer::intValue).toArray());
  }

  static Tensor broadcastTo(Tensor x, Shape target) {
    if (!x.shape().broadcastsTo(target)) {
      throw new ShapeException("broadcastTo: shape " + x.shape() + " does not broadcast to " + target);
    }
    return copyView(x, target, 0, RunLoop.broadcastStrides(x.shape(), target.rank()));
  }

  static Tensor slice(Tensor x, int axis, int start, int end) {
    int ax = x.shape().axis("slice", axis);
    int d = x.shape().dimsUnsafe()[ax];
    int s = start < 0 ? start + d : start;
    int e = end < 0 ? end + d : end;
    if (s < 0 || e > d || s > e) {
      throw new ShapeException("slice: [" + start + ", " + end + ") is not a range within axis " + axis
          + " of size " + d + " (shape " + x.shape() + ")");
    }
    return narrow("slice", x, ax, s, e - s);
  }

  static Tensor narrow(String op, Tensor x, int axis, int start, int length) {
    int ax = x.shape().axis(op, axis);
    int d = x.shape().dimsUnsafe()[ax];
    int s = start < 0 ? start + d : start;
    if (s < 0 || length < 0 || s + length > d) {
      throw new ShapeException(op + ": start " + start + " and length " + length + " do not fit in axis "
          + axis + " of size " + d + " (shape " + x.shape() + ")");
    }
    int[] strides = x.shape().strides();
    return copyView(x, x.shape().with(ax, length), s * strides[ax], strides);
  }

  static Tensor select(Tensor x, int axis, int index) {
    int ax = x.shape().axis("select", axis);
    int d = x.shape().dimsUnsafe()[ax];
    int i = index < 0 ? index + d : index;
    if (i < 0 || i >= d) {
      throw new ShapeException("select: index " + index + " is out of range for axis " + axis + " of size " + d
          + " (shape " + x.shape() + ")");
    }
    int[] strides = x.shape().strides();
    int[] kept = new int[x.rank() - 1];
    for (int k = 0, j = 0; k < x.rank(); k++) {
      if (k != ax) {
        kept[j++] = strides[k];
      }
    }
    return copyView(x, x.shape().without(ax), i * strides[ax], kept);
  }

  static Tensor flip(Tensor x, int axis) {
    int ax = x.shape().axis("flip", axis);
    int[] strides = x.shape().strides();
    int d = x.shape().dimsUnsafe()[ax];
    int base = d == 0 ? 0 : (d - 1) * strides[ax];
    strides[ax] = -strides[ax];
    return copyView(x, x.shape(), base, strides);
  }

  static Tensor concat(int axis, List<Tensor> tensors) {
    if (tensors.isEmpty()) {
      throw new ShapeException("concat: needs at least one tensor");
    }
    Tensor first = tensors.get(0);
    int ax = first.shape().axis("concat", axis);
    int total = 0;
    for (int t = 0; t < tensors.size(); t++) {
      Tensor x = tensors.get(t);
      Elementwise.checkDTypes("concat", first, x);
      if (!sameExcept(first.shape(), x.shape(), ax)) {
        throw new ShapeException("concat: shapes " + first.shape() + " (tensor 0) and " + x.shape()
            + " (tensor " + t + ") differ outside axis " + axis);
      }
      total += x.shape().dimsUnsafe()[ax];
    }
    Tensor out = Tensor.allocate(first.dtype(), first.shape().with(ax, total));
    int outer = first.shape().product(0, ax);
    int inner = first.shape().product(ax + 1, first.rank());
    int offset = 0;
    for (Tensor x : tensors) {
      int chunk = x.shape().dimsUnsafe()[ax] * inner;
      for (int o = 0; o < outer; o++) {
        System.arraycopy(x.data(), o * chunk, out.data(), o * total * inner + offset, chunk);
      }
      offset += chunk;
    }
    return out;
  }

  private static boolean sameExcept(Shape a, Shape b, int axis) {
    if (a.rank() != b.rank()) {
      return false;
    }
    for (int i = 0; i < a.rank(); i++) {
      if (i != axis && a.dimsUnsafe()[i] != b.dimsUnsafe()[i]) {
        return false;
      }
    }
    return true;
  }

  static Tensor stack(int axis, List<Tensor> tensors) {
    if (tensors.isEmpty()) {
      throw new ShapeException("stack: needs at least one tensor");
    }
    Shape s = tensors.get(0).shape();
    int ax = Shape.normalizeAxis("stack", axis, s.rank() + 1);
    List<Tensor> parts = new ArrayList<>(tensors.size());
    for (int t = 0; t < tensors.size(); t++) {
      Tensor x = tensors.get(t);
      if (!x.shape().equals(s)) {
        throw new ShapeException("stack: shapes " + s + " (tensor 0) and " + x.shape() + " (tensor " + t
            + ") differ; stacked tensors must have equal shapes");
      }
      parts.add(x.view(s.inserting(ax, 1)));
    }
    return concat(ax, parts);
  }

  static List<Tensor> split(Tensor x, int axis, int... sizes) {
    int ax = x.shape().axis("split", axis);
    int d = x.shape().dimsUnsafe()[ax];
    long sum = 0;
    for (int s : sizes) {
      if (s < 0) {
        sum = -1;
        break;
      }
      sum += s;
    }
    if (sum != d) {
      throw new ShapeException("split: sizes " + Arrays.toString(sizes) + " do not add up to size " + d
          + " of axis " + axis + " (shape " + x.shape() + ")");
    }
    List<Tensor> parts = new ArrayList<>(sizes.length);
    int start = 0;
    for (int s : sizes) {
      parts.add(narrow("split", x, ax, start, s));
      start += s;
    }
    return parts;
  }

  static List<Tensor> chunk(Tensor x, int chunks, int axis) {
    int ax = x.shape().axis("chunk", axis);
    if (chunks < 1) {
      throw new IllegalArgumentException("chunk: chunks must be at least 1, got " + chunks);
    }
    int d = x.shape().dimsUnsafe()[ax];
    if (d == 0) {
      return List.of(x.copy());
    }
    int size = (d + chunks - 1) / chunks;
    List<Tensor> parts = new ArrayList<>();
    for (int start = 0; start < d; start += size) {
      parts.add(narrow("chunk", x, ax, start, Math.min(size, d - start)));
    }
    return parts;
  }
}
