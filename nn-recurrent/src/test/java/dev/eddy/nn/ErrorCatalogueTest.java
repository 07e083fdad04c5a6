package dev.eddy.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eddy.autograd.Losses;
import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.nn.recurrent.GRU;
import dev.eddy.nn.recurrent.GruCell;
import dev.eddy.nn.recurrent.LSTM;
import dev.eddy.nn.recurrent.LstmCell;
import dev.eddy.nn.recurrent.RNN;
import dev.eddy.nn.recurrent.Recurrence;
import dev.eddy.nn.recurrent.RecurrentState;
import dev.eddy.optim.Adam;
import dev.eddy.optim.GradClipping;
import dev.eddy.optim.Sgd;
import dev.eddy.optim.StepLr;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Parallel;
import dev.eddy.tensor.ShapeException;
import dev.eddy.tensor.Tensor;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue of bad input a user can give the library, one case per kind: each fails at the
 * public edge with an exception of the documented type whose message names the thing, what it must
 * be and what it was. The messages are compared whole, so a vaguer message fails this test.
 */
class ErrorCatalogueTest {
  private static final LSTM LSTM_4_6 = LSTM.builder(4, 6).build();
  private static final Var X = f32(5, 3, 4);

  /** One kind of bad input: what is done, the exception type and its exact message. */
  record Case(String kind, Class<? extends Throwable> type, String message, Executable action) {
    @Override
    public String toString() {
      return kind;
    }
  }

  private static Case bad(String kind, Class<? extends Throwable> type, String message, Executable action) {
    return new Case(kind, type, message, action);
  }

  private static Var f32(int... shape) {
    return Var.constant(Tensor.zeros(DType.F32, shape));
  }

  private static Var f64(int... shape) {
    return Var.constant(Tensor.zeros(DType.F64, shape));
  }

  private static RecurrentState lstmState(Var h, Var c) {
    return RecurrentState.of(h, c);
  }

  static Stream<Case> shapesAndRanks() {
    Class<IllegalArgumentException> arg = IllegalArgumentException.class;
    return Stream.of(
        bad("layer input of rank 2", arg, "LSTM: input must be [time, batch, 4] (batch_first=false), got [5, 4]",
            () -> LSTM_4_6.forward(f32(5, 4))),
        bad("layer input with the wrong feature count", arg,
            "LSTM: input must be [time, batch, 4] (batch_first=false), got [5, 3, 7]", () -> LSTM_4_6.forward(f32(5, 3, 7))),
        bad("batch-first input of rank 2", arg, "GRU: input must be [batch, time, 4] (batch_first=true), got [3, 4]",
            () -> GRU.builder(4, 6).batchFirst(true).build().forward(f32(3, 4))),
        bad("empty sequence", arg,
            "LSTM: input must have at least one time step and one sequence, got [0, 3, 4] for [time, batch, 4]"
                + " (batch_first=false)", () -> LSTM_4_6.forward(f32(0, 3, 4))),
        bad("layer step input", arg, "LSTM.step: input must be [batch, 4], got [3, 5]",
            () -> LSTM_4_6.step(f32(3, 5), null)),
        bad("cell step input", arg, "GruCell: input must be [batch, 4], got [3, 5]",
            () -> GruCell.builder(4, 6).build().step(f32(3, 5), null)),
        bad("Linear input", arg, "Linear: input must be [..., 3], got [2, 4]", () -> new Linear(3, 2, 1).forward(f32(2, 4))),
        bad("LayerNorm input", arg, "LayerNorm: input must be [..., 4], got [2, 3]",
            () -> new LayerNorm(4).forward(f32(2, 3))),
        bad("matmul of mismatched Vars", ShapeException.class, "matmul: [2, 3] @ [2, 3]: inner dimensions 3 and 2 differ",
            () -> f32(2, 3).matmul(f32(2, 3))),
        bad("loss of mismatched shapes", ShapeException.class,
            "mse: input [2, 3] and target [3, 2] differ in shape (losses do not broadcast; reshape one of them)",
            () -> Losses.mse(f32(2, 3), f32(3, 2))),
        bad("values that do not fill a shape", ShapeException.class, "wrap: 3 values do not fill shape [2, 2] (4 elements)",
            () -> Tensor.of(new float[] {1, 2, 3}, 2, 2)),
        bad("a negative dimension", ShapeException.class, "shape [2, -1]: dimension 1 is negative",
            () -> Tensor.zeros(DType.F32, 2, -1)),
        bad("a class index outside the logits", arg,
            "crossEntropy: target 5 of row 1 is not a class in [0, 3) nor the ignore index -100",
            () -> Losses.crossEntropy(f32(2, 3), new int[] {0, 5})),
        bad("an embedding id outside the table", arg,
            "Embedding: id 7.0 at flat position 1 of ids [2] is not an integer in [0, 5)",
            () -> new Embedding(5, 2, 1).forward(1, 7)));
  }

