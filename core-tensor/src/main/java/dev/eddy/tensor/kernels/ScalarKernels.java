package dev.eddy.tensor.kernels;

/**
 * The reference kernels: plain Java loops, one element at a time, with the semantics of
 * {@link BinaryOp#apply}, {@link UnaryOp#apply} and {@link ReduceOp}. F32 transcendentals are computed
 * in double and rounded once.
 *
 * <p>Sums and dot products are blocked pairwise: runs of up to {@link #sumBlock()} elements are summed
 * by a leaf method, and the leaf results are added in a binary tree whose split points depend only on
 * the length. Column sums ({@link #reduceRows}) use the same tree over rows. The Vector API kernels
 * extend this class and replace the leaves and the elementwise loops; everything they do not
 * override (e.g. {@code POW}) runs this reference code.
 */
public class ScalarKernels implements Kernels {

  /** Elements per leaf of the pairwise summation tree of these kernels (see {@link #sumBlock()}). */
  private static final int SUM_BLOCK = 256;

  /** Rows per leaf of the pairwise tree of {@link #reduceRows}. */
  private static final int ROWS_BLOCK = 16;

  public ScalarKernels() {}

  @Override
  public String name() {
    return "scalar";
  }

  /**
   * Elements per leaf of the pairwise sum and dot-product trees. A leaf is summed in one pass, so a
   * vector implementation wants longer leaves than the scalar one (its leaf already spreads the sum
   * over many lane accumulators).
   */
  protected int sumBlock() {
    return SUM_BLOCK;
  }

  /** Where the pairwise tree splits a run of {@code n > block}: a multiple of {@code block} near n/2. */
  protected static int pairwiseSplit(int n, int block) {
    return ((n / block + 1) / 2) * block;
  }

  // ---------------------------------------------------------------- elementwise, F32

