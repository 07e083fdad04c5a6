package dev.eddy.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Truncated backpropagation through time, as docs/architecture.md shows it: the sequence is cut into
 * windows, each window runs on its own tape from the detached final state of the previous one.
 */
class TruncatedBpttTest {
  static final int TIME = 12;
  static final int BATCH = 3;

  private final Tensor x = Tensor.uniform(new SplittableRandom(1), DType.F64, -1, 1, TIME, BATCH, 4);
  private final Tensor w = Tensor.normal(new SplittableRandom(2), DType.F64, 0, 1, TIME, BATCH, 5);

  private static LSTM model() {
    return LSTM.builder(4, 5).numLayers(2).dtype(DType.F64).seed(3).build();
  }

  /** Gradients of {@code Σ_t sum(output_t * w_t)} with windows of {@code window} steps; returns the outputs too. */
  private List<Tensor> train(LSTM lstm, int window, List<Tensor> outputs) {
    RecurrentState state = null; // zeros
    for (int start = 0; start < TIME; start += window) {
      int len = Math.min(window, TIME - start);
      try (Tape tape = Tape.open()) {
        RecurrentOutput out = lstm.forward(Var.constant(x.narrow(0, start, len)), state);
        tape.backward(out.output().mul(Var.constant(w.narrow(0, start, len))).sum());
        outputs.add(out.output().value());
        state = out.state().detach(); // carry the values, cut the history
      }
    }
    List<Tensor> grads = new ArrayList<>();
    for (Var p : lstm.parameters()) {
      grads.add(p.grad().copy());
    }
    return grads;
  }

  private static List<Tensor> fullBptt(LSTM lstm, Tensor x, Tensor w) {
    try (Tape tape = Tape.open()) {
      tape.backward(lstm.forward(Var.constant(x)).output().mul(Var.constant(w)).sum());
    }
    List<Tensor> grads = new ArrayList<>();
    for (Var p : lstm.parameters()) {
      grads.add(p.grad().copy());
    }
    return grads;
  }

  @Test
  void aWindowCoveringTheWholeSequenceIsFullBptt() {
    List<Tensor> full = fullBptt(model(), x, w);
    List<Tensor> truncated = train(model(), TIME, new ArrayList<>());
    for (int i = 0; i < full.size(); i++) {
      assertTrue(truncated.get(i).bitwiseEquals(full.get(i)), "parameter " + i);
    }
  }

  @Test
  void shorterWindowsCarryTheStateButCutTheGradient() {
    LSTM whole = model();
    Tensor fullOutput = whole.forward(Var.constant(x)).output().value();
    List<Tensor> outputs = new ArrayList<>();
    List<Tensor> truncated = train(model(), 4, outputs);
    // forward values are those of the uncut run: the state crosses the windows
    assertTrue(Tensor.concat(0, outputs).allClose(fullOutput, 1e-13, 1e-15));
    // but no gradient flows back across a window boundary, so the gradients differ from full BPTT
    List<Tensor> full = fullBptt(model(), x, w);
    boolean anyDiffers = false;
    for (int i = 0; i < full.size(); i++) {
      anyDiffers |= !truncated.get(i).allClose(full.get(i), 1e-6, 1e-9);
    }
    assertTrue(anyDiffers);
  }

  @Test
  void usingAStateFromAClosedTapeWithoutDetachFailsLoudly() {
    LSTM lstm = model();
    RecurrentState state;
    try (Tape tape = Tape.open()) {
      RecurrentOutput out = lstm.forward(Var.constant(x.narrow(0, 0, 4)));
      tape.backward(out.output().sum());
      state = out.state(); // not detached
    }
    RecurrentState carried = state;
    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> {
      try (Tape tape = Tape.open()) {
        tape.backward(lstm.forward(Var.constant(x.narrow(0, 4, 4)), carried).output().sum());
      }
    });
    assertTrue(e.getMessage().contains("detach()"), e.getMessage());
    assertFalse(e.getMessage().isEmpty());
  }
}
