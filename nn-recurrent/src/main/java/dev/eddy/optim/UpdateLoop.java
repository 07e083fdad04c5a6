package dev.eddy.optim;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Parallel;
import dev.eddy.tensor.Tensor;

/**
 * Runs an {@link ElementwiseUpdate} over a parameter in place, on as many threads as
 * {@link Parallel} allows for large parameters.
 *
 * <p>F64 parameters are updated directly in their backing arrays. An F32 parameter is streamed
 * through blocks of 256 doubles: each block of parameter, gradient and state is widened, updated in
 * double, and the parameter and state are rounded back once. So every optimizer has one update
 * rule, written once in double, and an F32 step is that rule computed from the stored floats with
 * one rounding per stored value. Nothing is allocated per element: F64 needs nothing, F32 one set of
 * blocks per thread per call.
 */
final class UpdateLoop {
  /** Fewest elements per thread: a parameter smaller than twice this is updated on the calling thread alone. */
  static final int PARALLEL_CHUNK = 1 << 16;
  private static final int F32_BLOCK = 256;

  private UpdateLoop() {}

  /** Updates {@code param} and {@code state} (same shape and dtype as {@code param}) from {@code grad}. */
  static void run(Tensor param, Tensor grad, Tensor[] state, ElementwiseUpdate update) {
    int n = param.numel();
    if (param.dtype() == DType.F64) {
      double[] p = param.f64();
      double[] g = grad.f64();
      double[][] s = new double[state.length][];
      for (int k = 0; k < state.length; k++) {
        s[k] = state[k].f64();
      }
      Parallel.forRange(n, PARALLEL_CHUNK, (from, to) -> update.apply(p, g, s, from, to));
    } else {
      float[] p = param.f32();
      float[] g = grad.f32();
      float[][] s = new float[state.length][];
      for (int k = 0; k < state.length; k++) {
        s[k] = state[k].f32();
      }
      Parallel.forRange(n, PARALLEL_CHUNK, (from, to) -> runF32(p, g, s, from, to, update));
    }
  }

  private static void runF32(float[] p, float[] g, float[][] s, int from, int to, ElementwiseUpdate update) {
    double[] pd = new double[F32_BLOCK];
    double[] gd = new double[F32_BLOCK];
    double[][] sd = new double[s.length][F32_BLOCK];
    for (int start = from; start < to; start += F32_BLOCK) {
      int len = Math.min(F32_BLOCK, to - start);
      widen(p, start, pd, len);
      widen(g, start, gd, len);
      for (int k = 0; k < s.length; k++) {
        widen(s[k], start, sd[k], len);
      }
      update.apply(pd, gd, sd, 0, len);
      narrow(pd, p, start, len);
      for (int k = 0; k < s.length; k++) {
        narrow(sd[k], s[k], start, len);
      }
    }
  }

  private static void widen(float[] src, int offset, double[] dst, int len) {
    for (int i = 0; i < len; i++) {
      dst[i] = src[offset + i];
    }
  }

  private static void narrow(double[] src, float[] dst, int offset, int len) {
    for (int i = 0; i < len; i++) {
      dst[offset + i] = (float) src[i];
    }
  }
}
