package dev.eddy.examples.scratch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The hand-derived BPTT of the from-scratch models equals central finite differences. */
class ScratchGradientTest {
  private static final double EPS = 1e-6;

  /** Checks every element of {@code w} against a central difference of {@code loss}. */
  private static void check(String name, double[] w, double[] analytic, DoubleSupplier loss) {
    for (int i = 0; i < w.length; i++) {
      double saved = w[i];
      w[i] = saved + EPS;
      double plus = loss.getAsDouble();
      w[i] = saved - EPS;
      double minus = loss.getAsDouble();
      w[i] = saved;
      double numeric = (plus - minus) / (2 * EPS);
      double err = Math.abs(numeric - analytic[i]) / Math.max(1, Math.abs(numeric));
      assertTrue(err < 1e-6, name + "[" + i + "]: analytic " + analytic[i] + " numeric " + numeric);
    }
  }

  private static void check(String name, double[][] w, double[][] analytic, DoubleSupplier loss) {
    for (int r = 0; r < w.length; r++) {
      check(name + "[" + r + "]", w[r], analytic[r], loss);
    }
  }

  private static int[] ids(SplittableRandom rng, int n, int vocab) {
    return rng.ints(n, 0, vocab).toArray();
  }

  @Property(tries = 15)
  void rnnBpttMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 6) int steps,
      @ForAll @IntRange(min = 2, max = 5) int vocab, @ForAll @IntRange(min = 1, max = 5) int hidden,
      @ForAll long seed) {
    var rng = new SplittableRandom(seed);
    var m = new ScratchRnn(vocab, hidden, rng);
    int[] in = ids(rng, steps, vocab), out = ids(rng, steps, vocab);
    double[] h0 = rng.doubles(hidden, -1, 1).toArray();
    var g = m.lossAndGrads(in, out, h0);
    DoubleSupplier loss = () -> m.lossAndGrads(in, out, h0).loss;
    check("W_xh", m.wxh, g.wxh, loss);
    check("W_hh", m.whh, g.whh, loss);
    check("W_hy", m.why, g.why, loss);
    check("b_h", m.bh, g.bh, loss);
    check("b_y", m.by, g.by, loss);
    check("h0", h0, g.h0, loss);
  }

  @Property(tries = 15)
  void lstmBpttMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 6) int steps,
      @ForAll @IntRange(min = 2, max = 5) int vocab, @ForAll @IntRange(min = 1, max = 4) int hidden,
      @ForAll long seed) {
    var rng = new SplittableRandom(seed);
    var m = new ScratchLstm(vocab, hidden, rng);
    int[] in = ids(rng, steps, vocab), out = ids(rng, steps, vocab);
    double[] h0 = rng.doubles(hidden, -1, 1).toArray(), c0 = rng.doubles(hidden, -1, 1).toArray();
    var g = m.lossAndGrads(in, out, h0, c0);
    DoubleSupplier loss = () -> m.lossAndGrads(in, out, h0, c0).loss;
    check("W_x", m.wx, g.wx, loss);
    check("W_h", m.wh, g.wh, loss);
    check("W_y", m.wy, g.wy, loss);
    check("b", m.b, g.b, loss);
    check("b_y", m.by, g.by, loss);
    check("h0", h0, g.h0, loss);
    check("c0", c0, g.c0, loss);
  }
}
