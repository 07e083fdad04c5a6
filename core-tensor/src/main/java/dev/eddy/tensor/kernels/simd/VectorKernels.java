package dev.eddy.tensor.kernels.simd;

import dev.eddy.tensor.kernels.BinaryOp;
import dev.eddy.tensor.kernels.ScalarKernels;
import dev.eddy.tensor.kernels.UnaryOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels on the Java Vector API ({@code SPECIES_PREFERRED}: 16 floats / 8 doubles with AVX-512).
 * Loops run whole vectors up to {@code loopBound} and finish with a scalar tail that performs the same
 * operations as a lane, so an element's result never depends on where a run was cut (results do not
 * depend on how work is split across threads). Reductions keep four independent accumulators and add
 * the lanes in a fixed order once per leaf of the pairwise tree, so a sum is also the same before and
 * after the JIT compiles the loop.
 *
 * <p>Performance rule followed throughout: every vector operation sits in the loop method itself, with
 * its operator a constant in the code (a {@code switch} on the loop-invariant op inside the loop, not a
 * {@code VectorOperators} argument to a shared helper). With a non-constant operator, or a helper the
 * JIT declines to inline, the Vector API runs lane by lane, 20-50x slower.
 *
 * <p>What is not vectorised here runs the inherited scalar reference: {@code POW}, F32 {@code LOG},
 * and the F64 transcendentals (exp, log, tanh, sigmoid). Softmax and log-sum-exp are the inherited
 * compositions of the vectorised max, subtract, exp and pairwise sum.
 */
public final class VectorKernels extends ScalarKernels {
  private static final VectorSpecies<Float> FS = VectorMath.FS;
  private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
  private static final int FL = FS.length();
  private static final int DL = DS.length();

  public VectorKernels() {}

  @Override
  public String name() {
    return "vector";
  }

  /** Four accumulators of one vector each sum a leaf, so a long leaf still adds only ~leaf/(4·lanes) terms per lane. */
  @Override
  protected int sumBlock() {
    return 4096;
  }

  // ================================================================ F32 elementwise

  @Override
  public void binary(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
    if (op == BinaryOp.POW) {
      super.binary(op, a, ao, b, bo, out, oo, n);
    } else {
      binaryLoop(op, a, ao, 0f, b, bo, 0f, out, oo, n);
    }
  }

  @Override
  public void binary(BinaryOp op, float[] a, int ao, float s, float[] out, int oo, int n) {
    if (op == BinaryOp.POW) {
      super.binary(op, a, ao, s, out, oo, n);
    } else {
      binaryLoop(op, a, ao, 0f, null, 0, s, out, oo, n);
    }
  }

  @Override
  public void binary(BinaryOp op, float s, float[] b, int bo, float[] out, int oo, int n) {
    if (op == BinaryOp.POW) {
      super.binary(op, s, b, bo, out, oo, n);
    } else {
      binaryLoop(op, null, 0, s, b, bo, 0f, out, oo, n);
    }
  }

  /**
   * {@code out = a op b}; a null array stands for its scalar ({@code sa} or {@code sb}) in every
   * element. The switch sits inside the loop on purpose: the operator must be a compile-time constant
   * for the JIT to emit vector instructions, and a switch on a loop-invariant value gives each branch
   * a constant operator without relying on the inlining of a helper.
   */
  private static void binaryLoop(BinaryOp op, float[] a, int ao, float sa, float[] b, int bo, float sb,
      float[] out, int oo, int n) {
    boolean aRun = a != null;
    boolean bRun = b != null;
    FloatVector va0 = FloatVector.broadcast(FS, sa);
    FloatVector vb0 = FloatVector.broadcast(FS, sb);
    FloatVector zero = FloatVector.zero(FS);
    int i = 0;
    for (int bound = FS.loopBound(n); i < bound; i += FL) {
      FloatVector va = aRun ? FloatVector.fromArray(FS, a, ao + i) : va0;
      FloatVector vb = bRun ? FloatVector.fromArray(FS, b, bo + i) : vb0;
      FloatVector r = switch (op) {
        case ADD -> va.add(vb);
        case SUB -> va.sub(vb);
        case MUL -> va.mul(vb);
        case DIV -> va.div(vb);
        case MAX -> va.max(vb);
        case MIN -> va.min(vb);
        case EQ -> zero.blend(1f, va.compare(VectorOperators.EQ, vb));
        case NE -> zero.blend(1f, va.compare(VectorOperators.NE, vb));
        case LT -> zero.blend(1f, va.compare(VectorOperators.LT, vb));
        case LE -> zero.blend(1f, va.compare(VectorOperators.LE, vb));
        case GT -> zero.blend(1f, va.compare(VectorOperators.GT, vb));
        case GE -> zero.blend(1f, va.compare(VectorOperators.GE, vb));
        case POW -> throw new AssertionError(op);
      };
      r.intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      out[oo + i] = op.apply(aRun ? a[ao + i] : sa, bRun ? b[bo + i] : sb);
    }
  }

