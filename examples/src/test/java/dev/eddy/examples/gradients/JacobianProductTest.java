package dev.eddy.examples.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.nn.golden.RelativeError;
import dev.eddy.nn.recurrent.LstmCell;
import dev.eddy.nn.recurrent.Recurrence;
import dev.eddy.nn.recurrent.RecurrentState;
import dev.eddy.nn.recurrent.RnnCell;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The claims of {@code eddy gradients}: the probes measure dL/ds_t, and for a tanh RNN the product of
 * Jacobians diag(1 − h_t²) W_hh, multiplied out by hand, is exactly autograd's dL/dh_t, under the
 * bounds the command prints.
 */
class JacobianProductTest {
  private static final Function<Var, Var> SQUARED_SUM = h -> h.square().sum();

  private static Tensor inputs(int steps, int features, long seed) {
    return Tensor.normal(new SplittableRandom(seed), DType.F64, 0, 1, steps, 1, features);
  }

  @Property(tries = 25)
  void theJacobianProductIsAutogradsGradient(@ForAll @IntRange(min = 1, max = 20) int steps,
      @ForAll @IntRange(min = 1, max = 9) int hidden, @ForAll @DoubleRange(min = 0.2, max = 3) double radius,
      @ForAll boolean gaussian, @ForAll long seed) {
    RnnCell cell = RnnCell.builder(3, hidden).dtype(DType.F64).seed(seed).build();
    Tensor whh = (gaussian ? RecurrentWeights.GAUSSIAN : RecurrentWeights.ORTHOGONAL).draw(hidden, radius, seed);
    cell.loadStateDict(Map.of("weight_hh", whh), false);
    StateGradients.Run run = StateGradients.measure(cell, inputs(steps, 3, seed), SQUARED_SUM);
    Tensor[] h = run.states()[0];
    Tensor[] autograd = run.grads()[0];
    Tensor[] byHand = JacobianProduct.backpropagate(whh, h, autograd[steps]);
    double[] productNorms = JacobianProduct.productNorms(whh, h, autograd[steps]);
    double gLast = Spectra.norm(autograd[steps]);
    double sigma = Spectra.largestSingularValue(whh);
    assertEquals(1, productNorms[steps], 1e-12);
    for (int t = 0; t <= steps; t++) {
      RelativeError e = RelativeError.of("dL/dh_" + t, byHand[t], autograd[t]);
      assertTrue(e.max() <= 1e-12, e.toString());
      double measured = Spectra.norm(autograd[t]);
      assertTrue(measured <= productNorms[t] * gLast * (1 + 1e-12), "t=" + t + ": |g_t| " + measured
          + " above the product bound " + productNorms[t] * gLast);
      assertTrue(productNorms[t] <= Math.pow(sigma, steps - t) * (1 + 1e-9), "t=" + t + ": |J..J| "
          + productNorms[t] + " above sigma_max^(T-t) " + Math.pow(sigma, steps - t));
    }
  }

  @Property(tries = 15)
  void probesAtTheStartGiveTheGradientOfTheInitialState(@ForAll @IntRange(min = 1, max = 8) int steps,
      @ForAll @IntRange(min = 1, max = 6) int hidden, @ForAll long seed) {
    LstmCell cell = LstmCell.builder(3, hidden).dtype(DType.F64).seed(seed).forgetBias(1).build();
    Tensor x = inputs(steps, 3, seed);
    var rng = new SplittableRandom(seed + 1);
    Tensor h0 = Tensor.normal(rng, DType.F64, 0, 1, 1, hidden);
    Tensor c0 = Tensor.normal(rng, DType.F64, 0, 1, 1, hidden);
    StateGradients.Run run = StateGradients.measure(cell, x, SQUARED_SUM, RecurrentState.of(Var.constant(h0),
        Var.constant(c0)));

    Var h0p = Var.parameter(h0);
    Var c0p = Var.parameter(c0);
    try (Tape tape = Tape.open()) {
      // the composed driver, whose ops are the cell steps StateGradients runs: the losses agree bitwise
      // (the fused fast path rounds differently, by a few ulp)
      Var last = Recurrence.of(cell).fastPath(false).run(Var.constant(x), RecurrentState.of(h0p, c0p)).state()
          .output();
      Var loss = SQUARED_SUM.apply(last);
      tape.backward(loss);
      assertEquals(loss.item(), run.loss(), 0);
    }
    assertTrue(RelativeError.of("dL/dh_0", run.grads()[0][0], h0p.grad()).max() <= 1e-12);
    assertTrue(RelativeError.of("dL/dc_0", run.grads()[1][0], c0p.grad()).max() <= 1e-12);
  }

  @Property(tries = 10)
  void theLossReadsOnlyTheLastOutput(@ForAll @IntRange(min = 2, max = 6) int steps, @ForAll long seed) {
    LstmCell cell = LstmCell.builder(2, 3).dtype(DType.F64).seed(seed).build();
    StateGradients.Run run = StateGradients.measure(cell, inputs(steps, 2, seed), Var::sum);
    assertEquals(0, Spectra.norm(run.grads()[1][steps]), "dL/dc_T: the loss does not read c_T");
    assertTrue(Spectra.norm(run.grads()[1][steps - 1]) > 0, "dL/dc_{T-1} reaches h_T through c_T");
  }
}
