package dev.eddy.tensor.kernels.simd;

import dev.eddy.tensor.kernels.BinaryOp;
import dev.eddy.tensor.kernels.ScalarKernels;
import dev.eddy.tensor.kernels.UnaryOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels on the Java Vector API ({@code SPECIES_PREFERRED}: 16 floats / 8 doubles with AVX-512).
 * Loops run whole vectors up to {@code loopBound}, then finish with scalar code for exactly rounded
 * ops, or with one masked vector step for F32 exp/tanh/sigmoid so that every element gets the same
 * arithmetic wherever a run is cut (results do not depend on how work is split across threads).
 * Reductions keep four independent accumulators and reduce lanes once per leaf.
 *
 * <p>What is not vectorised here falls back to the inherited scalar reference: {@code POW}, F32
 * {@code LOG}, and the F64 transcendentals (exp, log, tanh, sigmoid).
 *
 * <p>Each elementwise helper takes its {@link VectorOperators} operator as an argument and is always
 * called with a constant, so after inlining the JIT sees a constant operator and emits the vector
 * instruction (a non-constant operator would run lane by lane).
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

  private static VectorOperators.Comparison comparison(BinaryOp op) {
    return switch (op) {
      case EQ -> VectorOperators.EQ;
      case NE -> VectorOperators.NE;
      case LT -> VectorOperators.LT;
      case LE -> VectorOperators.LE;
      case GT -> VectorOperators.GT;
      case GE -> VectorOperators.GE;
      default -> throw new AssertionError(op);
    };
  }

  // ================================================================ F32 elementwise

  @Override
  public void binary(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
    switch (op) {
      case ADD -> rr(VectorOperators.ADD, op, a, ao, b, bo, out, oo, n);
      case SUB -> rr(VectorOperators.SUB, op, a, ao, b, bo, out, oo, n);
      case MUL -> rr(VectorOperators.MUL, op, a, ao, b, bo, out, oo, n);
      case DIV -> rr(VectorOperators.DIV, op, a, ao, b, bo, out, oo, n);
      case MAX -> rr(VectorOperators.MAX, op, a, ao, b, bo, out, oo, n);
      case MIN -> rr(VectorOperators.MIN, op, a, ao, b, bo, out, oo, n);
      case EQ -> cmpRR(VectorOperators.EQ, op, a, ao, b, bo, out, oo, n);
      case NE -> cmpRR(VectorOperators.NE, op, a, ao, b, bo, out, oo, n);
      case LT -> cmpRR(VectorOperators.LT, op, a, ao, b, bo, out, oo, n);
      case LE -> cmpRR(VectorOperators.LE, op, a, ao, b, bo, out, oo, n);
      case GT -> cmpRR(VectorOperators.GT, op, a, ao, b, bo, out, oo, n);
      case GE -> cmpRR(VectorOperators.GE, op, a, ao, b, bo, out, oo, n);
      case POW -> super.binary(op, a, ao, b, bo, out, oo, n);
    }
  }

  @Override
  public void binary(BinaryOp op, float[] a, int ao, float s, float[] out, int oo, int n) {
    switch (op) {
      case ADD -> rs(VectorOperators.ADD, op, a, ao, s, out, oo, n);
      case SUB -> rs(VectorOperators.SUB, op, a, ao, s, out, oo, n);
      case MUL -> rs(VectorOperators.MUL, op, a, ao, s, out, oo, n);
      case DIV -> rs(VectorOperators.DIV, op, a, ao, s, out, oo, n);
      case MAX -> rs(VectorOperators.MAX, op, a, ao, s, out, oo, n);
      case MIN -> rs(VectorOperators.MIN, op, a, ao, s, out, oo, n);
      case POW -> super.binary(op, a, ao, s, out, oo, n);
      default -> cmpRS(comparison(op), op, a, ao, s, out, oo, n);
    }
  }

  @Override
  public void binary(BinaryOp op, float s, float[] b, int bo, float[] out, int oo, int n) {
    switch (op) {
      case ADD -> rs(VectorOperators.ADD, op, b, bo, s, out, oo, n); // commutative: b + s
      case MUL -> rs(VectorOperators.MUL, op, b, bo, s, out, oo, n);
      case SUB -> sr(VectorOperators.SUB, op, s, b, bo, out, oo, n);
      case DIV -> sr(VectorOperators.DIV, op, s, b, bo, out, oo, n);
      case MAX -> sr(VectorOperators.MAX, op, s, b, bo, out, oo, n);
      case MIN -> sr(VectorOperators.MIN, op, s, b, bo, out, oo, n);
      default -> super.binary(op, s, b, bo, out, oo, n); // POW, comparisons with the scalar first: rare
    }
  }

  private static void rr(VectorOperators.Binary vop, BinaryOp op, float[] a, int ao, float[] b, int bo,
      float[] out, int oo, int n) {
    int i = 0;
    for (int bound = FS.loopBound(n); i < bound; i += FL) {
      FloatVector.fromArray(FS, a, ao + i).lanewise(vop, FloatVector.fromArray(FS, b, bo + i)).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      out[oo + i] = op.apply(a[ao + i], b[bo + i]);
    }
  }

  private static void rs(VectorOperators.Binary vop, BinaryOp op, float[] a, int ao, float s, float[] out, int oo,
      int n) {
    FloatVector vs = FloatVector.broadcast(FS, s);
    int i = 0;
    for (int bound = FS.loopBound(n); i < bound; i += FL) {
      FloatVector.fromArray(FS, a, ao + i).lanewise(vop, vs).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      out[oo + i] = op.apply(a[ao + i], s);
    }
  }

  private static void sr(VectorOperators.Binary vop, BinaryOp op, float s, float[] b, int bo, float[] out, int oo,
      int n) {
    FloatVector vs = FloatVector.broadcast(FS, s);
    int i = 0;
    for (int bound = FS.loopBound(n); i < bound; i += FL) {
      vs.lanewise(vop, FloatVector.fromArray(FS, b, bo + i)).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      out[oo + i] = op.apply(s, b[bo + i]);
    }
  }

  private static void cmpRR(VectorOperators.Comparison cop, BinaryOp op, float[] a, int ao, float[] b, int bo,
      float[] out, int oo, int n) {
    FloatVector zero = FloatVector.zero(FS);
    int i = 0;
    for (int bound = FS.loopBound(n); i < bound; i += FL) {
      VectorMask<Float> m = FloatVector.fromArray(FS, a, ao + i).compare(cop, FloatVector.fromArray(FS, b, bo + i));
      zero.blend(1f, m).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      out[oo + i] = op.apply(a[ao + i], b[bo + i]);
    }
  }

  private static void cmpRS(VectorOperators.Comparison cop, BinaryOp op, float[] a, int ao, float s, float[] out,
      int oo, int n) {
    FloatVector zero = FloatVector.zero(FS);
    int i = 0;
    for (int bound = FS.loopBound(n); i < bound; i += FL) {
      zero.blend(1f, FloatVector.fromArray(FS, a, ao + i).compare(cop, s)).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      out[oo + i] = op.apply(a[ao + i], s);
    }
  }

  @Override
  public void unary(UnaryOp op, float[] x, int xo, float[] out, int oo, int n) {
    if (op == UnaryOp.LOG) {
      super.unary(op, x, xo, out, oo, n);
      return;
    }
    int i = 0;
    int bound = FS.loopBound(n);
    // One loop per op so that each loop body is straight-line vector code.
    switch (op) {
      case EXP -> {
        for (; i < bound; i += FL) {
          VectorMath.exp(FloatVector.fromArray(FS, x, xo + i)).intoArray(out, oo + i);
        }
      }
      case TANH -> {
        for (; i < bound; i += FL) {
          VectorMath.tanh(FloatVector.fromArray(FS, x, xo + i)).intoArray(out, oo + i);
        }
      }
      case SIGMOID -> {
        for (; i < bound; i += FL) {
          VectorMath.sigmoid(FloatVector.fromArray(FS, x, xo + i)).intoArray(out, oo + i);
        }
      }
      case RELU -> {
        for (; i < bound; i += FL) {
          FloatVector.fromArray(FS, x, xo + i).max(0f).intoArray(out, oo + i);
        }
      }
      case NEG -> {
        for (; i < bound; i += FL) {
          FloatVector.fromArray(FS, x, xo + i).neg().intoArray(out, oo + i);
        }
      }
      case ABS -> {
        for (; i < bound; i += FL) {
          FloatVector.fromArray(FS, x, xo + i).abs().intoArray(out, oo + i);
        }
      }
      case SQRT -> {
        for (; i < bound; i += FL) {
          FloatVector.fromArray(FS, x, xo + i).sqrt().intoArray(out, oo + i);
        }
      }
      case SQUARE -> {
        for (; i < bound; i += FL) {
          FloatVector v = FloatVector.fromArray(FS, x, xo + i);
          v.mul(v).intoArray(out, oo + i);
        }
      }
      case RECIPROCAL -> {
        FloatVector one = FloatVector.broadcast(FS, 1f);
        for (; i < bound; i += FL) {
          one.div(FloatVector.fromArray(FS, x, xo + i)).intoArray(out, oo + i);
        }
      }
      case SIGN -> {
        for (; i < bound; i += FL) {
          sign(FloatVector.fromArray(FS, x, xo + i)).intoArray(out, oo + i);
        }
      }
      default -> throw new AssertionError(op);
    }
    if (i < n) { // the tail: one masked step with the same lane arithmetic as the loop
      VectorMask<Float> m = FS.indexInRange(i, n);
      apply(op, FloatVector.fromArray(FS, x, xo + i, m)).intoArray(out, oo + i, m);
    }
  }

  /** The lane function of {@link #unary} for one vector (used once per call, for the tail). */
  private static FloatVector apply(UnaryOp op, FloatVector v) {
    return switch (op) {
      case EXP -> VectorMath.exp(v);
      case TANH -> VectorMath.tanh(v);
      case SIGMOID -> VectorMath.sigmoid(v);
      case RELU -> v.max(0f);
      case NEG -> v.neg();
      case ABS -> v.abs();
      case SQRT -> v.sqrt();
      case SQUARE -> v.mul(v);
      case RECIPROCAL -> FloatVector.broadcast(FS, 1f).div(v);
      case SIGN -> sign(v);
      case LOG -> throw new AssertionError(op);
    };
  }

  /** {@link Math#signum} per lane: ±1, and ±0 or NaN unchanged. */
  private static FloatVector sign(FloatVector v) {
    return v.blend(1f, v.compare(VectorOperators.GT, 0f)).blend(-1f, v.compare(VectorOperators.LT, 0f));
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
    float s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
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
    float s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      s = Math.fma(a[ao + i], b[bo + i], s);
    }
    return s;
  }

  @Override
  protected float max(float[] x, int off, int n) {
    return extreme(VectorOperators.MAX, x, off, n, Float.NEGATIVE_INFINITY);
  }

  @Override
  protected float min(float[] x, int off, int n) {
    return extreme(VectorOperators.MIN, x, off, n, Float.POSITIVE_INFINITY);
  }

  private static float extreme(VectorOperators.Associative vop, float[] x, int off, int n, float identity) {
    FloatVector m0 = FloatVector.broadcast(FS, identity);
    FloatVector m1 = m0;
    int i = 0;
    for (int bound = n - n % (2 * FL); i < bound; i += 2 * FL) {
      m0 = m0.lanewise(vop, FloatVector.fromArray(FS, x, off + i));
      m1 = m1.lanewise(vop, FloatVector.fromArray(FS, x, off + i + FL));
    }
    for (int bound = FS.loopBound(n); i < bound; i += FL) {
      m0 = m0.lanewise(vop, FloatVector.fromArray(FS, x, off + i));
    }
    float m = m0.lanewise(vop, m1).reduceLanes(vop);
    for (; i < n; i++) {
      m = vop == VectorOperators.MAX ? Math.max(m, x[off + i]) : Math.min(m, x[off + i]);
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

  // ================================================================ F32 softmax family, fused

  /**
   * {@code Σ exp(x[i] - m)}, storing the terms in {@code out} when it is not null. Lane sums cover one
   * leaf ({@link #sumBlock()}) at a time and leaves are added in double, so long rows stay accurate.
   */
  private double sumExpShifted(float[] x, int xo, float m, float[] out, int oo, int n) {
    FloatVector vm = FloatVector.broadcast(FS, m);
    double total = 0;
    int block = sumBlock();
    for (int start = 0; start < n; start += block) {
      int end = Math.min(n, start + block);
      FloatVector acc = FloatVector.zero(FS);
      int i = start;
      for (int bound = start + FS.loopBound(end - start); i < bound; i += FL) {
        FloatVector e = VectorMath.exp(FloatVector.fromArray(FS, x, xo + i).sub(vm));
        if (out != null) {
          e.intoArray(out, oo + i);
        }
        acc = acc.add(e);
      }
      if (i < end) {
        VectorMask<Float> mask = FS.indexInRange(i, end);
        FloatVector e = VectorMath.exp(FloatVector.fromArray(FS, x, xo + i, mask).sub(vm));
        if (out != null) {
          e.intoArray(out, oo + i, mask);
        }
        acc = acc.add(e.blend(0f, mask.not()));
      }
      total += acc.reduceLanes(VectorOperators.ADD);
    }
    return total;
  }

  @Override
  public float logSumExp(float[] x, int off, int n) {
    float m = max(x, off, n);
    if (Float.isInfinite(m)) {
      return m;
    }
    return m + (float) Math.log(sumExpShifted(x, off, m, null, 0, n));
  }

  @Override
  public void softmax(float[] x, int xo, float[] out, int oo, int n) {
    float m = max(x, xo, n);
    float total = (float) sumExpShifted(x, xo, m, out, oo, n);
    rs(VectorOperators.DIV, BinaryOp.DIV, out, oo, total, out, oo, n);
  }

  // ================================================================ F64 elementwise

  @Override
  public void binary(BinaryOp op, double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
    switch (op) {
      case ADD -> rr(VectorOperators.ADD, op, a, ao, b, bo, out, oo, n);
      case SUB -> rr(VectorOperators.SUB, op, a, ao, b, bo, out, oo, n);
      case MUL -> rr(VectorOperators.MUL, op, a, ao, b, bo, out, oo, n);
      case DIV -> rr(VectorOperators.DIV, op, a, ao, b, bo, out, oo, n);
      case MAX -> rr(VectorOperators.MAX, op, a, ao, b, bo, out, oo, n);
      case MIN -> rr(VectorOperators.MIN, op, a, ao, b, bo, out, oo, n);
      case EQ -> cmpRR(VectorOperators.EQ, op, a, ao, b, bo, out, oo, n);
      case NE -> cmpRR(VectorOperators.NE, op, a, ao, b, bo, out, oo, n);
      case LT -> cmpRR(VectorOperators.LT, op, a, ao, b, bo, out, oo, n);
      case LE -> cmpRR(VectorOperators.LE, op, a, ao, b, bo, out, oo, n);
      case GT -> cmpRR(VectorOperators.GT, op, a, ao, b, bo, out, oo, n);
      case GE -> cmpRR(VectorOperators.GE, op, a, ao, b, bo, out, oo, n);
      case POW -> super.binary(op, a, ao, b, bo, out, oo, n);
    }
  }

  @Override
  public void binary(BinaryOp op, double[] a, int ao, double s, double[] out, int oo, int n) {
    switch (op) {
      case ADD -> rs(VectorOperators.ADD, op, a, ao, s, out, oo, n);
      case SUB -> rs(VectorOperators.SUB, op, a, ao, s, out, oo, n);
      case MUL -> rs(VectorOperators.MUL, op, a, ao, s, out, oo, n);
      case DIV -> rs(VectorOperators.DIV, op, a, ao, s, out, oo, n);
      case MAX -> rs(VectorOperators.MAX, op, a, ao, s, out, oo, n);
      case MIN -> rs(VectorOperators.MIN, op, a, ao, s, out, oo, n);
      case POW -> super.binary(op, a, ao, s, out, oo, n);
      default -> cmpRS(comparison(op), op, a, ao, s, out, oo, n);
    }
  }

  @Override
  public void binary(BinaryOp op, double s, double[] b, int bo, double[] out, int oo, int n) {
    switch (op) {
      case ADD -> rs(VectorOperators.ADD, op, b, bo, s, out, oo, n);
      case MUL -> rs(VectorOperators.MUL, op, b, bo, s, out, oo, n);
      case SUB -> sr(VectorOperators.SUB, op, s, b, bo, out, oo, n);
      case DIV -> sr(VectorOperators.DIV, op, s, b, bo, out, oo, n);
      case MAX -> sr(VectorOperators.MAX, op, s, b, bo, out, oo, n);
      case MIN -> sr(VectorOperators.MIN, op, s, b, bo, out, oo, n);
      default -> super.binary(op, s, b, bo, out, oo, n);
    }
  }

  private static void rr(VectorOperators.Binary vop, BinaryOp op, double[] a, int ao, double[] b, int bo,
      double[] out, int oo, int n) {
    int i = 0;
    for (int bound = DS.loopBound(n); i < bound; i += DL) {
      DoubleVector.fromArray(DS, a, ao + i).lanewise(vop, DoubleVector.fromArray(DS, b, bo + i)).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      out[oo + i] = op.apply(a[ao + i], b[bo + i]);
    }
  }

  private static void rs(VectorOperators.Binary vop, BinaryOp op, double[] a, int ao, double s, double[] out,
      int oo, int n) {
    DoubleVector vs = DoubleVector.broadcast(DS, s);
    int i = 0;
    for (int bound = DS.loopBound(n); i < bound; i += DL) {
      DoubleVector.fromArray(DS, a, ao + i).lanewise(vop, vs).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      out[oo + i] = op.apply(a[ao + i], s);
    }
  }

  private static void sr(VectorOperators.Binary vop, BinaryOp op, double s, double[] b, int bo, double[] out,
      int oo, int n) {
    DoubleVector vs = DoubleVector.broadcast(DS, s);
    int i = 0;
    for (int bound = DS.loopBound(n); i < bound; i += DL) {
      vs.lanewise(vop, DoubleVector.fromArray(DS, b, bo + i)).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      out[oo + i] = op.apply(s, b[bo + i]);
    }
  }

  private static void cmpRR(VectorOperators.Comparison cop, BinaryOp op, double[] a, int ao, double[] b, int bo,
      double[] out, int oo, int n) {
    DoubleVector zero = DoubleVector.zero(DS);
    int i = 0;
    for (int bound = DS.loopBound(n); i < bound; i += DL) {
      VectorMask<Double> m = DoubleVector.fromArray(DS, a, ao + i).compare(cop, DoubleVector.fromArray(DS, b, bo + i));
      zero.blend(1.0, m).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      out[oo + i] = op.apply(a[ao + i], b[bo + i]);
    }
  }

  private static void cmpRS(VectorOperators.Comparison cop, BinaryOp op, double[] a, int ao, double s,
      double[] out, int oo, int n) {
    DoubleVector zero = DoubleVector.zero(DS);
    int i = 0;
    for (int bound = DS.loopBound(n); i < bound; i += DL) {
      zero.blend(1.0, DoubleVector.fromArray(DS, a, ao + i).compare(cop, s)).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      out[oo + i] = op.apply(a[ao + i], s);
    }
  }

  @Override
  public void unary(UnaryOp op, double[] x, int xo, double[] out, int oo, int n) {
    int i = 0;
    int bound = DS.loopBound(n);
    switch (op) {
      case RELU -> {
        for (; i < bound; i += DL) {
          DoubleVector.fromArray(DS, x, xo + i).max(0.0).intoArray(out, oo + i);
        }
      }
      case NEG -> {
        for (; i < bound; i += DL) {
          DoubleVector.fromArray(DS, x, xo + i).neg().intoArray(out, oo + i);
        }
      }
      case ABS -> {
        for (; i < bound; i += DL) {
          DoubleVector.fromArray(DS, x, xo + i).abs().intoArray(out, oo + i);
        }
      }
      case SQRT -> {
        for (; i < bound; i += DL) {
          DoubleVector.fromArray(DS, x, xo + i).sqrt().intoArray(out, oo + i);
        }
      }
      case SQUARE -> {
        for (; i < bound; i += DL) {
          DoubleVector v = DoubleVector.fromArray(DS, x, xo + i);
          v.mul(v).intoArray(out, oo + i);
        }
      }
      case RECIPROCAL -> {
        DoubleVector one = DoubleVector.broadcast(DS, 1.0);
        for (; i < bound; i += DL) {
          one.div(DoubleVector.fromArray(DS, x, xo + i)).intoArray(out, oo + i);
        }
      }
      default -> { // exp, log, tanh, sigmoid, sign: the scalar reference
        super.unary(op, x, xo, out, oo, n);
        return;
      }
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
    double s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
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
    double s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      s = Math.fma(a[ao + i], b[bo + i], s);
    }
    return s;
  }

  @Override
  protected double max(double[] x, int off, int n) {
    return extreme(VectorOperators.MAX, x, off, n, Double.NEGATIVE_INFINITY);
  }

  @Override
  protected double min(double[] x, int off, int n) {
    return extreme(VectorOperators.MIN, x, off, n, Double.POSITIVE_INFINITY);
  }

  private static double extreme(VectorOperators.Associative vop, double[] x, int off, int n, double identity) {
    DoubleVector m0 = DoubleVector.broadcast(DS, identity);
    DoubleVector m1 = m0;
    int i = 0;
    for (int bound = n - n % (2 * DL); i < bound; i += 2 * DL) {
      m0 = m0.lanewise(vop, DoubleVector.fromArray(DS, x, off + i));
      m1 = m1.lanewise(vop, DoubleVector.fromArray(DS, x, off + i + DL));
    }
    for (int bound = DS.loopBound(n); i < bound; i += DL) {
      m0 = m0.lanewise(vop, DoubleVector.fromArray(DS, x, off + i));
    }
    double m = m0.lanewise(vop, m1).reduceLanes(vop);
    for (; i < n; i++) {
      m = vop == VectorOperators.MAX ? Math.max(m, x[off + i]) : Math.min(m, x[off + i]);
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
