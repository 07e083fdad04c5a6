package dev.eddy.autograd;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Shape;
import dev.eddy.tensor.Tensor;
import java.util.Arrays;

/** The NaN/Inf checks of anomaly mode and the messages they raise. */
final class Anomalies {
  private Anomalies() {}

  /** Checks an op's freshly computed output. */
  static void checkOutput(String op, Tensor out, CallSite site) {
    int bad = out.firstNonFinite();
    if (bad >= 0) {
      throw new AnomalyException("anomaly: op '" + op + "' produced " + describe(out, bad) + " in the forward pass, "
          + "called at " + site.userFrame(), site, op);
    }
  }

  /** Checks the gradient that the backward of {@code record} returned for input {@code input}. */
  static void checkGradient(Record record, int input, Tensor g) {
    int bad = g.firstNonFinite();
    if (bad >= 0) {
      String where = record.site == null ? "" : "; the op was called at " + record.site.userFrame();
      throw new AnomalyException("anomaly: the backward of op '" + record.op + "' produced " + describe(g, bad)
          + " in the gradient of input #" + input + where, record.site, record.op);
    }
  }

  private static String describe(Tensor t, int flat) {
    double v = t.dtype() == DType.F32 ? t.f32()[flat] : t.f64()[flat];
    return v + " (first at " + Arrays.toString(unravel(flat, t.shape())) + " of shape " + t.shape() + ")";
  }

  /** The row-major multi-index of flat position {@code flat} in {@code shape}. */
  static int[] unravel(int flat, Shape shape) {
    int[] idx = new int[shape.rank()];
    for (int i = idx.length - 1; i >= 0; i--) {
      int d = shape.dim(i);
      idx[i] = flat % d;
      flat /= d;
    }
    return idx;
  }
}