  @Override
  public void unary(UnaryOp op, float[] x, int xo, float[] out, int oo, int n) {
    switch (op) {
      case LOG -> super.unary(op, x, xo, out, oo, n);
      case EXP -> VectorMath.apply(VectorMath.EXP, x, xo, out, oo, n);
      case TANH -> VectorMath.apply(VectorMath.TANH, x, xo, out, oo, n);
      case SIGMOID -> VectorMath.apply(VectorMath.SIGMOID, x, xo, out, oo, n);
      default -> exactUnaryLoop(op, x, xo, out, oo, n);
    }
  }

  /** The exactly rounded unary ops; the scalar tail gives the same bits as the lanes. */
  private static void exactUnaryLoop(UnaryOp op, float[] x, int xo, float[] out, int oo, int n) {
    FloatVector one = FloatVector.broadcast(FS, 1f);
    int i = 0;
    for (int bound = FS.loopBound(n); i < bound; i += FL) {
      FloatVector v = FloatVector.fromArray(FS, x, xo + i);
      FloatVector r = switch (op) {
        case NEG -> v.neg();
        case ABS -> v.abs();
        case SQRT -> v.sqrt();
        case SQUARE -> v.mul(v);
        case RECIPROCAL -> one.div(v);
        case RELU -> v.max(0f);
        // Math.signum: ±1, with ±0 and NaN returned unchanged
        case SIGN -> v.blend(1f, v.compare(VectorOperators.GT, 0f)).blend(-1f, v.compare(VectorOperators.LT, 0f));
        default -> throw new AssertionError(op);
      };
      r.intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      out[oo + i] = op.apply(x[xo + i]);
    }
  }

  @Override
  public void clamp(float[] x, int xo, float lo, float hi, float[] out, int oo, int n) {
    int i = 0;
    for (int bound = FS.loopBound(n); i < bound; i += FL) {
      FloatVector.fromArray(FS, x, xo + i).max(lo).min(hi).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      out[oo + i] = Math.min(Math.max(x[xo + i], lo), hi);
    }
  }

  // ================================================================ F32 reductions

  /**
   * The lanes of {@code v} added in lane order. Not {@code reduceLanes(ADD)}: its order is unspecified,
   * and the JIT-compiled order differs from the interpreter's, so a sum would depend on whether the
   * code had been compiled yet. Called once per leaf, never in a hot loop.
   */
  private static float sumLanes(FloatVector v) {
    float[] lanes = v.toArray();
    float s = 0f;
    for (float x : lanes) {
      s += x;
    }
    return s;
  }

  @Override
  protected float sumLeaf(float[] x, int off, int n) {
    FloatVector s0 = FloatVector.zero(FS);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    int i = 0;
    for (int bound = n - n % (4 * FL); i < bound; i += 4 * FL) {
      s0 = s0.add(FloatVector.fromArray(FS, x, off + i));
      s1 = s1.add(FloatVector.fromArray(FS, x, off + i + FL));
      s2 = s2.add(FloatVector.fromArray(FS, x, off + i + 2 * FL));
      s3 = s3.add(FloatVector.fromArray(FS, x, off + i + 3 * FL));
    }
    for (int bound = FS.loopBound(n); i < bound; i += FL) {
      s0 = s0.add(FloatVector.fromArray(FS, x, off + i));
    }
    float s = sumLanes(s0.add(s1).add(s2.add(s3)));
    for (; i < n; i++) {
      s += x[off + i];
    }
    return s;
  }

