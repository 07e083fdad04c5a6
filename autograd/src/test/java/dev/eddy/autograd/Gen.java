package dev.eddy.autograd;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Random shapes and values for gradient tests: small shapes with size-1 axes, broadcast partners,
 * and values kept away from the points where an op is not differentiable.
 */
final class Gen {
  private Gen() {}

  /** Gap kept between a value and a kink (or between values that must not tie); far above GradCheck's step. */
  static final double GAP = 0.05;

  /** Dims of rank in [minRank, maxRank], each size in [1, maxDim], with size 1 a little more likely. */
  static int[] dims(SplittableRandom r, int minRank, int maxRank, int maxDim) {
    int[] d = new int[minRank + r.nextInt(maxRank - minRank + 1)];
    for (int i = 0; i < d.length; i++) {
      d[i] = r.nextInt(4) == 0 ? 1 : 1 + r.nextInt(maxDim);
    }
    return d;
  }

  /** Dims that broadcast with {@code dims}: a random suffix with some sizes 1, sometimes with an extra leading axis. */
  static int[] partner(SplittableRandom r, int[] dims) {
    return partner(r, dims, true);
  }

  /** Like {@link #partner(SplittableRandom, int[])}; never of higher rank than dims unless {@code mayGrow}. */
  static int[] partner(SplittableRandom r, int[] dims, boolean mayGrow) {
    int rank = r.nextInt(dims.length + 1);
    int[] d = new int[rank];
    for (int i = 0; i < rank; i++) {
      d[i] = r.nextInt(3) == 0 ? 1 : dims[dims.length - rank + i];
    }
    if (mayGrow && rank == dims.length && r.nextInt(4) == 0) {
      int[] longer = new int[rank + 1];
      longer[0] = 1 + r.nextInt(3);
      System.arraycopy(d, 0, longer, 1, rank);
      return longer;
    }
    return d;
  }

  /** Two shapes that broadcast together, in random order (often different, sometimes equal). */
  static int[][] broadcastPair(SplittableRandom r) {
    int[] a = dims(r, 0, 3, 4);
    int[] b = r.nextInt(4) == 0 ? a.clone() : partner(r, a);
    return r.nextBoolean() ? new int[][] {a, b} : new int[][] {b, a};
  }

  /** Uniform in [-2, 2), F64. */
  static Tensor values(SplittableRandom r, int... dims) {
    return Tensor.uniform(r, DType.F64, -2, 2, dims);
  }

  /** Uniform in [lo, hi), F64. */
  static Tensor uniform(SplittableRandom r, double lo, double hi, int... dims) {
    return Tensor.uniform(r, DType.F64, lo, hi, dims);
  }

  /** Values in [-2, 2) at least {@link #GAP} from every point in {@code avoid}. */
  static Tensor avoiding(SplittableRandom r, double[] avoid, int... dims) {
    int n = Tensor.zeros(DType.F64, dims).numel();
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      do {
        v[i] = r.nextDouble(-2, 2);
      } while (near(v[i], avoid));
    }
    return Tensor.wrap(v, dims);
  }

  private static boolean near(double x, double[] points) {
    for (double p : points) {
      if (Math.abs(x - p) < GAP) {
        return true;
      }
    }
    return false;
  }

  /** Values at least {@link #GAP} from 0 in magnitude. */
  static Tensor awayFromZero(SplittableRandom r, int... dims) {
    return avoiding(r, new double[] {0}, dims);
  }

  /** Pairwise distinct values (gaps of at least 2·GAP between any two), in random order: no ties for max/min. */
  static Tensor distinct(SplittableRandom r, int... dims) {
    int n = Tensor.zeros(DType.F64, dims).numel();
    int[] perm = permutation(r, n);
    double[] v = new double[n];
    double step = 4 * GAP;
    for (int i = 0; i < n; i++) {
      v[i] = (perm[i] - n / 2.0) * step + r.nextDouble(-GAP, GAP);
    }
    return Tensor.wrap(v, dims);
  }

  /** Values on the grid {@code 0.2·k + offset} in [-2, 2]: two grids with offsets 0 and 0.1 never come within 0.1. */
  static Tensor grid(SplittableRandom r, double offset, int... dims) {
    int n = Tensor.zeros(DType.F64, dims).numel();
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 0.2 * (r.nextInt(20) - 10) + offset;
    }
    return Tensor.wrap(v, dims);
  }

  static int[] permutation(SplittableRandom r, int n) {
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

  /** A random axis of a rank-{@code rank} tensor (rank ≥ 1), sometimes given negative. */
  static int axis(SplittableRandom r, int rank) {
    int a = r.nextInt(rank);
    return r.nextBoolean() ? a : a - rank;
  }

  /** A random subset of the axes (possibly none, which reductions read as "all"), some negative. */
  static int[] axes(SplittableRandom r, int rank) {
    int[] chosen = new int[rank];
    int n = 0;
    for (int a = 0; a < rank; a++) {
      if (r.nextBoolean()) {
        chosen[n++] = r.nextBoolean() ? a : a - rank;
      }
    }
    return Arrays.copyOf(chosen, n);
  }

  /** {@code count} indices in [0, size), with repeats. */
  static int[] indices(SplittableRandom r, int count, int size) {
    int[] idx = new int[count];
    for (int i = 0; i < count; i++) {
      idx[i] = r.nextInt(size);
    }
    return idx;
  }

  /** A 0/1 tensor of {@code dims} (F64). */
  static Tensor mask(SplittableRandom r, int... dims) {
    return Tensor.uniform(r, DType.F64, 0, 1, dims).gt(0.5);
  }
}
