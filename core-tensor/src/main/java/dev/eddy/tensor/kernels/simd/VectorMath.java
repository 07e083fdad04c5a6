package dev.eddy.tensor.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * F32 exp, tanh and sigmoid on whole vectors, built only from exactly rounded lane operations (add,
 * mul, FMA, min/max, compares, bit moves). So the result of a lane depends only on its input: the same
 * on every machine and independent of how a run is split, unlike {@code lanewise(EXP)}, which calls
 * a platform library when one exists (and is very slow when it does not, or when its operator is not
 * a compile-time constant).
 *
 * <p>Accuracy against {@code (float) Math.exp}: at most 1 ulp over the normal range (measured by a
 * sweep); results below {@code Float.MIN_NORMAL} (x &lt; -87.34) are flushed to zero.
 */
final class VectorMath {
  private VectorMath() {}

  static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;

  private static final float LOG2E = 1.44269504088896341f;
  // ln 2 split so that n * LN2_HI is exact for |n| < 2^15 (Cody-Waite)
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  /** ln(Float.MIN_NORMAL): below it exp is subnormal or zero; we flush to zero. */
  private static final float EXP_LO = -87.336544f;
  /** Above ln(Float.MAX_VALUE) = 88.7228 exp overflows; 89 keeps n ≤ 128 and still gives +inf. */
  private static final float EXP_HI = 89f;
  /** 1.5 · 2^23: adding and subtracting it rounds a float of magnitude &lt; 2^22 to an integer. */
  private static final float ROUND = 12582912f;
  /** Adding 2^23 + 127 puts n + 127 into the low mantissa bits of the sum. */
  private static final float EXP_BIAS_SHIFT = 8388608f + 127f;

  /** e^x per lane. */
  static FloatVector exp(FloatVector x) {
    FloatVector xc = x.max(EXP_LO).min(EXP_HI);
    // x = n·ln2 + r with |r| <= ln2/2, so e^x = 2^n · e^r
    FloatVector n = xc.mul(LOG2E).add(ROUND).sub(ROUND);
    FloatVector r = n.fma(FloatVector.broadcast(FS, -LN2_HI), xc);
    r = n.fma(FloatVector.broadcast(FS, -LN2_LO), r);
    // e^r - 1 - r by a minimax polynomial (Cephes expf coefficients), then e^r = 1 + r + r²·p(r)
    FloatVector p = r.fma(1.9875691500e-4f, 1.3981999507e-3f)
        .fma(r, FloatVector.broadcast(FS, 8.3334519073e-3f))
        .fma(r, FloatVector.broadcast(FS, 4.1665795894e-2f))
        .fma(r, FloatVector.broadcast(FS, 1.6666665459e-1f))
        .fma(r, FloatVector.broadcast(FS, 5.0000001201e-1f));
    FloatVector er = p.fma(r.mul(r), r).add(1f);
    // 2^n from exponent bits; n = 128 (just below overflow) is done as 2^127 · 2
    FloatVector k = n.min(127f);
    FloatVector twoK = k.add(EXP_BIAS_SHIFT).reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    FloatVector result = er.mul(twoK).mul(n.sub(k).add(1f));
    return result.blend(0f, x.compare(VectorOperators.LT, EXP_LO));
  }

  /** tanh per lane: an odd polynomial near 0, else {@code ±(1 - 2 / (e^{2|x|} + 1))}, which saturates without overflow. */
  static FloatVector tanh(FloatVector x) {
    FloatVector ax = x.abs();
    // |x| < 0.625: Cephes tanhf polynomial, avoids the cancellation in 1 - 2/(e^2x + 1)
    FloatVector z = x.mul(x);
    FloatVector small = z.fma(-5.70498872745e-3f, 2.06390887954e-2f)
        .fma(z, FloatVector.broadcast(FS, -5.37397155531e-2f))
        .fma(z, FloatVector.broadcast(FS, 1.33314422036e-1f))
        .fma(z, FloatVector.broadcast(FS, -3.33332819422e-1f))
        .mul(z).fma(x, x);
    FloatVector e = exp(ax.add(ax));
    FloatVector large = FloatVector.broadcast(FS, 1f).sub(FloatVector.broadcast(FS, 2f).div(e.add(1f)));
    large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
    return large.blend(small, ax.compare(VectorOperators.LT, 0.625f));
  }

  /** The logistic function per lane, from {@code e = e^{-|x|}} (never overflows): {@code 1/(1+e)} or {@code e/(1+e)}. */
  static FloatVector sigmoid(FloatVector x) {
    FloatVector e = exp(x.abs().neg());
    FloatVector inv = FloatVector.broadcast(FS, 1f).div(e.add(1f));
    return inv.blend(e.mul(inv), x.compare(VectorOperators.LT, 0f));
  }
}
