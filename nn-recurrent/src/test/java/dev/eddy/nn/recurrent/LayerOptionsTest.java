package dev.eddy.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Shape;
import dev.eddy.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** PyTorch's names, shapes and options on the layers; messages at the public edge. */
class LayerOptionsTest {

  private static Var input(int... dims) {
    return Var.constant(Tensor.uniform(new SplittableRandom(5), DType.F32, -1, 1, dims));
  }

  @Test
  void lstmHasPyTorchNamesShapesAndOrder() {
    LSTM lstm = LSTM.builder(4, 6).numLayers(2).bidirectional(true).projSize(3).build();
    Map<String, Tensor> dict = lstm.stateDict();
    assertEquals(List.of(
        "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_hr_l0",
        "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
        "weight_hr_l0_reverse",
        "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1", "weight_hr_l1",
        "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse",
        "weight_hr_l1_reverse"), List.copyOf(dict.keySet()));
    assertEquals(Shape.of(24, 4), dict.get("weight_ih_l0").shape());
    assertEquals(Shape.of(24, 3), dict.get("weight_hh_l0").shape());
    assertEquals(Shape.of(24), dict.get("bias_hh_l0_reverse").shape());
    assertEquals(Shape.of(3, 6), dict.get("weight_hr_l1").shape());
    assertEquals(Shape.of(24, 6), dict.get("weight_ih_l1").shape()); // D * proj = 6 inputs

    RecurrentOutput out = lstm.forward(input(5, 2, 4));
    assertEquals(Shape.of(5, 2, 6), out.output().shape());
    assertEquals(Shape.of(4, 2, 3), out.hN().shape());
    assertEquals(Shape.of(4, 2, 6), out.cN().shape());
  }

