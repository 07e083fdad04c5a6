package dev.eddy.tensor.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * F32 exp, tanh and sigmoid over runs, built only from exactly rounded operations (add, mul, FMA,
 * division, min/max, compares, bit moves). The vector loop and the scalar tail ({@link #expLane} and
 * friends) perform the same operations in the same order, so an element's result depends only on its
 * input: the same on every machine, and the same wherever a run is cut into pieces (so results do not
 * depend on the thread count). {@code lanewise(EXP)} has neither property: it calls a platform library
 * where one exists, and runs lane by lane where none does.
 *
 * <p>exp is Cody–Waite range reduction {@code x = n·ln2 + r} and a degree-6 minimax polynomial for
 * {@code e^r} (Cephes expf coefficients): at most 1 ulp from {@code (float) Math.exp} over the normal
 * range (measured by a dense sweep); results below {@code Float.MIN_NORMAL} (x &lt; -87.34) are
 * flushed to 0. tanh uses an odd polynomial for |x| &lt; 0.625 (Cephes tanhf) and
 * {@code 1 - 2/(e^{2|x|} + 1)} above; sigmoid is {@code 1/(1+e)} or {@code e/(1+e)} with
 * {@code e = e^{-|x|}}; both saturate without overflow and stay within 3 ulp.
 *
 * <p>Everything for one op sits in one loop method on purpose: a helper taking or returning vectors
 * is only fast when the JIT inlines it, and a large helper is not reliably inlined.
 */
final class VectorMath {
  private VectorMath() {}

  static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
  private static final int FL = FS.length();

  static final int EXP = 0;
  static final int TANH = 1;
  static final int SIGMOID = 2;

  private static final float LOG2E = 1.44269504088896341f;
  // ln 2 split so that n · LN2_HI is exact for the |n| <= 128 that occur
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  /** ln(Float.MIN_NORMAL): below it e^x is subnormal or 0, and we return 0. */
  private static final float EXP_LO = -87.336544f;
  /** Above ln(Float.MAX_VALUE) = 88.7228 e^x overflows; clamping at 89 keeps n <= 128 and still gives +inf. */
  private static final float EXP_HI = 89f;
  /** 1.5 · 2^23: adding then subtracting it rounds a float below 2^22 in magnitude to an integer. */
  private static final float ROUND = 12582912f;
  /** Adding 2^23 + 127 to an integral float n puts n + 127 in the low mantissa bits. */
  private static final float BIAS = 8388608f + 127f;
  private static final float P0 = 1.9875691500e-4f;
  private static final float P1 = 1.3981999507e-3f;
  private static final float P2 = 8.3334519073e-3f;
  private static final float P3 = 4.1665795894e-2f;
  private static final float P4 = 1.6666665459e-1f;
  private static final float P5 = 5.0000001201e-1f;
  private static final float T0 = -5.70498872745e-3f;
  private static final float T1 = 2.06390887954e-2f;
  private static final float T2 = -5.37397155531e-2f;
  private static final float T3 = 1.33314422036e-1f;
  private static final float T4 = -3.33332819422e-1f;
  /** Below this |x| tanh uses its polynomial, which avoids the cancellation in 1 - 2/(e^{2x} + 1). */
  private static final float TANH_SMALL = 0.625f;

  /** {@code out[i] = f(x[i])} for f = {@link #EXP}, {@link #TANH} or {@link #SIGMOID}. */
  static void apply(int f, float[] x, int xo, float[] out, int oo, int n) {
    FloatVector nLn2Hi = FloatVector.broadcast(FS, -LN2_HI);
    FloatVector nLn2Lo = FloatVector.broadcast(FS, -LN2_LO);
    FloatVector one = FloatVector.broadcast(FS, 1f);
    FloatVector two = FloatVector.broadcast(FS, 2f);
    int i = 0;
    for (int bound = FS.loopBound(n); i < bound; i += FL) {
      FloatVector v = FloatVector.fromArray(FS, x, xo + i);
      FloatVector ax = v.abs();
      FloatVector arg = switch (f) {
        case EXP -> v;
        case TANH -> ax.add(ax);
        default -> ax.neg();
      };
      // e = e^arg: arg = n·ln2 + r, e^arg = 2^n · e^r
      FloatVector xc = arg.max(EXP_LO).min(EXP_HI);
      FloatVector k = xc.mul(LOG2E).add(ROUND).sub(ROUND);
      FloatVector r = k.fma(nLn2Hi, xc);
      r = k.fma(nLn2Lo, r);
      FloatVector p = r.fma(P0, P1).fma(r, FloatVector.broadcast(FS, P2)).fma(r, FloatVector.broadcast(FS, P3))
          .fma(r, FloatVector.broadcast(FS, P4)).fma(r, FloatVector.broadcast(FS, P5));
      FloatVector er = p.fma(r.mul(r), r).add(1f);
      FloatVector k127 = k.min(127f); // k = 128 (just below overflow) is done as 2^127 · 2
      FloatVector scale = k127.add(BIAS).reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
      FloatVector e = er.mul(scale).mul(k.sub(k127).add(1f)).blend(0f, arg.compare(VectorOperators.LT, EXP_LO));
      FloatVector y = switch (f) {
        case EXP -> e;
        case TANH -> {
          FloatVector z = v.mul(v);
          FloatVector small = z.fma(T0, T1).fma(z, FloatVector.broadcast(FS, T2)).fma(z, FloatVector.broadcast(FS, T3))
              .fma(z, FloatVector.broadcast(FS, T4)).mul(z).fma(v, v);
          FloatVector large = one.sub(two.div(e.add(1f)));
          large = large.blend(large.neg(), v.compare(VectorOperators.LT, 0f));
          yield large.blend(small, ax.compare(VectorOperators.LT, TANH_SMALL));
        }
        default -> {
          FloatVector inv = one.div(e.add(1f));
          yield inv.blend(e.mul(inv), v.compare(VectorOperators.LT, 0f));
        }
      };
      y.intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      float v = x[xo + i];
      out[oo + i] = switch (f) {
        case EXP -> expLane(v);
        case TANH -> tanhLane(v);
        default -> sigmoidLane(v);
      };
    }
  }

  /** One lane of the vector exp above, operation for operation. */
  static float expLane(float arg) {
    float xc = Math.min(Math.max(arg, EXP_LO), EXP_HI);
    float k = (xc * LOG2E + ROUND) - ROUND;
    float r = Math.fma(k, -LN2_HI, xc);
    r = Math.fma(k, -LN2_LO, r);
    float p = Math.fma(r, P0, P1);
    p = Math.fma(p, r, P2);
    p = Math.fma(p, r, P3);
    p = Math.fma(p, r, P4);
    p = Math.fma(p, r, P5);
    float er = Math.fma(p, r * r, r) + 1f;
    float k127 = Math.min(k, 127f);
    float scale = Float.intBitsToFloat(Float.floatToRawIntBits(k127 + BIAS) << 23);
    float e = er * scale * ((k - k127) + 1f);
    return arg < EXP_LO ? 0f : e;
  }

  static float tanhLane(float v) {
    float ax = Math.abs(v);
    float e = expLane(ax + ax);
    if (ax < TANH_SMALL) {
      float z = v * v;
      float s = Math.fma(z, T0, T1);
      s = Math.fma(s, z, T2);
      s = Math.fma(s, z, T3);
      s = Math.fma(s, z, T4);
      return Math.fma(s * z, v, v);
    }
    float large = 1f - 2f / (e + 1f);
    return v < 0f ? -large : large;
  }

  static float sigmoidLane(float v) {
    float e = expLane(-Math.abs(v));
    float inv = 1f / (e + 1f);
    return v < 0f ? e * inv : inv;
  }
}
