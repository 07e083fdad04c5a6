package dev.eddy.examples.gradients;

import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.nn.recurrent.RecurrentCell;
import dev.eddy.nn.recurrent.RecurrentState;
import dev.eddy.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The gradient of a loss on the last step with respect to every state a recurrent cell passes
 * through on one sequence: dL/ds_t for t = 0 (the initial state) to T (the last), for each part of
 * the state (an LSTM has h and c).
 *
 * <p>How: the cell is stepped by hand, {@code state = cell.step(x_t, state)}, and a zero "probe"
 * parameter p_t is added to each part of each state, {@code s_t' = s_t + p_t}. The values do not
 * change, every later step reads {@code s_t'}, so after backward {@code p_t.grad()} is
 * {@code dL/ds_t}: the total derivative through all later steps, which is exactly the gradient
 * backpropagation through time carries back to step t.
 */
final class StateGradients {
  private StateGradients() {}

  /**
   * What one run measured. Indexed {@code [part][t]}, t = 0..T; each entry is {@code [batch, size]}.
   *
   * @param states the state values s_t
   * @param grads dL/ds_t (zeros where no gradient arrived)
   * @param loss the loss
   */
  record Run(Tensor[][] states, Tensor[][] grads, double loss) {
    /** ‖dL/ds_t‖ for t = 0..T, of state part {@code part}. */
    double[] norms(int part) {
      double[] out = new double[grads[part].length];
      for (int t = 0; t < out.length; t++) {
        out[t] = Spectra.norm(grads[part][t]);
      }
      return out;
    }
  }

  /**
   * Runs {@code cell} over {@code inputs [time, batch, inputSize]} from the zero state and
   * differentiates {@code loss(h_T)}, a scalar function of the last output {@code [batch, outputSize]}.
   */
  static Run measure(RecurrentCell cell, Tensor inputs, Function<Var, Var> loss) {
    return measure(cell, inputs, loss, cell.zeroState(inputs.dim(1), inputs.dtype()));
  }

  /** {@link #measure(RecurrentCell, Tensor, Function)} from the state {@code initial} (its values only). */
  static Run measure(RecurrentCell cell, Tensor inputs, Function<Var, Var> loss, RecurrentState initial) {
    int steps = inputs.dim(0);
    int parts = cell.stateSizes().length;
    List<List<Var>> probed = new ArrayList<>(); // [t][part]
    List<List<Var>> probes = new ArrayList<>();
    try (Tape tape = Tape.open()) {
      RecurrentState state = probe(initial.detach(), probed, probes);
      for (int t = 0; t < steps; t++) {
        state = probe(cell.step(Var.constant(inputs.select(0, t)), state), probed, probes);
      }
      Var l = loss.apply(state.output());
      tape.backward(l);
      Tensor[][] values = new Tensor[parts][steps + 1];
      Tensor[][] grads = new Tensor[parts][steps + 1];
      for (int t = 0; t <= steps; t++) {
        for (int p = 0; p < parts; p++) {
          values[p][t] = probed.get(t).get(p).value();
          Tensor g = probes.get(t).get(p).grad();
          grads[p][t] = g != null ? g : Tensor.zerosLike(values[p][t]);
        }
      }
      return new Run(values, grads, l.item());
    }
  }

  /** {@code state} with a zero parameter added to each part; records both. */
  private static RecurrentState probe(RecurrentState state, List<List<Var>> probed, List<List<Var>> probes) {
    List<Var> parts = new ArrayList<>();
    List<Var> zeros = new ArrayList<>();
    for (Var part : state.parts()) {
      Var zero = Var.parameter(Tensor.zerosLike(part.value()));
      zeros.add(zero);
      parts.add(part.add(zero));
    }
    probed.add(parts);
    probes.add(zeros);
    return RecurrentState.of(parts);
  }
}