  @Test
  void gruAndRnnNamesAndShapes() {
    GRU gru = GRU.builder(3, 5).numLayers(2).bias(false).batchFirst(true).build();
    assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "weight_ih_l1", "weight_hh_l1"),
        List.copyOf(gru.namedParameters().keySet()));
    RecurrentOutput out = gru.forward(input(2, 7, 3));
    assertEquals(Shape.of(2, 7, 5), out.output().shape());
    assertEquals(Shape.of(2, 2, 5), out.hN().shape());
    IllegalStateException noC = assertThrows(IllegalStateException.class, out::cN);
    assertTrue(noC.getMessage().contains("1 part"), noC.getMessage());

    RNN rnn = RNN.builder(3, 5).nonlinearity(Nonlinearity.RELU).build();
    assertEquals(Shape.of(5, 3), rnn.stateDict().get("weight_ih_l0").shape());
    assertEquals(Nonlinearity.RELU, ((RnnCell) rnn.cell(0, 0)).nonlinearity());
  }

  @Test
  void cellsHavePyTorchCellNames() {
    assertEquals(List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh"),
        List.copyOf(LstmCell.builder(2, 3).build().namedParameters().keySet()));
    assertEquals(List.of("weight_ih", "weight_hh"),
        List.copyOf(GruCell.builder(2, 3).bias(false).build().namedParameters().keySet()));
    assertEquals(Shape.of(9, 2), GruCell.builder(2, 3).build().stateDict().get("weight_ih").shape());
  }

  @Test
  void inputsAreCheckedInTheUsersTerms() {
    LSTM lstm = LSTM.builder(4, 6).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lstm.forward(input(5, 3, 7)));
    assertEquals("LSTM: input must be [time, batch, 4] (batch_first=false), got [5, 3, 7]", e.getMessage());

    LSTM bf = LSTM.builder(4, 6).batchFirst(true).build();
    e = assertThrows(IllegalArgumentException.class, () -> bf.forward(input(3, 4)));
    assertEquals("LSTM: input must be [batch, time, 4] (batch_first=true), got [3, 4]", e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> lstm.forward(input(5, 3, 4), null, new int[] {5, 6, 1}));
    assertEquals("LSTM: lengths[1] = 6 is outside [1, 5] (time steps of the input)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> lstm.forward(input(5, 3, 4), null, new int[] {5}));
    assertEquals("LSTM: lengths must have one entry per sequence (3), got 1", e.getMessage());

    e = assertThrows(IllegalArgumentException.class,
        () -> lstm.forward(input(5, 3, 4), RecurrentState.of(input(1, 3, 6), input(2, 3, 6))));
    assertEquals("LSTM: c0 must be [layers*directions, batch, size] = [1, 3, 6], got [2, 3, 6]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> lstm.forward(input(5, 3, 4), RecurrentState.of(input(1, 3, 6))));
    assertTrue(e.getMessage().startsWith("LSTM: the initial state must have 2 part(s) (h0, c0)"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class,
        () -> lstm.forward(Var.constant(Tensor.zeros(DType.F64, 5, 3, 4))));
    assertTrue(e.getMessage().startsWith("LSTM: input is F64 but the parameters are F32"), e.getMessage());

    GruCell cell = GruCell.builder(4, 6).build();
    e = assertThrows(IllegalArgumentException.class, () -> cell.step(input(3, 5), cell.zeroState(3, DType.F32)));
    assertEquals("GruCell: input must be [batch, 4], got [3, 5]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> cell.step(input(3, 4), cell.zeroState(2, DType.F32)));
    assertEquals("GruCell: state part 0 must be [batch, size] = [3, 6], got [2, 6]", e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> LSTM.builder(4, 6).projSize(6));
    assertEquals("LSTM: proj_size must be in [0, hidden_size) = [0, 6), got 6", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GRU.builder(4, 6).dropout(1).build());
    assertEquals("GRU: dropout must be in [0, 1), got 1.0", e.getMessage());
  }

  @Test
  void theSameSeedGivesTheSameModelBitwise() {
    Map<String, Tensor> a = LSTM.builder(3, 4).numLayers(2).seed(9).build().stateDict();
    Map<String, Tensor> b = LSTM.builder(3, 4).numLayers(2).seed(9).build().stateDict();
    Map<String, Tensor> c = LSTM.builder(3, 4).numLayers(2).seed(10).build().stateDict();
    for (String name : a.keySet()) {
      assertTrue(a.get(name).bitwiseEquals(b.get(name)), name);
      assertFalse(a.get(name).bitwiseEquals(c.get(name)), name);
    }
  }

  @Test
  void pytorchInitIsUniformWithinOneOverSqrtHidden() {
    double bound = 1 / Math.sqrt(16);
    for (Tensor t : GRU.builder(8, 16).seed(1).build().stateDict().values()) {
      assertTrue(t.abs().max().item() <= bound, "within the bound");
      assertTrue(t.abs().max().item() > 0.9 * bound, "fills the range");
    }
  }

  @Test
  void xavierOrthogonalInitAndForgetBias() {
    LstmCell cell = LstmCell.builder(5, 4).init(RecurrentInit.XAVIER_ORTHOGONAL).forgetBias(1).dtype(DType.F64)
        .build();
    Map<String, Tensor> d = cell.stateDict();
    for (int g = 0; g < 4; g++) {
      Tensor block = d.get("weight_hh").narrow(0, 4 * g, 4);
      assertTrue(block.matmul(block.t()).allClose(Tensor.eye(DType.F64, 4), 1e-12, 1e-12), "gate block " + g);
    }
    double[] bih = d.get("bias_ih").toDoubleArray();
    double[] bhh = d.get("bias_hh").toDoubleArray();
    for (int j = 0; j < 16; j++) {
      assertEquals(j >= 4 && j < 8 ? 1 : 0, bih[j], "bias_ih[" + j + "]");
      assertEquals(0, bhh[j], "bias_hh[" + j + "]");
    }
    double xavier = Math.sqrt(6.0 / (5 + 4));
    assertTrue(d.get("weight_ih").abs().max().item() <= xavier);
    assertThrows(IllegalArgumentException.class, () -> LstmCell.builder(5, 4).bias(false).forgetBias(1).build());
  }

  @Test
  void dropoutBetweenLayersActsOnlyWhileTraining() {
    GRU gru = GRU.builder(3, 8).numLayers(3).dropout(0.5).seed(2).build();
    Var x = input(6, 2, 3);
    gru.eval();
    Tensor a = gru.forward(x).output().value();
    Tensor b = gru.forward(x).output().value();
    assertTrue(a.bitwiseEquals(b), "eval is deterministic");
    gru.train();
    Tensor c = gru.forward(x).output().value();
    Tensor d = gru.forward(x).output().value();
    assertFalse(c.bitwiseEquals(a), "training drops");
    assertFalse(c.bitwiseEquals(d), "fresh masks each call");
    GRU same = GRU.builder(3, 8).numLayers(3).dropout(0.5).seed(2).build();
    assertTrue(same.forward(x).output().value().bitwiseEquals(c), "the seed fixes the masks");
  }

  @Test
  void aLengthOfZeroIsRefusedAsInPyTorch() {
    // PyTorch's pack_padded_sequence refuses empty sequences too: a sequence with no step has no output
    // and no last state to report, and a silently unchanged state hides a bug in the caller's batching.
    GRU gru = GRU.builder(2, 3).bidirectional(true).dtype(DType.F64).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> gru.forward(Var.constant(Tensor.ones(DType.F64, 4, 2, 2)), null, new int[] {0, 4}));
    assertEquals("GRU: lengths[0] = 0 is outside [1, 4] (time steps of the input)", e.getMessage());
  }

  @Test
  void toConvertsEveryParameter() {
    RNN rnn = RNN.builder(2, 3).numLayers(2).build();
    assertEquals(DType.F32, rnn.dtype());
    rnn.to(DType.F64);
    for (Var p : rnn.parameters()) {
      assertEquals(DType.F64, p.dtype());
    }
    assertEquals(Shape.of(4, 1, 3), rnn.forward(Var.constant(Tensor.ones(DType.F64, 4, 1, 2))).output().shape());
  }

  @Test
  void stepOfABidirectionalLayerIsRefused() {
    LSTM lstm = LSTM.builder(2, 3).bidirectional(true).build();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> lstm.step(input(1, 2), null));
    assertTrue(e.getMessage().contains("bidirectional"), e.getMessage());
    assertArrayEquals(new int[] {3, 3}, lstm.stateSizes());
  }
}