  static Stream<Case> dtypeMixes() {
    Class<IllegalArgumentException> arg = IllegalArgumentException.class;
    return Stream.of(
        bad("F64 input to an F32 layer", arg,
            "LSTM: input is F64 but the parameters are F32; convert the input or the module with to(F64)",
            () -> LSTM_4_6.forward(f64(5, 3, 4))),
        bad("F64 initial state with F32 input", arg, "LSTM: h0 is F64 but the input is F32",
            () -> LSTM_4_6.forward(X, lstmState(f64(1, 3, 6), f64(1, 3, 6)))),
        bad("F64 input to an F32 Linear", arg,
            "Linear: input is F64 but the parameters are F32; convert the input or the module with to(F64)",
            () -> new Linear(3, 2, 1).forward(f64(2, 3))),
        bad("F64 input to an F32 LayerNorm", arg,
            "LayerNorm: input is F64 but the parameters are F32; convert the input or the module with to(F64)",
            () -> new LayerNorm(3).forward(f64(2, 3))),
        bad("F32 plus F64", ShapeException.class, "add: dtypes F32 [2] and F64 [2] differ; convert one with to(DType)",
            () -> f32(2).add(f64(2))));
  }

  static Stream<Case> lengthsAndStates() {
    Class<IllegalArgumentException> arg = IllegalArgumentException.class;
    return Stream.of(
        bad("a length beyond the time steps", arg, "LSTM: lengths[2] = 9 is outside [1, 5] (time steps of the input)",
            () -> LSTM_4_6.forward(X, null, new int[] {5, 1, 9})),
        bad("a negative length", arg, "LSTM: lengths[0] = -1 is outside [1, 5] (time steps of the input)",
            () -> LSTM_4_6.forward(X, null, new int[] {-1, 1, 2})),
        bad("an empty sequence in a batch", arg, "GRU: lengths[1] = 0 is outside [1, 5] (time steps of the input)",
            () -> GRU.builder(4, 6).build().forward(X, null, new int[] {5, 0, 2})),
        bad("lengths not matching the batch", arg, "LSTM: lengths must have one entry per sequence (3), got 1",
            () -> LSTM_4_6.forward(X, null, new int[] {5})),
        bad("lengths not matching the batch of a cell driver", arg,
            "GruCell: lengths must have one entry per sequence (3), got 2",
            () -> Recurrence.of(GruCell.builder(4, 6).build()).run(X, null, new int[] {1, 2})),
        bad("h0 of the wrong batch size", arg,
            "LSTM: h0 must be [layers*directions, batch, size] = [1, 3, 6], got [1, 4, 6]",
            () -> LSTM_4_6.forward(X, lstmState(f32(1, 4, 6), f32(1, 3, 6)))),
        bad("c0 of the wrong layer count", arg,
            "LSTM: c0 must be [layers*directions, batch, size] = [1, 3, 6], got [2, 3, 6]",
            () -> LSTM_4_6.forward(X, lstmState(f32(1, 3, 6), f32(2, 3, 6)))),
        bad("an LSTM state without c0", arg, "LSTM: the initial state must have 2 part(s) (h0, c0), got 1",
            () -> LSTM_4_6.forward(X, RecurrentState.of(f32(1, 3, 6)))),
        bad("a step state of the wrong batch size", arg,
            "LSTM: h0 must be [layers*directions, batch, size] = [1, 3, 6], got [1, 2, 6]",
            () -> LSTM_4_6.step(f32(3, 4), lstmState(f32(1, 2, 6), f32(1, 2, 6)))),
        bad("a cell state of the wrong batch size", arg,
            "LstmCell: state part 0 must be [batch, size] = [3, 6], got [2, 6]",
            () -> LstmCell.builder(4, 6).build().step(f32(3, 4), lstmState(f32(2, 6), f32(2, 6)))),
        bad("step on a bidirectional layer", IllegalStateException.class,
            "LSTM.step: a bidirectional layer needs the whole sequence; use forward",
            () -> LSTM.builder(4, 6).bidirectional(true).build().step(f32(3, 4), null)));
  }

