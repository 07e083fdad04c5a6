package dev.eddy.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Parallel;
import dev.eddy.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The layers' fused fast path ({@link FusedPath}) gives what the composed cells give: outputs, final
 * states and the gradients of every parameter, the input and the initial state, over random tiny
 * configurations (cell, layers, directions, batch-first, bias, lengths, initial state or zeros).
 */
class FusedPathPropertiesTest {

  @Property(tries = 60)
  void fusedEqualsComposedInFloat64(@ForAll(supplier = LayerConfig.Tiny.class) LayerConfig anyConfig,
      @ForAll @IntRange(min = 1, max = 6) int time, @ForAll @IntRange(min = 1, max = 4) int batch,
      @ForAll boolean padded, @ForAll boolean withInitialState, @ForAll long dataSeed) {
    checkAgainstComposed(withoutProjection(anyConfig), DType.F64, time, batch, padded, withInitialState, dataSeed,
        1e-12, 1e-14);
  }

  @Property(tries = 15)
  void fusedIsCloseToComposedInFloat32(@ForAll(supplier = LayerConfig.Tiny.class) LayerConfig anyConfig,
      @ForAll @IntRange(min = 1, max = 6) int time, @ForAll @IntRange(min = 1, max = 4) int batch,
      @ForAll boolean padded, @ForAll long dataSeed) {
    checkAgainstComposed(withoutProjection(anyConfig), DType.F32, time, batch, padded, true, dataSeed, 1e-4, 1e-5);
  }

  private static void checkAgainstComposed(LayerConfig config, DType dtype, int time, int batch, boolean padded,
      boolean withInitialState, long dataSeed, double rtol, double atol) {
    Run fused = run(config, dtype, true, time, batch, padded, withInitialState, dataSeed);
    Run composed = run(config, dtype, false, time, batch, padded, withInitialState, dataSeed);
    compare(composed, fused, rtol, atol);
  }

  /** GradCheck of layers that take the fused path (no projection), padded or not. */
  @Property(tries = 25)
  void fusedGradientsMatchFiniteDifferences(@ForAll(supplier = LayerConfig.Tiny.class) LayerConfig anyConfig,
      @ForAll @IntRange(min = 1, max = 4) int time, @ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll boolean padded, @ForAll long dataSeed) {
    RecurrentGradientPropertiesTest.checkLayer(withoutProjection(anyConfig), time, batch, padded, true, dataSeed, 0);
  }

  /**
   * Without a tape the fused op keeps nothing for backward (inputs projected a chunk of steps at a
   * time, cell states in a ring): the outputs and final states must be the same bits as recorded.
   * Batches of 40 to 70 rows make chunks of a few steps, so sequences span several.
   */
  @Property(tries = 20)
  void inferenceGivesTheSameBitsAsARecordedForward(@ForAll(supplier = LayerConfig.Tiny.class) LayerConfig anyConfig,
      @ForAll @IntRange(min = 1, max = 14) int time, @ForAll @IntRange(min = 40, max = 70) int batch,
      @ForAll boolean padded, @ForAll long dataSeed) {
    LayerConfig config = withoutProjection(anyConfig);
    SplittableRandom rng = new SplittableRandom(dataSeed);
    RecurrentStack model = config.build(DType.F32, true);
    int[] lengths = padded ? RecurrentGradientPropertiesTest.randomLengths(rng, time, batch) : null;
    Var x = Var.constant(config.input(rng, time, batch).to(DType.F32));
    List<Var> init = new ArrayList<>();
    for (Tensor p : config.initialState(rng, batch)) {
      init.add(Var.constant(p.to(DType.F32)));
    }
    RecurrentOutput inferred = model.forward(x, RecurrentState.of(init), lengths);
    RecurrentOutput recorded;
    try (Tape tape = Tape.open()) {
      recorded = model.forward(x, RecurrentState.of(init), lengths);
      assertTrue(recorded.output().requiresGrad());
    }
    assertTrue(inferred.output().value().bitwiseEquals(recorded.output().value()), "output");
    for (int i = 0; i < recorded.state().size(); i++) {
      assertTrue(inferred.state().part(i).value().bitwiseEquals(recorded.state().part(i).value()), "state part " + i);
    }
  }

  /** The fused op splits its rows across threads on large steps; the results must not change by a bit. */
  @Test
  void largeStepsGiveTheSameBitsOnOneAndTwoThreads() {
    int saved = Parallel.threads();
    try {
      for (String cell : List.of("lstm", "gru", "rnn_tanh")) {
        // batch × gate width of at least FusedSequence.PARALLEL_ELEMENTS: the rows go parallel
        int hidden = cell.equals("rnn_tanh") ? 256 : 64;
        int batch = FusedSequence.PARALLEL_ELEMENTS / hidden;
        LayerConfig config = new LayerConfig(cell, 5, hidden, 1, true, false, 0, true, 3);
        Parallel.setThreads(1);
        Run one = run(config, DType.F32, true, 3, batch, true, true, 11);
        Parallel.setThreads(2);
        Run two = run(config, DType.F32, true, 3, batch, true, true, 11);
        for (int i = 0; i < one.tensors.size(); i++) {
          assertTrue(one.tensors.get(i).bitwiseEquals(two.tensors.get(i)), cell + ": " + one.names.get(i));
        }
      }
    } finally {
      Parallel.setThreads(saved);
    }
  }

