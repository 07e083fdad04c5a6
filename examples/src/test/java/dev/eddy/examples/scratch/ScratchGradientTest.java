package dev.eddy.examples.scratch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.nn.golden.RelativeError;
import dev.eddy.tensor.Tensor;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The hand-derived BPTT of the from-scratch models equals central finite differences, and equals
 * Eddy's autograd on the same weights to 1e-9 (relative, float64): the claim of {@code eddy scratch}.
 */
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

  private static void assertAgree(Map<String, Tensor> scratch, AutogradTwin.Result autograd, double loss) {
    assertEquals(autograd.loss(), loss, 1e-12 * Math.abs(loss));
    assertEquals(scratch.keySet(), autograd.grads().keySet());
    for (String name : scratch.keySet()) {
      RelativeError e = RelativeError.of(name, scratch.get(name), autograd.grads().get(name));
      assertTrue(e.max() <= 1e-9, e.toString());
    }
  }

  /** The biases start at zero; values make the check see where each one goes. */
  private static void randomize(SplittableRandom rng, double[]... biases) {
    for (double[] bias : biases) {
      for (int i = 0; i < bias.length; i++) {
        bias[i] = rng.nextDouble(-1, 1);
      }
    }
  }

  private static int[] ids(SplittableRandom rng, int n, int vocab) {
    return rng.ints(n, 0, vocab).toArray();
  }

  @Property(tries = 15)
  void rnnBpttMatchesFiniteDifferencesAndAutograd(@ForAll @IntRange(min = 1, max = 6) int steps,
      @ForAll @IntRange(min = 2, max = 5) int vocab, @ForAll @IntRange(min = 1, max = 5) int hidden,
      @ForAll long seed) {
    var rng = new SplittableRandom(seed);
    var m = new ScratchRnn(vocab, hidden, rng);
    randomize(rng, m.bh, m.by);
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
    assertAgree(AutogradTwin.scratchGrads(g), AutogradTwin.rnn(m, in, out, h0), g.loss);
  }

  @Property(tries = 15)
  void lstmBpttMatchesFiniteDifferencesAndAutograd(@ForAll @IntRange(min = 1, max = 6) int steps,
      @ForAll @IntRange(min = 2, max = 5) int vocab, @ForAll @IntRange(min = 1, max = 4) int hidden,
      @ForAll long seed) {
    var rng = new SplittableRandom(seed);
    var m = new ScratchLstm(vocab, hidden, rng);
    randomize(rng, m.b, m.by);
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
    assertAgree(AutogradTwin.scratchGrads(g), AutogradTwin.lstm(m, in, out, h0, c0), g.loss);
  }

  @Property(tries = 10)
  void aWrongWeightFailsTheAutogradCheck(@ForAll @IntRange(min = 2, max = 6) int steps, @ForAll long seed) {
    var rng = new SplittableRandom(seed);
    var m = new ScratchRnn(4, 3, rng);
    int[] in = ids(rng, steps, 4), out = ids(rng, steps, 4);
    double[] h0 = new double[3];
    AutogradTwin.Result auto = AutogradTwin.rnn(m, in, out, h0);
    m.whh[1][2] += 1e-3; // the scratch model only
    Tensor nudged = AutogradTwin.scratchGrads(m.lossAndGrads(in, out, h0)).get("W_hh");
    assertTrue(RelativeError.of("W_hh", nudged, auto.grads().get("W_hh")).max() > 1e-9);
  }
}
