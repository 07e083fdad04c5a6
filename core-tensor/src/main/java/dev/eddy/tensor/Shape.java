package dev.eddy.tensor;

import java.util.Arrays;

/**
 * The dimensions of a tensor, outermost first: {@code [batch, time, features]}. Immutable. A scalar has
 * rank 0 and one element; a dimension may be 0 (an empty tensor).
 *
 * <p>Axes may be given negative, counting from the end: {@code -1} is the last axis.
 */
public final class Shape {
  private static final Shape SCALAR = new Shape(new int[0]);

  private final int[] dims;
  private final int numel;

  private Shape(int[] dims) {
    this.dims = dims;
    long n = Arrays.stream(dims).anyMatch(d -> d == 0) ? 0 : 1; // [2^31 - 1, 5, 0] is empty, not too big
    for (int d : dims) {
      n *= d;
      if (n > Integer.MAX_VALUE - 8) {
        throw new ShapeException("shape " + Arrays.toString(dims) + " has more than 2^31 - 9 elements");
      }
    }
    this.numel = (int) n;
  }

  /** The shape with these dimensions (copied); no arguments gives the scalar shape {@code []}. */
  public static Shape of(int... dims) {
    if (dims.length == 0) {
      return SCALAR;
    }
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0) {
        throw new ShapeException("shape " + Arrays.toString(dims) + ": dimension " + i + " is negative");
      }
    }
    return new Shape(dims.clone());
  }

  /** The rank-0 shape {@code []} of a scalar. */
  public static Shape scalar() {
    return SCALAR;
  }

  /** Number of axes. */
  public int rank() {
    return dims.length;
  }

  /** Size of {@code axis}; negative axes count from the end. */
  public int dim(int axis) {
    return dims[axis("dim", axis)];
  }

  /** A copy of the dimensions. */
  public int[] dims() {
    return dims.clone();
  }

  /** Number of elements: the product of the dimensions (1 for a scalar). */
  public int numel() {
    return numel;
  }

  /** Row-major strides in elements: {@code strides()[i]} is the distance between neighbours along axis i. */
  public int[] strides() {
    int[] s = new int[dims.length];
    int acc = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= dims[i];
    }
    return s;
  }

  /**
   * The axis {@code axis} of this shape as an index in {@code [0, rank)}, accepting negative axes.
   *
   * @throws ShapeException naming {@code op}, this shape and the valid range when out of range
   */
  public int axis(String op, int axis) {
    int r = dims.length;
    if (axis < -r || axis >= r) {
      throw new ShapeException(op + ": axis " + axis + " is out of range for shape " + this
          + (r == 0 ? " (a scalar has no axes)" : " (valid: " + -r + ".." + (r - 1) + ")"));
    }
    return axis < 0 ? axis + r : axis;
  }

  /**
   * Normalises an axis for a tensor of rank {@code rank}, e.g. the position of a new axis for
   * {@code unsqueeze} (where {@code rank} is the rank after insertion).
   */
  public static int normalizeAxis(String op, int axis, int rank) {
    if (axis < -rank || axis >= rank) {
      throw new ShapeException(op + ": axis " + axis + " is out of range for rank " + rank
          + (rank == 0 ? "" : " (valid: " + -rank + ".." + (rank - 1) + ")"));
    }
    return axis < 0 ? axis + rank : axis;
  }

  /**
   * The shape that {@code a} and {@code b} broadcast to under NumPy's rules: align the trailing axes;
   * each pair of sizes must be equal or one of them 1; the missing leading axes count as 1.
   *
   * @throws ShapeException e.g. {@code add: shapes [2, 3] and [4] do not broadcast (axis -1: 3 vs 4)}
   */
  public static Shape broadcast(String op, Shape a, Shape b) {
    if (a.equals(b)) {
      return a;
    }
    int r = Math.max(a.rank(), b.rank());
    int[] out = new int[r];
    for (int i = 1; i <= r; i++) {
      int da = i <= a.rank() ? a.dims[a.rank() - i] : 1;
      int db = i <= b.rank() ? b.dims[b.rank() - i] : 1;
      if (da != db && da != 1 && db != 1) {
        throw new ShapeException(op + ": shapes " + a + " and " + b + " do not broadcast (axis -" + i
            + ": " + da + " vs " + db + ")");
      }
      out[r - i] = da == 1 ? db : da;
    }
    return new Shape(out);
  }

  /** Whether this shape broadcasts to {@code target} (NumPy rules, target unchanged). */
  public boolean broadcastsTo(Shape target) {
    if (rank() > target.rank()) {
      return false;
    }
    int off = target.rank() - rank();
    for (int i = 0; i < rank(); i++) {
      if (dims[i] != 1 && dims[i] != target.dims[off + i]) {
        return false;
      }
    }
    return true;
  }

  /** This shape with axis {@code axis} (already normalised) removed. */
  Shape without(int axis) {
    int[] d = new int[dims.length - 1];
    System.arraycopy(dims, 0, d, 0, axis);
    System.arraycopy(dims, axis + 1, d, axis, dims.length - axis - 1);
    return new Shape(d);
  }

  /** This shape with a new axis of {@code size} inserted at position {@code axis}. */
  Shape inserting(int axis, int size) {
    int[] d = new int[dims.length + 1];
    System.arraycopy(dims, 0, d, 0, axis);
    d[axis] = size;
    System.arraycopy(dims, axis, d, axis + 1, dims.length - axis);
    return new Shape(d);
  }

  /** This shape with axis {@code axis} (already normalised) resized to {@code size}. */
  Shape with(int axis, int size) {
    int[] d = dims.clone();
    d[axis] = size;
    return new Shape(d);
  }

  /** Product of the dimensions in {@code [from, to)}. */
  int product(int from, int to) {
    int p = 1;
    for (int i = from; i < to; i++) {
      p *= dims[i];
    }
    return p;
  }

  /** Internal view of the dimensions, never modified. */
  int[] dimsUnsafe() {
    return dims;
  }

  /** Wraps an array the caller will not modify. */
  static Shape ofUnsafe(int[] dims) {
    return dims.length == 0 ? SCALAR : new Shape(dims);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** The dimensions in brackets, e.g. {@code [2, 3]}; a scalar prints as {@code []}. */
  @Override
  public String toString() {
    return Arrays.toString(dims);
  }
}