  @Override
  public void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = op.apply(a[aOff + i], b[bOff + i]);
    }
  }

  @Override
  public void binary(BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = op.apply(a[aOff + i], s);
    }
  }

  @Override
  public void binary(BinaryOp op, float s, float[] b, int bOff, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = op.apply(s, b[bOff + i]);
    }
  }

  @Override
  public void unary(UnaryOp op, float[] x, int xOff, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = op.apply(x[xOff + i]);
    }
  }

  @Override
  public void clamp(float[] x, int xOff, float lo, float hi, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = Math.min(Math.max(x[xOff + i], lo), hi);
    }
  }

  // ---------------------------------------------------------------- elementwise, F64

  @Override
  public void binary(BinaryOp op, double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = op.apply(a[aOff + i], b[bOff + i]);
    }
  }

  @Override
  public void binary(BinaryOp op, double[] a, int aOff, double s, double[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = op.apply(a[aOff + i], s);
    }
  }

  @Override
  public void binary(BinaryOp op, double s, double[] b, int bOff, double[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = op.apply(s, b[bOff + i]);
    }
  }

  @Override
  public void unary(UnaryOp op, double[] x, int xOff, double[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = op.apply(x[xOff + i]);
    }
  }

  @Override
  public void clamp(double[] x, int xOff, double lo, double hi, double[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = Math.min(Math.max(x[xOff + i], lo), hi);
    }
  }

  // ---------------------------------------------------------------- reductions, F32

  @Override
  public float reduce(ReduceOp op, float[] x, int off, int n) {
    return switch (op) {
      case SUM -> sum(x, off, n);
      case MAX -> max(x, off, n);
      case MIN -> min(x, off, n);
    };
  }

  /** Pairwise sum; leaves of up to {@link #sumBlock()} elements go to {@link #sumLeaf}. */
  protected final float sum(float[] x, int off, int n) {
    int block = sumBlock();
    if (n <= block) {
      return sumLeaf(x, off, n);
    }
    int h = pairwiseSplit(n, block);
    return sum(x, off, h) + sum(x, off + h, n - h);
  }

  protected float sumLeaf(float[] x, int off, int n) {
    float s = 0f;
    for (int i = 0; i < n; i++) {
      s += x[off + i];
    }
    return s;
  }

  protected float max(float[] x, int off, int n) {
    float m = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, x[off + i]);
    }
    return m;
  }

  protected float min(float[] x, int off, int n) {
    float m = Float.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      m = Math.min(m, x[off + i]);
    }
    return m;
  }

  @Override
  public void reduceRows(ReduceOp op, float[] x, int xOff, int rows, int rowStride, float[] out, int outOff, int n) {
    if (op != ReduceOp.SUM || rows <= ROWS_BLOCK) {
      rowsLeaf(op, x, xOff, rows, rowStride, out, outOff, n);
      return;
    }
    int depth = 33 - Integer.numberOfLeadingZeros(rows / ROWS_BLOCK); // levels of the tree, with room
    sumRows(x, xOff, rows, rowStride, out, outOff, n, new float[n * depth], 0);
  }

  /** Pairwise over rows: the second half goes to scratch level {@code level}, then is added in. */
  private void sumRows(float[] x, int xOff, int rows, int rowStride, float[] out, int outOff, int n,
      float[] scratch, int level) {
    if (rows <= ROWS_BLOCK) {
      rowsLeaf(ReduceOp.SUM, x, xOff, rows, rowStride, out, outOff, n);
      return;
    }
    int h = pairwiseSplit(rows, ROWS_BLOCK);
    sumRows(x, xOff, h, rowStride, out, outOff, n, scratch, level + 1);
    sumRows(x, xOff + h * rowStride, rows - h, rowStride, scratch, level * n, n, scratch, level + 1);
    binary(BinaryOp.ADD, out, outOff, scratch, level * n, out, outOff, n);
  }

  private void rowsLeaf(ReduceOp op, float[] x, int xOff, int rows, int rowStride, float[] out, int outOff, int n) {
    System.arraycopy(x, xOff, out, outOff, n);
    BinaryOp combine = switch (op) {
      case SUM -> BinaryOp.ADD;
      case MAX -> BinaryOp.MAX;
      case MIN -> BinaryOp.MIN;
    };
    for (int r = 1; r < rows; r++) {
      binary(combine, out, outOff, x, xOff + r * rowStride, out, outOff, n);
    }
  }

  @Override
  public final float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    int block = sumBlock();
    if (n <= block) {
      return dotLeaf(a, aOff, b, bOff, n);
    }
    int h = pairwiseSplit(n, block);
    return dot(a, aOff, b, bOff, h) + dot(a, aOff + h, b, bOff + h, n - h);
  }

  protected float dotLeaf(float[] a, int aOff, float[] b, int bOff, int n) {
    float s = 0f;
    for (int i = 0; i < n; i++) {
      s += a[aOff + i] * b[bOff + i];
    }
    return s;
  }

  @Override
  public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] += alpha * x[xOff + i];
    }
  }

  // ---------------------------------------------------------------- reductions, F64

  @Override
  public double reduce(ReduceOp op, double[] x, int off, int n) {
    return switch (op) {
      case SUM -> sum(x, off, n);
      case MAX -> max(x, off, n);
      case MIN -> min(x, off, n);
    };
  }

  /** Pairwise sum; leaves of up to {@link #sumBlock()} elements go to {@link #sumLeaf}. */
  protected final double sum(double[] x, int off, int n) {
    int block = sumBlock();
    if (n <= block) {
      return sumLeaf(x, off, n);
    }
    int h = pairwiseSplit(n, block);
    return sum(x, off, h) + sum(x, off + h, n - h);
  }

  protected double sumLeaf(double[] x, int off, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += x[off + i];
    }
    return s;
  }

  protected double max(double[] x, int off, int n) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, x[off + i]);
    }
    return m;
  }

  protected double min(double[] x, int off, int n) {
    double m = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      m = Math.min(m, x[off + i]);
    }
    return m;
  }

  @Override
  public void reduceRows(ReduceOp op, double[] x, int xOff, int rows, int rowStride, double[] out, int outOff, int n) {
    if (op != ReduceOp.SUM || rows <= ROWS_BLOCK) {
      rowsLeaf(op, x, xOff, rows, rowStride, out, outOff, n);
      return;
    }
    int depth = 33 - Integer.numberOfLeadingZeros(rows / ROWS_BLOCK); // levels of the tree, with room
    sumRows(x, xOff, rows, rowStride, out, outOff, n, new double[n * depth], 0);
  }

  private void sumRows(double[] x, int xOff, int rows, int rowStride, double[] out, int outOff, int n,
      double[] scratch, int level) {
    if (rows <= ROWS_BLOCK) {
      rowsLeaf(ReduceOp.SUM, x, xOff, rows, rowStride, out, outOff, n);
      return;
    }
    int h = pairwiseSplit(rows, ROWS_BLOCK);
    sumRows(x, xOff, h, rowStride, out, outOff, n, scratch, level + 1);
    sumRows(x, xOff + h * rowStride, rows - h, rowStride, scratch, level * n, n, scratch, level + 1);
    binary(BinaryOp.ADD, out, outOff, scratch, level * n, out, outOff, n);
  }

  private void rowsLeaf(ReduceOp op, double[] x, int xOff, int rows, int rowStride, double[] out, int outOff, int n) {
    System.arraycopy(x, xOff, out, outOff, n);
    BinaryOp combine = switch (op) {
      case SUM -> BinaryOp.ADD;
      case MAX -> BinaryOp.MAX;
      case MIN -> BinaryOp.MIN;
    };
    for (int r = 1; r < rows; r++) {
      binary(combine, out, outOff, x, xOff + r * rowStride, out, outOff, n);
    }
  }

  @Override
  public final double dot(double[] a, int aOff, double[] b, int bOff, int n) {
    int block = sumBlock();
    if (n <= block) {
      return dotLeaf(a, aOff, b, bOff, n);
    }
    int h = pairwiseSplit(n, block);
    return dot(a, aOff, b, bOff, h) + dot(a, aOff + h, b, bOff + h, n - h);
  }

  protected double dotLeaf(double[] a, int aOff, double[] b, int bOff, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += a[aOff + i] * b[bOff + i];
    }
    return s;
  }

  @Override
  public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] += alpha * x[xOff + i];
    }
  }

  // ---------------------------------------------------------------- softmax family
  // Written once on top of the primitives above (max, exp, pairwise sum), so a subclass that makes
  // those fast makes these fast too.

  @Override
  public float logSumExp(float[] x, int off, int n) {
    float m = max(x, off, n);
    if (Float.isInfinite(m)) {
      return m;
    }
    float[] e = new float[n];
    binary(BinaryOp.SUB, x, off, m, e, 0, n);
    unary(UnaryOp.EXP, e, 0, e, 0, n);
    return m + (float) Math.log(sum(e, 0, n));
  }

  @Override
  public void softmax(float[] x, int xOff, float[] out, int outOff, int n) {
    float m = max(x, xOff, n);
    binary(BinaryOp.SUB, x, xOff, m, out, outOff, n);
    unary(UnaryOp.EXP, out, outOff, out, outOff, n);
    binary(BinaryOp.DIV, out, outOff, sum(out, outOff, n), out, outOff, n);
  }

  @Override
  public void logSoftmax(float[] x, int xOff, float[] out, int outOff, int n) {
    float lse = logSumExp(x, xOff, n);
    binary(BinaryOp.SUB, x, xOff, lse, out, outOff, n);
  }

  @Override
  public double logSumExp(double[] x, int off, int n) {
    double m = max(x, off, n);
    if (Double.isInfinite(m)) {
      return m;
    }
    double[] e = new double[n];
    binary(BinaryOp.SUB, x, off, m, e, 0, n);
    unary(UnaryOp.EXP, e, 0, e, 0, n);
    return m + Math.log(sum(e, 0, n));
  }

  @Override
  public void softmax(double[] x, int xOff, double[] out, int outOff, int n) {
    double m = max(x, xOff, n);
    binary(BinaryOp.SUB, x, xOff, m, out, outOff, n);
    unary(UnaryOp.EXP, out, outOff, out, outOff, n);
    binary(BinaryOp.DIV, out, outOff, sum(out, outOff, n), out, outOff, n);
  }

  @Override
  public void logSoftmax(double[] x, int xOff, double[] out, int outOff, int n) {
    double lse = logSumExp(x, xOff, n);
    binary(BinaryOp.SUB, x, xOff, lse, out, outOff, n);
  }
}
