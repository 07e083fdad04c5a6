package dev.eddy.examples.scratch;

import dev.eddy.autograd.Losses;
import dev.eddy.autograd.Reduction;
import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.nn.Linear;
import dev.eddy.nn.Module;
import dev.eddy.nn.recurrent.LstmCell;
import dev.eddy.nn.recurrent.Recurrence;
import dev.eddy.nn.recurrent.RecurrentCell;
import dev.eddy.nn.recurrent.RecurrentState;
import dev.eddy.nn.recurrent.RnnCell;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The from-scratch models rebuilt from Eddy's modules in float64, with the same weights, so that
 * autograd's gradients can be set beside the hand-derived ones: an {@link RnnCell} or
 * {@link LstmCell} run by {@link Recurrence} over one-hot inputs, a {@link Linear} read-out and a
 * summed cross-entropy.
 *
 * <p>Layouts match PyTorch's: {@code W_xh} is {@code weight_ih [H, V]}, {@code W_hy} is the read-out's
 * {@code weight [V, H]}, the LSTM's gate blocks are i, f, g, o in both. Eddy's cells have two biases,
 * {@code bias_ih + bias_hh}; the scratch bias goes in {@code bias_ih} and {@code bias_hh} is zero
 * (it receives the same gradient, which {@link #rnn} and {@link #lstm} do not report twice).
 */
final class AutogradTwin {
  private AutogradTwin() {}

  /**
   * What autograd computed: the loss and the gradients under the scratch models' names, in the
   * order of their {@code Grads} fields.
   */
  record Result(double loss, Map<String, Tensor> grads) {}

  /** Autograd's loss and gradients for {@link ScratchRnn#lossAndGrads} on the same arguments. */
  static Result rnn(ScratchRnn m, int[] inputs, int[] targets, double[] h0) {
    RnnCell cell = RnnCell.builder(m.vocab, m.hidden).dtype(DType.F64).build();
    cell.loadStateDict(Map.of("weight_ih", Tensor.of(m.wxh), "weight_hh", Tensor.of(m.whh), "bias_ih", vector(m.bh),
        "bias_hh", Tensor.zeros(DType.F64, m.hidden)));
    Linear head = readout(m.why, m.by);
    Var h = Var.parameter(vector(h0).reshape(1, m.hidden));
    double loss = run(cell, head, inputs, targets, RecurrentState.of(h));
    Map<String, Tensor> g = new LinkedHashMap<>();
    g.put("W_xh", grad(cell, "weight_ih"));
    g.put("W_hh", grad(cell, "weight_hh"));
    g.put("W_hy", grad(head, "weight"));
    g.put("b_h", grad(cell, "bias_ih"));
    g.put("b_y", grad(head, "bias"));
    g.put("h0", h.grad().reshape(m.hidden));
    return new Result(loss, g);
  }

  /** Autograd's loss and gradients for {@link ScratchLstm#lossAndGrads} on the same arguments. */
  static Result lstm(ScratchLstm m, int[] inputs, int[] targets, double[] h0, double[] c0) {
    LstmCell cell = LstmCell.builder(m.vocab, m.hidden).dtype(DType.F64).build();
    cell.loadStateDict(Map.of("weight_ih", Tensor.of(m.wx), "weight_hh", Tensor.of(m.wh), "bias_ih", vector(m.b),
        "bias_hh", Tensor.zeros(DType.F64, 4 * m.hidden)));
    Linear head = readout(m.wy, m.by);
    Var h = Var.parameter(vector(h0).reshape(1, m.hidden));
    Var c = Var.parameter(vector(c0).reshape(1, m.hidden));
    double loss = run(cell, head, inputs, targets, RecurrentState.of(h, c));
    Map<String, Tensor> g = new LinkedHashMap<>();
    g.put("W_x", grad(cell, "weight_ih"));
    g.put("W_h", grad(cell, "weight_hh"));
    g.put("W_y", grad(head, "weight"));
    g.put("b", grad(cell, "bias_ih"));
    g.put("b_y", grad(head, "bias"));
    g.put("h0", h.grad().reshape(m.hidden));
    g.put("c0", c.grad().reshape(m.hidden));
    return new Result(loss, g);
  }

  /** One-hot inputs {@code [time, 1, V]} through the cell and read-out; backward of the summed cross-entropy. */
  private static double run(RecurrentCell cell, Linear head, int[] inputs, int[] targets, RecurrentState start) {
    int vocab = head.outFeatures();
    double[] oneHot = new double[inputs.length * vocab];
    for (int t = 0; t < inputs.length; t++) {
      oneHot[t * vocab + inputs[t]] = 1;
    }
    try (Tape tape = Tape.open()) {
      Var x = Var.constant(Tensor.of(oneHot, inputs.length, 1, vocab));
      Var states = Recurrence.of(cell).run(x, start).output(); // [time, 1, H]
      Var logits = head.forward(states.reshape(inputs.length, cell.outputSize()));
      Var loss = Losses.crossEntropy(logits, targets, Losses.DEFAULT_IGNORE_INDEX, null, Reduction.SUM);
      tape.backward(loss);
      return loss.item();
    }
  }

  private static Linear readout(double[][] weight, double[] bias) {
    Linear head = new Linear(weight[0].length, weight.length, true, DType.F64, new SplittableRandom(0));
    head.loadStateDict(Map.of("weight", Tensor.of(weight), "bias", vector(bias)));
    return head;
  }

  private static Tensor grad(Module m, String name) {
    return m.namedParameters().get(name).grad();
  }

  static Tensor vector(double[] v) {
    return Tensor.of(v, v.length);
  }

  /** The scratch gradients under the same names, as tensors. */
  static Map<String, Tensor> scratchGrads(ScratchRnn.Grads g) {
    return named(List.of("W_xh", "W_hh", "W_hy", "b_h", "b_y", "h0"),
        List.of(Tensor.of(g.wxh), Tensor.of(g.whh), Tensor.of(g.why), vector(g.bh), vector(g.by), vector(g.h0)));
  }

  /** The scratch gradients under the same names, as tensors. */
  static Map<String, Tensor> scratchGrads(ScratchLstm.Grads g) {
    return named(List.of("W_x", "W_h", "W_y", "b", "b_y", "h0", "c0"),
        List.of(Tensor.of(g.wx), Tensor.of(g.wh), Tensor.of(g.wy), vector(g.b), vector(g.by), vector(g.h0),
            vector(g.c0)));
  }

  private static Map<String, Tensor> named(List<String> names, List<Tensor> values) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      out.put(names.get(i), values.get(i));
    }
    return out;
  }
}
