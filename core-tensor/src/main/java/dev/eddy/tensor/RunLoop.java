package dev.eddy.tensor;

/**
 * Walks the elements of an output, in row-major order, as contiguous runs along the innermost axis,
 * with the matching offsets of operands that are strided views onto it. This is how broadcasting,
 * permutes, slices and flips reach the kernels: a broadcast axis is an operand stride of 0, a
 * permuted axis is a reordered stride, a flip is a negative stride from a shifted base.
 *
 * <p>Before walking, axes of size 1 are dropped and neighbouring axes that every operand steps
 * through contiguously are merged, so {@code [B, N] + [N]} becomes B runs of N elements with the bias
 * stride 1 (run ⊕ run) and {@code [B, N] + [B, 1]} becomes B runs where the second operand has inner
 * stride 0 (run ⊕ scalar).
 *
 * <p>Operand 0 is the output itself (contiguous); operands 1.. are the inputs.
 */
final class RunLoop {

  /** One run: {@code offsets[k]} is operand k's offset of the run's first element. */
  @FunctionalInterface
  interface Body {
    void run(int[] offsets, int length);
  }

  private final int[] dims;
  private final int[][] strides;
  private final int[] bases;
  private final int numel;

  private RunLoop(int[] dims, int[][] strides, int[] bases, int numel) {
    this.dims = dims;
    this.strides = strides;
    this.bases = bases;
    this.numel = numel;
  }

  /** Walks {@code out} with each input broadcast onto it (inputs have already been checked). */
  static RunLoop broadcast(Shape out, Shape... inputs) {
    int r = out.rank();
    int[][] strides = new int[inputs.length + 1][];
    strides[0] = out.strides();
    for (int k = 0; k < inputs.length; k++) {
      strides[k + 1] = broadcastStrides(inputs[k], r);
    }
    return strided(out.dimsUnsafe(), strides, new int[inputs.length + 1]);
  }

  /** The strides of {@code in} viewed with rank {@code rank}: 0 on missing and size-1 axes. */
  static int[] broadcastStrides(Shape in, int rank) {
    int[] s = new int[rank];
    int[] own = in.strides();
    int lead = rank - in.rank();
    for (int i = 0; i < in.rank(); i++) {
      s[lead + i] = in.dimsUnsafe()[i] == 1 ? 0 : own[i];
    }
    return s;
  }

  /**
   * Walks an output of {@code dims} (contiguous, {@code strides[0]} are its row-major strides) with
   * operand k at {@code bases[k] + Σ coord[i] * strides[k][i]}.
   */
  static RunLoop strided(int[] dims, int[][] strides, int[] bases) {
    int numel = 1;
    for (int d : dims) {
      numel *= d;
    }
    int ops = strides.length;
    int[] cd = new int[dims.length];
    int[][] cs = new int[ops][dims.length];
    int r = 0;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] == 1) {
        continue; // a size-1 axis is never stepped along
      }
      boolean merge = r > 0;
      for (int k = 0; k < ops && merge; k++) {
        merge = cs[k][r - 1] == strides[k][i] * dims[i];
      }
      if (merge) {
        cd[r - 1] *= dims[i];
        for (int k = 0; k < ops; k++) {
          cs[k][r - 1] = strides[k][i];
        }
      } else {
        cd[r] = dims[i];
        for (int k = 0; k < ops; k++) {
          cs[k][r] = strides[k][i];
        }
        r++;
      }
    }
    if (r == 0) {
      return new RunLoop(new int[] {1}, new int[ops][1], bases.clone(), numel);
    }
    int[] fd = java.util.Arrays.copyOf(cd, r);
    int[][] fs = new int[ops][];
    for (int k = 0; k < ops; k++) {
      fs[k] = java.util.Arrays.copyOf(cs[k], r);
    }
    return new RunLoop(fd, fs, bases.clone(), numel);
  }

  /** Elements per run (the size of the merged innermost axis). */
  int runLength() {
    return dims[dims.length - 1];
  }

  /** Operand k's stride along a run: 1 for a contiguous run, 0 for a broadcast value, anything for views. */
  int innerStride(int k) {
    return strides[k][dims.length - 1];
  }

  /** Number of output elements. */
  int numel() {
    return numel;
  }

  /** Walks all elements, split across threads for large outputs (each run piece goes to one thread). */
  void forEach(Body body) {
    Parallel.forRange(numel, Elementwise.PARALLEL_CHUNK, (s, e) -> walk(s, e, body));
  }

  /** Walks output elements {@code [start, end)}; runs are cut at the range ends. */
  void walk(int start, int end, Body body) {
    if (start >= end) {
      return;
    }
    int ops = strides.length;
    int outer = dims.length - 1;
    int len = dims[outer];
    int run = start / len;
    int within = start % len;
    int[] coord = new int[Math.max(outer, 1)];
    int[] base = bases.clone();
    for (int i = outer - 1; i >= 0; i--) {
      coord[i] = run % dims[i];
      run /= dims[i];
      for (int k = 0; k < ops; k++) {
        base[k] += coord[i] * strides[k][i];
      }
    }
    int[] offs = new int[ops];
    int pos = start;
    while (true) {
      for (int k = 0; k < ops; k++) {
        offs[k] = base[k] + within * strides[k][outer];
      }
      int n = Math.min(len - within, end - pos);
      body.run(offs, n);
      pos += n;
      if (pos >= end) {
        return;
      }
      within = 0;
      for (int i = outer - 1; i >= 0; i--) { // odometer step to the next run
        coord[i]++;
        for (int k = 0; k < ops; k++) {
          base[k] += strides[k][i];
        }
        if (coord[i] < dims[i]) {
          break;
        }
        for (int k = 0; k < ops; k++) {
          base[k] -= strides[k][i] * dims[i];
        }
        coord[i] = 0;
      }
    }
  }
}