  /** The fused path is taken: a layer records a handful of ops, however long the sequence. */
  @Test
  void aFusedLayerRecordsOneOpPerDirectionNotOpsPerStep() {
    for (String cell : List.of("lstm", "gru", "rnn_tanh", "rnn_relu")) {
      LayerConfig config = new LayerConfig(cell, 3, 4, 1, false, false, 0, true, 5);
      int shortRun = recordedOps(config.build(DType.F64, true), 2);
      int longRun = recordedOps(config.build(DType.F64, true), 40);
      assertEquals(shortRun, longRun, cell + ": ops recorded for 2 and 40 steps");
      assertTrue(recordedOps(config.build(DType.F64, false), 40) > 40, cell + ": the composed path records per step");
    }
  }

  /** An LSTM with a projection has no fused op: it runs composed, and still equals itself forced composed. */
  @Test
  void aProjectedLstmRunsComposed() {
    LayerConfig config = new LayerConfig("lstm", 3, 4, 1, false, false, 2, true, 5);
    assertTrue(recordedOps(config.build(DType.F64, true), 40) > 40);
    Run fast = run(config, DType.F64, true, 4, 2, true, true, 9);
    Run composed = run(config, DType.F64, false, 4, 2, true, true, 9);
    compare(composed, fast, 0, 0);
  }

  private static int recordedOps(RecurrentStack model, int time) {
    Var x = Var.parameter(Tensor.uniform(new SplittableRandom(1), DType.F64, -1, 1, time, 2, model.inputSize()));
    try (Tape tape = Tape.open()) {
      model.forward(x);
      return tape.size();
    }
  }

  private static LayerConfig withoutProjection(LayerConfig c) {
    return new LayerConfig(c.cell(), c.inputSize(), c.hiddenSize(), c.numLayers(), c.bidirectional(), c.batchFirst(),
        0, c.bias(), c.seed());
  }

  /** Named results of one forward and backward: output, final state parts, then every gradient. */
  private record Run(List<String> names, List<Tensor> tensors) {}

  private static Run run(LayerConfig config, DType dtype, boolean fastPath, int time, int batch, boolean padded,
      boolean withInitialState, long dataSeed) {
    SplittableRandom rng = new SplittableRandom(dataSeed);
    RecurrentStack model = config.build(dtype, fastPath);
    int[] lengths = padded ? RecurrentGradientPropertiesTest.randomLengths(rng, time, batch) : null;
    Var x = Var.parameter(config.input(rng, time, batch).to(dtype));
    List<Var> init = new ArrayList<>();
    for (Tensor p : config.initialState(rng, batch)) {
      init.add(Var.parameter(p.to(dtype)));
    }
    RecurrentOutput out;
    try (Tape tape = Tape.open()) {
      out = model.forward(x, withInitialState ? RecurrentState.of(init) : null, lengths);
      Var loss = out.output().mul(Var.constant(Tensor.normal(rng, dtype, 0, 1, out.output().shape().dims()))).sum();
      for (Var part : out.state().parts()) {
        loss = loss.add(part.mul(Var.constant(Tensor.normal(rng, dtype, 0, 1, part.shape().dims()))).sum());
      }
      tape.backward(loss);
    }
    List<String> names = new ArrayList<>(List.of("output"));
    List<Tensor> tensors = new ArrayList<>(List.of(out.output().value()));
    for (int i = 0; i < out.state().size(); i++) {
      names.add("final state part " + i);
      tensors.add(out.state().part(i).value());
    }
    for (Map.Entry<String, Var> p : model.namedParameters().entrySet()) {
      names.add("gradient of " + p.getKey());
      tensors.add(p.getValue().grad());
    }
    names.add("gradient of x");
    tensors.add(x.grad());
    if (withInitialState) {
      for (int i = 0; i < init.size(); i++) {
        names.add("gradient of initial state part " + i);
        tensors.add(init.get(i).grad());
      }
    }
    return new Run(names, tensors);
  }

  private static void compare(Run expected, Run actual, double rtol, double atol) {
    assertEquals(expected.names, actual.names);
    for (int i = 0; i < expected.tensors.size(); i++) {
      Tensor e = expected.tensors.get(i);
      Tensor a = actual.tensors.get(i);
      String what = expected.names.get(i);
      assertTrue(e != null && a != null, what + ": missing");
      assertTrue(rtol == 0 ? a.bitwiseEquals(e) : a.allClose(e, rtol, atol),
          what + ": composed " + e + " but fused " + a);
    }
  }
}
