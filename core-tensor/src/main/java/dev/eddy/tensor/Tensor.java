package dev.eddy.tensor;

import dev.eddy.tensor.kernels.BinaryOp;
import dev.eddy.tensor.kernels.ReduceOp;
import dev.eddy.tensor.kernels.UnaryOp;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * An n-dimensional array of F32 or F64 numbers: a {@link DType}, a {@link Shape} and contiguous
 * row-major storage ({@code float[]} or {@code double[]} of exactly {@link #numel()} elements).
 *
 * <p><b>Immutable value.</b> Every op returns a new tensor and leaves its operands alone. Only the
 * methods named {@code ...InPlace} write into a tensor; they exist for gradient accumulation and
 * optimizer steps and should only be used on tensors you own. {@link #reshape} and its relatives
 * ({@link #flatten}, {@link #squeeze}, {@link #unsqueeze}) may share storage with their source, which
 * is safe because neither is written (an in-place op on one is seen by the other). Besides those,
 * only {@link #to} (same dtype) and {@link #sumTo} (same shape) may return this tensor itself; every
 * other op returns fresh storage.
 *
 * <p><b>Shapes</b> are given outermost first, in the user's terms: a batch of sequences is
 * {@code [batch, time, features]}. Axes may be negative (counting from the end). Binary ops follow
 * NumPy broadcasting: {@code [batch, hidden] + [hidden]} adds a bias row to every batch element.
 * Shape problems throw {@link ShapeException} with the op and the shapes in the message. F32 and F64
 * never mix silently: combining them is an error naming both; a {@code double} scalar argument
 * adapts to the tensor's dtype. Masks and indices are ordinary tensors of 0/1 or integral values.
 *
 * <p>The hot loops run on {@link dev.eddy.tensor.kernels.Kernels#active()} (scalar or Vector API);
 * large elementwise ops are split across {@link Parallel#threads()} threads with results that do not
 * depend on the thread count.
 */
public final class Tensor {
  private final DType dtype;
  private final Shape shape;
  /** {@code float[]} for F32, {@code double[]} for F64; length == shape.numel(). */
  private final Object data;

  Tensor(DType dtype, Shape shape, Object data) {
    this.dtype = dtype;
    this.shape = shape;
    this.data = data;
  }

  /** A fresh zero-filled tensor; the ops fill it. */
  static Tensor allocate(DType dtype, Shape shape) {
    return new Tensor(dtype, shape, dtype == DType.F32 ? new float[shape.numel()] : new double[shape.numel()]);
  }

  float[] f() {
    return (float[]) data;
  }

  double[] d() {
    return (double[]) data;
  }

  Object data() {
    return data;
  }

  /** This tensor with another shape of the same element count, sharing storage. */
  Tensor view(Shape s) {
    return s.equals(shape) ? this : new Tensor(dtype, s, data);
  }

  // =================================================================== factories

  /** All zeros of {@code dims}; {@code zeros(F32)} is a scalar. */
  public static Tensor zeros(DType dtype, int... dims) {
    return allocate(dtype, Shape.of(dims));
  }

  /** All ones of {@code dims}. */
  public static Tensor ones(DType dtype, int... dims) {
    return full(dtype, 1.0, dims);
  }

  /** Every element {@code value} (rounded to float for F32). */
  public static Tensor full(DType dtype, double value, int... dims) {
    Tensor t = allocate(dtype, Shape.of(dims));
    return t.fillInPlace(value);
  }

  /** A rank-0 tensor holding {@code value}. */
  public static Tensor scalar(DType dtype, double value) {
    return full(dtype, value);
  }

  /** {@code [0, 1, ..., n-1]}, shape {@code [n]}. */
  public static Tensor arange(DType dtype, int n) {
    return arange(dtype, 0, n, 1);
  }

  /**
   * {@code [start, start + step, ...]} up to but excluding {@code end}, shape
   * {@code [ceil((end - start) / step)]} (empty if the range is empty); element i is
   * {@code start + i * step}.
   */
  public static Tensor arange(DType dtype, double start, double end, double step) {
    if (step == 0 || !Double.isFinite(step) || !Double.isFinite(start) || !Double.isFinite(end)) {
      throw new IllegalArgumentException("arange: start " + start + ", end " + end + ", step " + step
          + ": need finite values and a nonzero step");
    }
    double count = Math.ceil((end - start) / step);
    if (count > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("arange: start " + start + ", end " + end + ", step " + step
          + " gives " + count + " elements, too many for one tensor");
    }
    int n = (int) Math.max(0, count);
    Tensor t = allocate(dtype, Shape.of(n));
    for (int i = 0; i < n; i++) {
      t.setFlat(i, start + i * step);
    }
    return t;
  }

  /** A tensor of {@code dims} holding a copy of {@code data} (row-major). */
  public static Tensor of(float[] data, int... dims) {
    return wrap(data.clone(), dims);
  }

  /** A tensor of {@code dims} holding a copy of {@code data} (row-major). */
  public static Tensor of(double[] data, int... dims) {
    return wrap(data.clone(), dims);
  }

  /** A {@code [rows, cols]} F32 matrix copied from a rectangular array. */
  public static Tensor of(float[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    float[] d = new float[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      checkRow(rows[i].length, cols, i);
      System.arraycopy(rows[i], 0, d, i * cols, cols);
    }
    return wrap(d, rows.length, cols);
  }

  /** A {@code [rows, cols]} F64 matrix copied from a rectangular array. */
  public static Tensor of(double[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    double[] d = new double[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      checkRow(rows[i].length, cols, i);
      System.arraycopy(rows[i], 0, d, i * cols, cols);
    }
    return wrap(d, rows.length, cols);
  }

  private static void checkRow(int length, int cols, int row) {
    if (length != cols) {
      throw new ShapeException("of: row " + row + " has " + length + " elements, row 0 has " + cols
          + " (rows must be equally long)");
    }
  }

  /** An F32 tensor that takes over {@code data} without copying: the caller must not write it afterwards. */
  public static Tensor wrap(float[] data, int... dims) {
    Shape s = Shape.of(dims);
    checkLength("wrap", data.length, s);
    return new Tensor(DType.F32, s, data);
  }

  /** An F64 tensor that takes over {@code data} without copying: the caller must not write it afterwards. */
  public static Tensor wrap(double[] data, int... dims) {
    Shape s = Shape.of(dims);
    checkLength("wrap", data.length, s);
    return new Tensor(DType.F64, s, data);
  }

  private static void checkLength(String op, int length, Shape s) {
    if (length != s.numel()) {
      throw new ShapeException(op + ": " + length + " values do not fill shape " + s + " (" + s.numel()
          + " elements)");
    }
  }

  /**
   * Independent uniform samples in {@code [lo, hi)}: element i is {@code lo + (hi - lo) * u_i} with
   * {@code u_i = rng.nextDouble()} drawn in row-major order. The same generator state gives the same
   * tensor, bitwise, on any machine.
   */
  public static Tensor uniform(RandomGenerator rng, DType dtype, double lo, double hi, int... dims) {
    Tensor t = allocate(dtype, Shape.of(dims));
    for (int i = 0; i < t.numel(); i++) {
      t.setFlat(i, lo + (hi - lo) * rng.nextDouble());
    }
    return t;
  }

  /**
   * Independent normal samples with the given mean and standard deviation, in row-major order. Uses
   * the Box–Muller transform on {@code rng.nextDouble()} with {@link StrictMath}, so the same
   * generator state gives the same tensor, bitwise, on any machine and JDK.
   */
  public static Tensor normal(RandomGenerator rng, DType dtype, double mean, double std, int... dims) {
    Tensor t = allocate(dtype, Shape.of(dims));
    int n = t.numel();
    for (int i = 0; i < n; i += 2) {
      double u1 = 1.0 - rng.nextDouble(); // (0, 1]: log is finite
      double u2 = rng.nextDouble();
      double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
      double a = 2 * Math.PI * u2;
      t.setFlat(i, mean + std * r * StrictMath.cos(a));
      if (i + 1 < n) {
        t.setFlat(i + 1, mean + std * r * StrictMath.sin(a));
      }
    }
    return t;
  }

  /** The {@code [n, n]} identity matrix. */
  public static Tensor eye(DType dtype, int n) {
    Tensor t = allocate(dtype, Shape.of(n, n));
    for (int i = 0; i < n; i++) {
      t.setFlat(i * n + i, 1);
    }
    return t;
  }

  /** Zeros of the same dtype and shape as {@code t}. */
  public static Tensor zerosLike(Tensor t) {
    return allocate(t.dtype, t.shape);
  }

  /** Ones of the same dtype and shape as {@code t}. */
  public static Tensor onesLike(Tensor t) {
    return fullLike(t, 1.0);
  }

  /** {@code value} everywhere, with the dtype and shape of {@code t}. */
  public static Tensor fullLike(Tensor t, double value) {
    return allocate(t.dtype, t.shape).fillInPlace(value);
  }

  // =================================================================== accessors

  public DType dtype() {
    return dtype;
  }

  public Shape shape() {
    return shape;
  }

  public int rank() {
    return shape.rank();
  }

  /** Size of {@code axis}; negative axes count from the end. */
  public int dim(int axis) {
    return shape.dimsUnsafe()[shape.axis("dim", axis)];
  }

  public int numel() {
    return shape.numel();
  }

  /** The value of a one-element tensor (any rank). */
  public double item() {
    if (numel() != 1) {
      throw new ShapeException("item: needs exactly one element, shape " + shape + " has " + numel());
    }
    return flat(0);
  }

  /** The element at a full index ({@code rank} coordinates, each in {@code [0, dim)}), as a double. */
  public double get(int... index) {
    int[] d = shape.dimsUnsafe();
    if (index.length != d.length) {
      throw new ShapeException("get: index " + Arrays.toString(index) + " has " + index.length
          + " coordinates, shape " + shape + " needs " + d.length);
    }
    int off = 0;
    for (int i = 0; i < d.length; i++) {
      if (index[i] < 0 || index[i] >= d[i]) {
        throw new ShapeException("get: index " + Arrays.toString(index) + " is out of range for shape "
            + shape + " (axis " + i + ")");
      }
      off = off * d[i] + index[i];
    }
    return flat(off);
  }

  /** Element {@code i} in row-major order. */
  double flat(int i) {
    return dtype == DType.F32 ? f()[i] : d()[i];
  }

  void setFlat(int i, double v) {
    if (dtype == DType.F32) {
      f()[i] = (float) v;
    } else {
      d()[i] = v;
    }
  }

  /** A copy of the elements in row-major order, as floats (F64 values are rounded). */
  public float[] toFloatArray() {
    if (dtype == DType.F32) {
      return f().clone();
    }
    double[] src = d();
    float[] out = new float[src.length];
    for (int i = 0; i < src.length; i++) {
      out[i] = (float) src[i];
    }
    return out;
  }

  /** A copy of the elements in row-major order, as doubles. */
  public double[] toDoubleArray() {
    if (dtype == DType.F64) {
      return d().clone();
    }
    float[] src = f();
    double[] out = new double[src.length];
    for (int i = 0; i < src.length; i++) {
      out[i] = src[i];
    }
    return out;
  }

  /** The elements as ints, row-major; every value must be an integer in int range. */
  public int[] toIntArray() {
    int[] out = new int[numel()];
    for (int i = 0; i < out.length; i++) {
      double v = flat(i);
      if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("toIntArray: element " + i + " of " + shape + " is " + v
            + ", not an int");
      }
      out[i] = (int) v;
    }
    return out;
  }

  /**
   * The backing {@code float[]} of an F32 tensor, not a copy: row-major, exactly {@link #numel()}
   * long. Read-only by contract (other tensors may share it); meant for fused kernels in other
   * modules. Use {@link #toFloatArray()} for a copy.
   */
  public float[] f32() {
    if (dtype != DType.F32) {
      throw new IllegalStateException("f32: tensor " + shape + " is F64; use f64() or to(DType.F32)");
    }
    return f();
  }

  /** The backing {@code double[]} of an F64 tensor, not a copy; read-only by contract, like {@link #f32()}. */
  public double[] f64() {
    if (dtype != DType.F64) {
      throw new IllegalStateException("f64: tensor " + shape + " is F32; use f32() or to(DType.F64)");
    }
    return d();
  }

  /** This tensor converted to {@code target} (F64 to F32 rounds); itself if already that dtype. */
  public Tensor to(DType target) {
    if (target == dtype) {
      return this;
    }
    return target == DType.F32 ? new Tensor(target, shape, toFloatArray()) : new Tensor(target, shape, toDoubleArray());
  }

  /** A copy with its own storage (for a buffer that will be updated in place). */
  public Tensor copy() {
    return new Tensor(dtype, shape, dtype == DType.F32 ? f().clone() : d().clone());
  }

  /**
   * NumPy-like text: {@code tensor([[1.0, 2.0], [3.0, 4.0]], F32)}; large tensors show the first and
   * last 3 entries of each axis around {@code ...}.
   */
  @Override
  public String toString() {
    return TensorFormat.format(this);
  }

  /**
   * Whether both have the same shape and every pair satisfies
   * {@code |a - b| <= atol + rtol * |other|}; NaNs match NaNs and infinities match equal infinities.
   * Dtypes may differ (values are compared as doubles).
   */
  public boolean allClose(Tensor other, double rtol, double atol) {
    if (!shape.equals(other.shape)) {
      return false;
    }
    for (int i = 0; i < numel(); i++) {
      double a = flat(i);
      double b = other.flat(i);
      if (a == b || (Double.isNaN(a) && Double.isNaN(b))) {
        continue;
      }
      if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
        return false;
      }
    }
    return true;
  }

  /** Same dtype, shape and bit patterns (NaN payloads and the sign of zero included). */
  public boolean bitwiseEquals(Tensor other) {
    if (dtype != other.dtype || !shape.equals(other.shape)) {
      return false;
    }
    for (int i = 0; i < numel(); i++) {
      boolean same = dtype == DType.F32
          ? Float.floatToRawIntBits(f()[i]) == Float.floatToRawIntBits(other.f()[i])
          : Double.doubleToRawLongBits(d()[i]) == Double.doubleToRawLongBits(other.d()[i]);
      if (!same) {
        return false;
      }
    }
    return true;
  }

  /** The flat (row-major) index of the first NaN or infinite element, or -1 when every element is finite. */
  public int firstNonFinite() {
    if (dtype == DType.F32) {
      float[] a = f();
      for (int i = 0; i < a.length; i++) {
        if (!Float.isFinite(a[i])) {
          return i;
        }
      }
    } else {
      double[] a = d();
      for (int i = 0; i < a.length; i++) {
        if (!Double.isFinite(a[i])) {
          return i;
        }
      }
    }
    return -1;
  }

  // =================================================================== elementwise binary (broadcasting)

  /** {@code this + other}, broadcast. */
  public Tensor add(Tensor other) {
    return Elementwise.binary("add", BinaryOp.ADD, this, other);
  }

  public Tensor add(double s) {
    return Elementwise.binary(BinaryOp.ADD, this, s);
  }

  /** {@code this - other}, broadcast. */
  public Tensor sub(Tensor other) {
    return Elementwise.binary("sub", BinaryOp.SUB, this, other);
  }

  public Tensor sub(double s) {
    return Elementwise.binary(BinaryOp.SUB, this, s);
  }

  /** {@code s - this}. */
  public Tensor rsub(double s) {
    return Elementwise.binary(BinaryOp.SUB, s, this);
  }

  /** {@code this * other} (elementwise), broadcast. */
  public Tensor mul(Tensor other) {
    return Elementwise.binary("mul", BinaryOp.MUL, this, other);
  }

  public Tensor mul(double s) {
    return Elementwise.binary(BinaryOp.MUL, this, s);
  }

  /** {@code this / other}, broadcast. */
  public Tensor div(Tensor other) {
    return Elementwise.binary("div", BinaryOp.DIV, this, other);
  }

  public Tensor div(double s) {
    return Elementwise.binary(BinaryOp.DIV, this, s);
  }

  /** {@code s / this}. */
  public Tensor rdiv(double s) {
    return Elementwise.binary(BinaryOp.DIV, s, this);
  }

  /** {@code this} raised to {@code other}, broadcast, as {@link Math#pow}. */
  public Tensor pow(Tensor other) {
    return Elementwise.binary("pow", BinaryOp.POW, this, other);
  }

  /** {@code this} raised to {@code exponent}; {@code pow(2)} is exactly {@link #square()}. */
  public Tensor pow(double exponent) {
    return exponent == 2.0 ? square() : Elementwise.binary(BinaryOp.POW, this, exponent);
  }

  /** Elementwise maximum, broadcast; NaN wins. */
  public Tensor maximum(Tensor other) {
    return Elementwise.binary("maximum", BinaryOp.MAX, this, other);
  }

  public Tensor maximum(double s) {
    return Elementwise.binary(BinaryOp.MAX, this, s);
  }

  /** Elementwise minimum, broadcast; NaN wins. */
  public Tensor minimum(Tensor other) {
    return Elementwise.binary("minimum", BinaryOp.MIN, this, other);
  }

  public Tensor minimum(double s) {
    return Elementwise.binary(BinaryOp.MIN, this, s);
  }

  // =================================================================== comparisons: 0/1 tensors of this dtype

  /** 1 where {@code this == other}, else 0 (broadcast). */
  public Tensor eq(Tensor other) {
    return Elementwise.binary("eq", BinaryOp.EQ, this, other);
  }

  public Tensor eq(double s) {
    return Elementwise.binary(BinaryOp.EQ, this, s);
  }

  /** 1 where {@code this != other} (and where either is NaN), else 0. */
  public Tensor ne(Tensor other) {
    return Elementwise.binary("ne", BinaryOp.NE, this, other);
  }

  public Tensor ne(double s) {
    return Elementwise.binary(BinaryOp.NE, this, s);
  }

  /** 1 where {@code this < other}, else 0. */
  public Tensor lt(Tensor other) {
    return Elementwise.binary("lt", BinaryOp.LT, this, other);
  }

  public Tensor lt(double s) {
    return Elementwise.binary(BinaryOp.LT, this, s);
  }

  /** 1 where {@code this <= other}, else 0. */
  public Tensor le(Tensor other) {
    return Elementwise.binary("le", BinaryOp.LE, this, other);
  }

  public Tensor le(double s) {
    return Elementwise.binary(BinaryOp.LE, this, s);
  }

  /** 1 where {@code this > other}, else 0. */
  public Tensor gt(Tensor other) {
    return Elementwise.binary("gt", BinaryOp.GT, this, other);
  }

  public Tensor gt(double s) {
    return Elementwise.binary(BinaryOp.GT, this, s);
  }

  /** 1 where {@code this >= other}, else 0. */
  public Tensor ge(Tensor other) {
    return Elementwise.binary("ge", BinaryOp.GE, this, other);
  }

  public Tensor ge(double s) {
    return Elementwise.binary(BinaryOp.GE, this, s);
  }

  /**
   * Elementwise choice: {@code a} where {@code cond} is nonzero, else {@code b}; all three broadcast
   * together. {@code a} and {@code b} share a dtype (the result's); {@code cond} may have either.
   */
  public static Tensor where(Tensor cond, Tensor a, Tensor b) {
    return Elementwise.where(cond, a, b);
  }

  // =================================================================== unary

  public Tensor neg() {
    return Elementwise.unary(UnaryOp.NEG, this);
  }

  public Tensor exp() {
    return Elementwise.unary(UnaryOp.EXP, this);
  }

  /** Natural logarithm. */
  public Tensor log() {
    return Elementwise.unary(UnaryOp.LOG, this);
  }

  public Tensor sqrt() {
    return Elementwise.unary(UnaryOp.SQRT, this);
  }

  public Tensor abs() {
    return Elementwise.unary(UnaryOp.ABS, this);
  }

  /** Hyperbolic tangent, saturating to ±1 without overflow. */
  public Tensor tanh() {
    return Elementwise.unary(UnaryOp.TANH, this);
  }

  /** Logistic {@code 1 / (1 + e^-x)}, saturating to 0 or 1 without overflow. */
  public Tensor sigmoid() {
    return Elementwise.unary(UnaryOp.SIGMOID, this);
  }

  /** {@code max(x, 0)}. */
  public Tensor relu() {
    return Elementwise.unary(UnaryOp.RELU, this);
  }

  public Tensor square() {
    return Elementwise.unary(UnaryOp.SQUARE, this);
  }

  /** {@code 1 / x}. */
  public Tensor reciprocal() {
    return Elementwise.unary(UnaryOp.RECIPROCAL, this);
  }

  /** -1, 0 or 1 by sign ({@link Math#signum}). */
  public Tensor sign() {
    return Elementwise.unary(UnaryOp.SIGN, this);
  }

  /** Each element limited to {@code [lo, hi]}. */
  public Tensor clamp(double lo, double hi) {
    return Elementwise.clamp(this, lo, hi);
  }

  // =================================================================== reductions

  /** The sum of all elements, as a scalar (rank 0). */
  public Tensor sum() {
    return Reductions.reduce("sum", ReduceOp.SUM, this, false);
  }

  /**
   * Sum over {@code axes} (all axes if none are given); with {@code keepDims} the reduced axes stay
   * as size 1, e.g. {@code [batch, time, features].sum(true, 1)} is {@code [batch, 1, features]}.
   */
  public Tensor sum(boolean keepDims, int... axes) {
    return Reductions.reduce("sum", ReduceOp.SUM, this, keepDims, axes);
  }

  /** The mean of all elements, as a scalar. */
  public Tensor mean() {
    return Reductions.mean(this, false);
  }

  /** Mean over {@code axes} (all if none), like {@link #sum(boolean, int...)}. */
  public Tensor mean(boolean keepDims, int... axes) {
    return Reductions.mean(this, keepDims, axes);
  }

  /** The largest element, as a scalar (NaN if any is NaN). */
  public Tensor max() {
    return Reductions.reduce("max", ReduceOp.MAX, this, false);
  }

  /** Maximum over {@code axes} (all if none); the reduced axes must not be empty. */
  public Tensor max(boolean keepDims, int... axes) {
    return Reductions.reduce("max", ReduceOp.MAX, this, keepDims, axes);
  }

  /** The smallest element, as a scalar (NaN if any is NaN). */
  public Tensor min() {
    return Reductions.reduce("min", ReduceOp.MIN, this, false);
  }

  /** Minimum over {@code axes} (all if none); the reduced axes must not be empty. */
  public Tensor min(boolean keepDims, int... axes) {
    return Reductions.reduce("min", ReduceOp.MIN, this, keepDims, axes);
  }

  /** Index of the largest element along {@code axis} (first on ties; a NaN counts as largest), as integral values of this dtype. */
  public Tensor argmax(int axis, boolean keepDims) {
    return Reductions.argExtreme("argmax", true, this, axis, keepDims);
  }

  /** Index of the smallest element along {@code axis} (first on ties; a NaN counts as smallest). */
  public Tensor argmin(int axis, boolean keepDims) {
    return Reductions.argExtreme("argmin", false, this, axis, keepDims);
  }

  /** {@code log Σ exp(x)} along {@code axis}, computed stably (max subtracted first). */
  public Tensor logSumExp(int axis, boolean keepDims) {
    return AxisOps.logSumExp(this, axis, keepDims);
  }

  // =================================================================== scans

  /**
   * The running sum along {@code axis}, same shape: {@code [time, batch, features].cumsum(0)} holds at
   * step t the sum of steps 0..t. Added in order, step by step.
   */
  public Tensor cumsum(int axis) {
    return Scans.cumsum(this, axis, false);
  }

  /** The running sum along {@code axis}, from the last element back when {@code reverse} (step t: t..n-1). */
  public Tensor cumsum(int axis, boolean reverse) {
    return Scans.cumsum(this, axis, reverse);
  }

  /**
   * The running {@code log Σ exp} along {@code axis}, same shape, without overflow: step t holds
   * {@code log(e^x_0 + ... + e^x_t)}; {@code -∞} elements add nothing.
   */
  public Tensor logCumSumExp(int axis) {
    return Scans.logCumSumExp(this, axis, false);
  }

  /** The running {@code log Σ exp} along {@code axis}, from the last element back when {@code reverse}. */
  public Tensor logCumSumExp(int axis, boolean reverse) {
    return Scans.logCumSumExp(this, axis, reverse);
  }

  /**
   * Sums this (a broadcast result) back to {@code target}, a shape that broadcasts to this one: the
   * leading axes that {@code target} lacks and the axes where it has size 1 are summed. The adjoint of
   * {@link #broadcastTo}; what autograd uses for the gradient of a broadcast operand. Returns this
   * tensor itself (no copy) when {@code target} is already its shape.
   */
  public Tensor sumTo(Shape target) {
    return Reductions.sumTo(this, target);
  }

  // =================================================================== softmax

  /** {@code exp(x) / Σ exp(x)} along {@code axis}, stable; each slice sums to 1. */
  public Tensor softmax(int axis) {
    return AxisOps.softmax(this, axis, false);
  }

  /** {@code x - logSumExp(x)} along {@code axis}, stable. */
  public Tensor logSoftmax(int axis) {
    return AxisOps.softmax(this, axis, true);
  }

  // =================================================================== matmul

  /**
   * Matrix product over the last two axes: {@code [m, k] @ [k, n] -> [m, n]}, batched
   * {@code [..., m, k] @ [..., k, n] -> [..., m, n]} with the batch axes broadcast (so
   * {@code [batch, time, in] @ [in, out]} projects every step). Both operands need rank ≥ 2.
   */
  public Tensor matmul(Tensor other) {
    return MatMul.matmul(this, false, other, false);
  }

  /**
   * {@code op(a) @ op(b)} where {@code op} transposes the last two axes when its flag is set, without
   * copying: with {@code transA}, {@code a} is stored as {@code [..., k, m]}.
   */
  public static Tensor matmul(Tensor a, boolean transA, Tensor b, boolean transB) {
    return MatMul.matmul(a, transA, b, transB);
  }

  // =================================================================== shape and movement

  /** Same elements in a new shape; one dimension may be {@code -1} (inferred). Shares storage. */
  public Tensor reshape(int... dims) {
    return Movement.reshape(this, dims);
  }

  /** Rank-1 view {@code [numel]}; shares storage. */
  public Tensor flatten() {
    return view(Shape.of(numel()));
  }

  /** Removes {@code axis}, which must have size 1; shares storage. */
  public Tensor squeeze(int axis) {
    return Movement.squeeze(this, axis);
  }

  /** Inserts a size-1 axis at {@code axis} (in {@code [-rank-1, rank]}); shares storage. */
  public Tensor unsqueeze(int axis) {
    return Movement.unsqueeze(this, axis);
  }

  /** Swaps two axes (a copy). */
  public Tensor transpose(int axisA, int axisB) {
    return Movement.transpose(this, axisA, axisB);
  }

  /** The transpose of a matrix: {@code [m, n] -> [n, m]}. */
  public Tensor t() {
    if (rank() != 2) {
      throw new ShapeException("t: needs a matrix (rank 2), got shape " + shape + "; use transpose(a, b)");
    }
    return transpose(0, 1);
  }

  /** Reorders the axes: axis i of the result is axis {@code order[i]} of this (a copy). */
  public Tensor permute(int... order) {
    return Movement.permute(this, order);
  }

  /** This broadcast to {@code dims} (NumPy rules), materialised. */
  public Tensor broadcastTo(int... dims) {
    return Movement.broadcastTo(this, Shape.of(dims));
  }

  /** Same as {@link #broadcastTo(int...)}. */
  public Tensor expand(int... dims) {
    return broadcastTo(dims);
  }

  /** Elements {@code [start, end)} along {@code axis} (negative bounds count from the end; a copy). */
  public Tensor slice(int axis, int start, int end) {
    return Movement.slice(this, axis, start, end);
  }

  /** {@code length} elements from {@code start} along {@code axis} (a copy). */
  public Tensor narrow(int axis, int start, int length) {
    return Movement.narrow("narrow", this, axis, start, length);
  }

  /** Joins tensors along an existing {@code axis}; all other sizes and the dtype must agree. */
  public static Tensor concat(int axis, Tensor... tensors) {
    return Movement.concat(axis, List.of(tensors));
  }

  public static Tensor concat(int axis, List<Tensor> tensors) {
    return Movement.concat(axis, tensors);
  }

  /** Joins equally shaped tensors along a new {@code axis}: n × {@code [a, b]} at axis 0 gives {@code [n, a, b]}. */
  public static Tensor stack(int axis, Tensor... tensors) {
    return Movement.stack(axis, List.of(tensors));
  }

  public static Tensor stack(int axis, List<Tensor> tensors) {
    return Movement.stack(axis, tensors);
  }

  /** Cuts along {@code axis} into pieces of the given sizes, which must add up to the axis size. */
  public List<Tensor> split(int axis, int... sizes) {
    return Movement.split(this, axis, sizes);
  }

  /** Cuts along {@code axis} into {@code chunks} pieces of {@code ceil(size / chunks)} (the last may be smaller; fewer pieces if the axis is short). */
  public List<Tensor> chunk(int chunks, int axis) {
    return Movement.chunk(this, chunks, axis);
  }

  /** The slice at {@code index} along {@code axis}, with that axis removed: {@code [b, t, f].select(1, t0)} is {@code [b, f]}. */
  public Tensor select(int axis, int index) {
    return Movement.select(this, axis, index);
  }

  /** Reverses the order along {@code axis}. */
  public Tensor flip(int axis) {
    return Movement.flip(this, axis);
  }

  // =================================================================== indexing

  /** Rows at {@code indices} along {@code axis}, in that order (repeats allowed): axis size becomes {@code indices.length}. */
  public Tensor indexSelect(int axis, int[] indices) {
    return Indexing.indexSelect(this, axis, indices);
  }

  /**
   * Like {@link #indexSelect(int, int[])} with indices of any shape (integral values): the axis is
   * replaced by the index shape, e.g. an embedding table {@code [vocab, dim]} at axis 0 with indices
   * {@code [batch, time]} gives {@code [batch, time, dim]}.
   */
  public Tensor indexSelect(int axis, Tensor indices) {
    return Indexing.indexSelect(this, axis, indices);
  }

  /**
   * {@code torch.gather}: {@code out[i][j][k] = this[i][index[i][j][k]][k]} for axis 1. {@code index}
   * has this rank and, except along {@code axis}, sizes no larger than this; the result has its shape.
   */
  public Tensor gather(int axis, Tensor index) {
    return Indexing.gather(this, axis, index);
  }

  /**
   * This plus {@code src} added at {@code indices} along {@code axis} (repeated indices accumulate);
   * {@code src} is shaped like {@code indexSelect(axis, indices)}. The adjoint of indexSelect.
   */
  public Tensor indexAdd(int axis, int[] indices, Tensor src) {
    return Indexing.indexAdd(this, axis, indices, src);
  }

  public Tensor indexAdd(int axis, Tensor indices, Tensor src) {
    return Indexing.indexAdd(this, axis, indices, src);
  }

  /**
   * {@code torch.scatter_add}: a copy of this with {@code src[i][j][k]} added at
   * {@code [i][index[i][j][k]][k]} (axis 1); repeated indices accumulate. The adjoint of gather.
   */
  public Tensor scatterAdd(int axis, Tensor index, Tensor src) {
    return Indexing.scatterAdd(this, axis, index, src);
  }

  // =================================================================== in place (gradient buffers, optimizer steps)

  /** {@code this += x}; {@code x} has this shape or broadcasts onto it. Returns this. */
  public Tensor addInPlace(Tensor x) {
    Elementwise.addInPlace(this, x);
    return this;
  }

  /** {@code this += alpha * x} for {@code x} of this shape and dtype. Returns this. */
  public Tensor addScaledInPlace(double alpha, Tensor x) {
    Elementwise.addScaledInPlace(this, alpha, x);
    return this;
  }

  /** {@code this *= s}. Returns this. */
  public Tensor scaleInPlace(double s) {
    Elementwise.scaleInPlace(this, s);
    return this;
  }

  /** Every element set to {@code value}. Returns this. */
  public Tensor fillInPlace(double value) {
    if (dtype == DType.F32) {
      Arrays.fill(f(), (float) value);
    } else {
      Arrays.fill(d(), value);
    }
    return this;
  }

  /** Copies the elements of {@code src} (same shape and dtype) into this. Returns this. */
  public Tensor copyFromInPlace(Tensor src) {
    Elementwise.checkSame("copyFromInPlace", this, src);
    System.arraycopy(src.data, 0, data, 0, numel());
    return this;
  }
}