  @Override
  protected float dotLeaf(float[] a, int ao, float[] b, int bo, int n) {
    FloatVector s0 = FloatVector.zero(FS);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    int i = 0;
    for (int bound = n - n % (4 * FL); i < bound; i += 4 * FL) {
      s0 = FloatVector.fromArray(FS, a, ao + i).fma(FloatVector.fromArray(FS, b, bo + i), s0);
      s1 = FloatVector.fromArray(FS, a, ao + i + FL).fma(FloatVector.fromArray(FS, b, bo + i + FL), s1);
      s2 = FloatVector.fromArray(FS, a, ao + i + 2 * FL).fma(FloatVector.fromArray(FS, b, bo + i + 2 * FL), s2);
      s3 = FloatVector.fromArray(FS, a, ao + i + 3 * FL).fma(FloatVector.fromArray(FS, b, bo + i + 3 * FL), s3);
    }
    for (int bound = FS.loopBound(n); i < bound; i += FL) {
      s0 = FloatVector.fromArray(FS, a, ao + i).fma(FloatVector.fromArray(FS, b, bo + i), s0);
    }
    float s = sumLanes(s0.add(s1).add(s2.add(s3)));
    for (; i < n; i++) {
      s = Math.fma(a[ao + i], b[bo + i], s);
    }
    return s;
  }

  @Override
  protected float max(float[] x, int off, int n) {
    return extreme(true, x, off, n);
  }

  @Override
  protected float min(float[] x, int off, int n) {
    return extreme(false, x, off, n);
  }

  private static float extreme(boolean max, float[] x, int off, int n) {
    FloatVector m0 = FloatVector.broadcast(FS, max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY);
    FloatVector m1 = m0;
    int i = 0;
    for (int bound = n - n % (2 * FL); i < bound; i += 2 * FL) {
      FloatVector v0 = FloatVector.fromArray(FS, x, off + i);
      FloatVector v1 = FloatVector.fromArray(FS, x, off + i + FL);
      m0 = max ? m0.max(v0) : m0.min(v0);
      m1 = max ? m1.max(v1) : m1.min(v1);
    }
    for (int bound = FS.loopBound(n); i < bound; i += FL) {
      FloatVector v = FloatVector.fromArray(FS, x, off + i);
      m0 = max ? m0.max(v) : m0.min(v);
    }
    float m = max ? m0.max(m1).reduceLanes(VectorOperators.MAX) : m0.min(m1).reduceLanes(VectorOperators.MIN);
    for (; i < n; i++) {
      m = max ? Math.max(m, x[off + i]) : Math.min(m, x[off + i]);
    }
    return m;
  }