  static Stream<Case> hyperParameters() {
    Class<IllegalArgumentException> arg = IllegalArgumentException.class;
    return Stream.of(
        bad("a negative hidden size", arg, "LSTM: input_size and hidden_size must be positive, got 4 and -6",
            () -> LSTM.builder(4, -6).build()),
        bad("zero layers", arg, "GRU: input_size and num_layers must be positive, got 4 and 0",
            () -> GRU.builder(4, 6).numLayers(0).build()),
        bad("layer dropout of 1", arg, "GRU: dropout must be in [0, 1), got 1.0", () -> GRU.builder(4, 6).dropout(1).build()),
        bad("negative layer dropout", arg, "RNN: dropout must be in [0, 1), got -0.1",
            () -> RNN.builder(4, 6).dropout(-0.1).build()),
        bad("Dropout p above 1", arg, "Dropout: p must be in [0, 1), got 1.5", () -> new Dropout(1.5, 1)),
        bad("Dropout p of 1", arg, "Dropout: p must be in [0, 1), got 1.0", () -> new Dropout(1, 1)),
        bad("Dropout p NaN", arg, "Dropout: p must be in [0, 1), got NaN", () -> new Dropout(Double.NaN, 1)),
        bad("proj_size not below hidden_size", arg, "LSTM: proj_size must be in [0, hidden_size) = [0, 6), got 6",
            () -> LSTM.builder(4, 6).projSize(6)),
        bad("a negative Linear size", arg, "Linear: in and out features must be positive, got -1 and 3",
            () -> new Linear(-1, 3, 1)),
        bad("an empty embedding table", arg, "Embedding: count and dim must be positive, got 0 and 2",
            () -> new Embedding(0, 2, 1)),
        bad("LayerNorm eps 0", arg, "LayerNorm: eps must be positive, got 0.0", () -> new LayerNorm(4, 0, true, DType.F32)),
        bad("a negative learning rate", arg, "SGD: lr must be a finite number > 0, got -0.1",
            () -> Sgd.builder(LSTM_4_6.parameters()).lr(-0.1).build()),
        bad("a zero learning rate", arg, "Adam: lr must be a finite number > 0, got 0.0",
            () -> Adam.builder(LSTM_4_6.parameters()).lr(0).build()),
        bad("beta1 of 1", arg, "Adam: beta1 must be in [0, 1), got 1.0",
            () -> Adam.builder(LSTM_4_6.parameters()).betas(1, 0.999).build()),
        bad("a negative momentum", arg, "SGD: momentum must be a finite number >= 0, got -0.5",
            () -> Sgd.builder(LSTM_4_6.parameters()).lr(0.1).momentum(-0.5).build()),
        bad("a negative clipping norm", arg, "clipGradNorm: maxNorm must be >= 0, got -1.0",
            () -> GradClipping.clipGradNorm(LSTM_4_6.namedParameters(), -1)),
        bad("a schedule step of 0", arg, "StepLr: stepSize must be at least 1, got 0", () -> new StepLr(0, 0.5)),
        bad("zero kernel threads", arg, "Parallel.setThreads: threads must be at least 1, got 0",
            () -> Parallel.setThreads(0)));
  }

  static Stream<Case> stateDictsAndMisuse() {
    Class<IllegalArgumentException> arg = IllegalArgumentException.class;
    return Stream.of(
        bad("a state dict with a missing, an unexpected and a mis-shaped key", StateDictException.class,
            "LSTM.loadStateDict: missing [bias_hh_l0]; unexpected [bias_xx]; wrong shape [weight_ih_l0: expected"
                + " [24, 4], got [24, 5]]", () -> LSTM_4_6.loadStateDict(damagedStateDict())),
        bad("a state dict of a wider layer", StateDictException.class,
            "GRU.loadStateDict: wrong shape [weight_ih_l0: expected [18, 4], got [24, 4], weight_hh_l0: expected"
                + " [18, 6], got [24, 8], bias_ih_l0: expected [18], got [24], bias_hh_l0: expected [18], got [24]]",
            () -> GRU.builder(4, 6).build().loadStateDict(GRU.builder(4, 8).build().stateDict())),
        bad("optimizer state of another kind", arg,
            "SGD.loadState: the state is Adam state, this optimizer is SGD",
            () -> Sgd.builder(LSTM_4_6.parameters()).lr(0.1).build().loadState(Map.of(),
                Adam.builder(LSTM_4_6.parameters()).build().stateScalars())),
        bad("a loss of more than one element", ShapeException.class,
            "backward: the loss must be a single element, got shape [2]; reduce it (sum, mean) or pass a seed of its"
                + " shape with backward(output, seed)", () -> {
              try (Tape tape = Tape.open()) {
                tape.backward(Var.parameter(Tensor.zeros(DType.F32, 2)).mul(2.0));
              }
            }),
        bad("a tape opened inside another", IllegalStateException.class,
            "Tape.open: a tape is already open on thread '" + Thread.currentThread().getName() + "' (0 records); tapes"
                + " do not nest, close that one first", () -> {
              try (Tape outer = Tape.open(); Tape inner = Tape.open()) {
                inner.size();
              }
            }));
  }

  private static Map<String, Tensor> damagedStateDict() {
    Map<String, Tensor> dict = LSTM_4_6.stateDict();
    dict.remove("bias_hh_l0");
    dict.put("bias_xx", Tensor.zeros(DType.F32, 3));
    dict.put("weight_ih_l0", Tensor.zeros(DType.F32, 24, 5));
    return dict;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"shapesAndRanks", "dtypeMixes", "lengthsAndStates", "hyperParameters", "stateDictsAndMisuse"})
  void failsNamingTheThingTheExpectedAndTheActualValue(Case c) {
    Throwable e = assertThrows(c.type(), c.action(), c.kind());
    assertEquals(c.message(), e.getMessage(), c.kind());
  }
}
