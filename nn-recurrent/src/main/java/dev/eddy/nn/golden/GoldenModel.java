package dev.eddy.nn.golden;

import dev.eddy.autograd.Var;
import dev.eddy.nn.Module;
import dev.eddy.nn.recurrent.GRU;
import dev.eddy.nn.recurrent.GruCell;
import dev.eddy.nn.recurrent.LSTM;
import dev.eddy.nn.recurrent.LstmCell;
import dev.eddy.nn.recurrent.RNN;
import dev.eddy.nn.recurrent.RecurrentCell;
import dev.eddy.nn.recurrent.RecurrentOutput;
import dev.eddy.nn.recurrent.RecurrentStack;
import dev.eddy.nn.recurrent.RecurrentState;
import dev.eddy.nn.recurrent.RnnCell;
import dev.eddy.tensor.DType;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the Eddy counterpart of a golden case's PyTorch module and runs it forward. */
final class GoldenModel {
  private GoldenModel() {}

  /**
   * The layer or cell of {@code c}'s configuration, with parameters of {@code dtype}; a layer runs its
   * fused fast path where it applies if {@code fastPath}, else the composed cells.
   */
  static Module build(GoldenCase c, DType dtype, boolean fastPath) {
    GoldenCase.Config k = c.config();
    return switch (c.kind()) {
      case RNN -> RNN.builder(k.inputSize(), k.hiddenSize()).numLayers(k.numLayers()).bias(k.bias())
          .batchFirst(k.batchFirst()).bidirectional(k.bidirectional()).nonlinearity(k.nonlinearity()).dtype(dtype)
          .fastPath(fastPath).build();
      case LSTM -> LSTM.builder(k.inputSize(), k.hiddenSize()).numLayers(k.numLayers()).bias(k.bias())
          .batchFirst(k.batchFirst()).bidirectional(k.bidirectional()).projSize(k.projSize()).dtype(dtype)
          .fastPath(fastPath).build();
      case GRU -> GRU.builder(k.inputSize(), k.hiddenSize()).numLayers(k.numLayers()).bias(k.bias())
          .batchFirst(k.batchFirst()).bidirectional(k.bidirectional()).dtype(dtype).fastPath(fastPath).build();
      case RNN_CELL -> RnnCell.builder(k.inputSize(), k.hiddenSize()).bias(k.bias()).nonlinearity(k.nonlinearity())
          .dtype(dtype).build();
      case LSTM_CELL -> LstmCell.builder(k.inputSize(), k.hiddenSize()).bias(k.bias()).dtype(dtype).build();
      case GRU_CELL -> GruCell.builder(k.inputSize(), k.hiddenSize()).bias(k.bias()).dtype(dtype).build();
    };
  }

  /**
   * Runs {@code model} on the case's inputs (already Vars of the model's dtype, by input name) and
   * returns its outputs under the format's names: {@code output}, {@code h_n}, {@code c_n} for layers,
   * {@code h_1}, {@code c_1} for cells.
   */
  static Map<String, Var> forward(Module model, GoldenCase c, Map<String, Var> inputs) throws GoldenFormatException {
    Var x = inputs.get("x");
    Var h0 = inputs.get("h0");
    Var c0 = inputs.get("c0");
    if (c.kind().isLstm() && (h0 == null) != (c0 == null)) {
      throw new GoldenFormatException("an LSTM case needs both h0 and c0 or neither, got only "
          + (h0 == null ? "c0" : "h0"));
    }
    if (!c.kind().isLstm() && c0 != null) {
      throw new GoldenFormatException("inputs.c0 is only valid for LSTM cases");
    }
    RecurrentState initial = h0 == null ? null : c0 == null ? RecurrentState.of(h0) : RecurrentState.of(h0, c0);
    Map<String, Var> out = new LinkedHashMap<>();
    if (model instanceof RecurrentStack layer) {
      RecurrentOutput r = layer.forward(x, initial);
      out.put("output", r.output());
      out.put("h_n", r.hN());
      if (r.state().size() > 1) {
        out.put("c_n", r.cN());
      }
    } else {
      RecurrentCell cell = (RecurrentCell) model;
      RecurrentState s = cell.step(x, initial != null ? initial : cell.zeroState(x.dim(0), x.dtype()));
      out.put("h_1", s.output());
      if (s.size() > 1) {
        out.put("c_1", s.part(1));
      }
    }
    return out;
  }
}