  @Override
  public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
    FloatVector va = FloatVector.broadcast(FS, alpha);
    int i = 0;
    for (int bound = FS.loopBound(n); i < bound; i += FL) {
      va.fma(FloatVector.fromArray(FS, x, xo + i), FloatVector.fromArray(FS, y, yo + i)).intoArray(y, yo + i);
    }
    for (; i < n; i++) {
      y[yo + i] = Math.fma(alpha, x[xo + i], y[yo + i]); // same rounding as the vector lanes
    }
  }

  // ================================================================ F64 elementwise

  @Override
  public void binary(BinaryOp op, double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
    if (op == BinaryOp.POW) {
      super.binary(op, a, ao, b, bo, out, oo, n);
    } else {
      binaryLoop(op, a, ao, 0, b, bo, 0, out, oo, n);
    }
  }

  @Override
  public void binary(BinaryOp op, double[] a, int ao, double s, double[] out, int oo, int n) {
    if (op == BinaryOp.POW) {
      super.binary(op, a, ao, s, out, oo, n);
    } else {
      binaryLoop(op, a, ao, 0, null, 0, s, out, oo, n);
    }
  }

  @Override
  public void binary(BinaryOp op, double s, double[] b, int bo, double[] out, int oo, int n) {
    if (op == BinaryOp.POW) {
      super.binary(op, s, b, bo, out, oo, n);
    } else {
      binaryLoop(op, null, 0, s, b, bo, 0, out, oo, n);
    }
  }

  /** The F64 twin of the F32 {@code binaryLoop}. */
  private static void binaryLoop(BinaryOp op, double[] a, int ao, double sa, double[] b, int bo, double sb,
      double[] out, int oo, int n) {
    boolean aRun = a != null;
    boolean bRun = b != null;
    DoubleVector va0 = DoubleVector.broadcast(DS, sa);
    DoubleVector vb0 = DoubleVector.broadcast(DS, sb);
    DoubleVector zero = DoubleVector.zero(DS);
    int i = 0;
    for (int bound = DS.loopBound(n); i < bound; i += DL) {
      DoubleVector va = aRun ? DoubleVector.fromArray(DS, a, ao + i) : va0;
      DoubleVector vb = bRun ? DoubleVector.fromArray(DS, b, bo + i) : vb0;
      DoubleVector r = switch (op) {
        case ADD -> va.add(vb);
        case SUB -> va.sub(vb);
        case MUL -> va.mul(vb);
        case DIV -> va.div(vb);
        case MAX -> va.max(vb);
        case MIN -> va.min(vb);
        case EQ -> zero.blend(1.0, va.compare(VectorOperators.EQ, vb));
        case NE -> zero.blend(1.0, va.compare(VectorOperators.NE, vb));
        case LT -> zero.blend(1.0, va.compare(VectorOperators.LT, vb));
        case LE -> zero.blend(1.0, va.compare(VectorOperators.LE, vb));
        case GT -> zero.blend(1.0, va.compare(VectorOperators.GT, vb));
        case GE -> zero.blend(1.0, va.compare(VectorOperators.GE, vb));
        case POW -> throw new AssertionError(op);
      };
      r.intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      out[oo + i] = op.apply(aRun ? a[ao + i] : sa, bRun ? b[bo + i] : sb);
    }
  }

  @Override
  public void unary(UnaryOp op, double[] x, int xo, double[] out, int oo, int n) {
    switch (op) {
      case EXP, LOG, TANH, SIGMOID -> super.unary(op, x, xo, out, oo, n);
      default -> exactUnaryLoop(op, x, xo, out, oo, n);
    }
  }

  private static void exactUnaryLoop(UnaryOp op, double[] x, int xo, double[] out, int oo, int n) {
    DoubleVector one = DoubleVector.broadcast(DS, 1.0);
    int i = 0;
    for (int bound = DS.loopBound(n); i < bound; i += DL) {
      DoubleVector v = DoubleVector.fromArray(DS, x, xo + i);
      DoubleVector r = switch (op) {
        case NEG -> v.neg();
        case ABS -> v.abs();
        case SQRT -> v.sqrt();
        case SQUARE -> v.mul(v);
        case RECIPROCAL -> one.div(v);
        case RELU -> v.max(0.0);
        case SIGN -> v.blend(1.0, v.compare(VectorOperators.GT, 0.0)).blend(-1.0, v.compare(VectorOperators.LT, 0.0));
        default -> throw new AssertionError(op);
      };
      r.intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      out[oo + i] = op.apply(x[xo + i]);
    }
  }

  @Override
  public void clamp(double[] x, int xo, double lo, double hi, double[] out, int oo, int n) {
    int i = 0;
    for (int bound = DS.loopBound(n); i < bound; i += DL) {
      DoubleVector.fromArray(DS, x, xo + i).max(lo).min(hi).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      out[oo + i] = Math.min(Math.max(x[xo + i], lo), hi);
    }
  }

  // ================================================================ F64 reductions

  /** The lanes of {@code v} added in lane order (see the F32 {@code sumLanes}). */
  private static double sumLanes(DoubleVector v) {
    double[] lanes = v.toArray();
    double s = 0;
    for (double x : lanes) {
      s += x;
    }
    return s;
  }

  @Override
  protected double sumLeaf(double[] x, int off, int n) {
    DoubleVector s0 = DoubleVector.zero(DS);
    DoubleVector s1 = s0;
    DoubleVector s2 = s0;
    DoubleVector s3 = s0;
    int i = 0;
    for (int bound = n - n % (4 * DL); i < bound; i += 4 * DL) {
      s0 = s0.add(DoubleVector.fromArray(DS, x, off + i));
      s1 = s1.add(DoubleVector.fromArray(DS, x, off + i + DL));
      s2 = s2.add(DoubleVector.fromArray(DS, x, off + i + 2 * DL));
      s3 = s3.add(DoubleVector.fromArray(DS, x, off + i + 3 * DL));
    }
    for (int bound = DS.loopBound(n); i < bound; i += DL) {
      s0 = s0.add(DoubleVector.fromArray(DS, x, off + i));
    }
    double s = sumLanes(s0.add(s1).add(s2.add(s3)));
    for (; i < n; i++) {
      s += x[off + i];
    }
    return s;
  }

  @Override
  protected double dotLeaf(double[] a, int ao, double[] b, int bo, int n) {
    DoubleVector s0 = DoubleVector.zero(DS);
    DoubleVector s1 = s0;
    DoubleVector s2 = s0;
    DoubleVector s3 = s0;
    int i = 0;
    for (int bound = n - n % (4 * DL); i < bound; i += 4 * DL) {
      s0 = DoubleVector.fromArray(DS, a, ao + i).fma(DoubleVector.fromArray(DS, b, bo + i), s0);
      s1 = DoubleVector.fromArray(DS, a, ao + i + DL).fma(DoubleVector.fromArray(DS, b, bo + i + DL), s1);
      s2 = DoubleVector.fromArray(DS, a, ao + i + 2 * DL).fma(DoubleVector.fromArray(DS, b, bo + i + 2 * DL), s2);
      s3 = DoubleVector.fromArray(DS, a, ao + i + 3 * DL).fma(DoubleVector.fromArray(DS, b, bo + i + 3 * DL), s3);
    }
    for (int bound = DS.loopBound(n); i < bound; i += DL) {
      s0 = DoubleVector.fromArray(DS, a, ao + i).fma(DoubleVector.fromArray(DS, b, bo + i), s0);
    }
    double s = sumLanes(s0.add(s1).add(s2.add(s3)));
    for (; i < n; i++) {
      s = Math.fma(a[ao + i], b[bo + i], s);
    }
    return s;
  }

  @Override
  protected double max(double[] x, int off, int n) {
    return extreme(true, x, off, n);
  }

  @Override
  protected double min(double[] x, int off, int n) {
    return extreme(false, x, off, n);
  }

  private static double extreme(boolean max, double[] x, int off, int n) {
    DoubleVector m0 = DoubleVector.broadcast(DS, max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    DoubleVector m1 = m0;
    int i = 0;
    for (int bound = n - n % (2 * DL); i < bound; i += 2 * DL) {
      DoubleVector v0 = DoubleVector.fromArray(DS, x, off + i);
      DoubleVector v1 = DoubleVector.fromArray(DS, x, off + i + DL);
      m0 = max ? m0.max(v0) : m0.min(v0);
      m1 = max ? m1.max(v1) : m1.min(v1);
    }
    for (int bound = DS.loopBound(n); i < bound; i += DL) {
      DoubleVector v = DoubleVector.fromArray(DS, x, off + i);
      m0 = max ? m0.max(v) : m0.min(v);
    }
    double m = max ? m0.max(m1).reduceLanes(VectorOperators.MAX) : m0.min(m1).reduceLanes(VectorOperators.MIN);
    for (; i < n; i++) {
      m = max ? Math.max(m, x[off + i]) : Math.min(m, x[off + i]);
    }
    return m;
  }

  @Override
  public void axpy(double alpha, double[] x, int xo, double[] y, int yo, int n) {
    DoubleVector va = DoubleVector.broadcast(DS, alpha);
    int i = 0;
    for (int bound = DS.loopBound(n); i < bound; i += DL) {
      va.fma(DoubleVector.fromArray(DS, x, xo + i), DoubleVector.fromArray(DS, y, yo + i)).intoArray(y, yo + i);
    }
    for (; i < n; i++) {
      y[yo + i] = Math.fma(alpha, x[xo + i], y[yo + i]);
    }
  }
}
