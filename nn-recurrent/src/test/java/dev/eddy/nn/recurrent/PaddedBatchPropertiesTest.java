package dev.eddy.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A padded batch with lengths gives, for each sequence, exactly what running it alone gives: the same
 * outputs up to its length and zeros after, the same final states, the same input gradients (zero on
 * padding), and parameter gradients that are the sum of the sequences' own.
 */
class PaddedBatchPropertiesTest {

  @Property(tries = 40)
  void paddedBatchEqualsEachSequenceAlone(@ForAll(supplier = LayerConfig.Tiny.class) LayerConfig config,
      @ForAll @IntRange(min = 1, max = 5) int time, @ForAll @IntRange(min = 1, max = 4) int batch,
      @ForAll boolean fastPath, @ForAll long dataSeed) {
    checkAgainstSequencesAlone(config, time, batch, fastPath, dataSeed);
  }

  /** The law for one case, with the layer's fast path where it applies or with the composed cells. */
  static void checkAgainstSequencesAlone(LayerConfig config, int time, int batch, boolean fastPath, long dataSeed) {
    SplittableRandom rng = new SplittableRandom(dataSeed);
    RecurrentStack model = config.build(DType.F64, fastPath);
    int[] lengths = RecurrentGradientPropertiesTest.randomLengths(rng, time, batch);
    Tensor x = Tensor.uniform(rng, DType.F64, -2, 2, time, batch, config.inputSize()); // time-major, padding too
    List<Tensor> init = config.initialState(rng, batch);
    Tensor wOut = Tensor.normal(rng, DType.F64, 0, 1, time, batch, config.directions() * config.outSize());
    List<Tensor> wState = new ArrayList<>();
    for (Tensor p : init) {
      wState.add(Tensor.normal(rng, DType.F64, 0, 1, p.shape().dims()));
    }

    Run all = run(model, config, x, init, wOut, wState, lengths);
    Map<String, Tensor> batchGrads = grads(model);
    model.zeroGrad();
    for (int b = 0; b < batch; b++) {
      int len = lengths[b];
      Tensor outB = all.output.slice(1, b, b + 1);
      if (len < time) {
        assertTrue(isZero(outB.slice(0, len, time)), "output past length " + len + " of sequence " + b);
        assertTrue(isZero(all.xGrad.slice(1, b, b + 1).slice(0, len, time)), "x gradient on padding of " + b);
      }
      if (len == 0) {
        for (int i = 0; i < init.size(); i++) {
          assertClose(init.get(i).slice(1, b, b + 1), all.state.get(i).slice(1, b, b + 1), "state of empty " + b);
        }
        continue;
      }
      List<Tensor> initB = new ArrayList<>();
      List<Tensor> wStateB = new ArrayList<>();
      for (int i = 0; i < init.size(); i++) {
        initB.add(init.get(i).slice(1, b, b + 1));
        wStateB.add(wState.get(i).slice(1, b, b + 1));
      }
      Run alone = run(model, config, x.slice(1, b, b + 1).slice(0, 0, len), initB,
          wOut.slice(1, b, b + 1).slice(0, 0, len), wStateB, null);
      assertClose(alone.output, outB.slice(0, 0, len), "output of sequence " + b);
      for (int i = 0; i < init.size(); i++) {
        assertClose(alone.state.get(i), all.state.get(i).slice(1, b, b + 1), "final state part " + i + " of " + b);
      }
      assertClose(alone.xGrad, all.xGrad.slice(1, b, b + 1).slice(0, 0, len), "x gradient of sequence " + b);
    }
    Map<String, Tensor> summed = grads(model); // accumulated over the sequences run alone
    for (Map.Entry<String, Tensor> e : batchGrads.entrySet()) {
      assertClose(summed.get(e.getKey()), e.getValue(), "gradient of " + e.getKey());
    }
  }

  /** Output (time-major), final state parts and the gradient of x (time-major) of one weighted-sum loss. */
  private record Run(Tensor output, List<Tensor> state, Tensor xGrad) {}

  private static Run run(RecurrentStack model, LayerConfig config, Tensor xTimeMajor, List<Tensor> init,
      Tensor wOut, List<Tensor> wState, int[] lengths) {
    Var x = Var.parameter(config.batchFirst() ? xTimeMajor.transpose(0, 1) : xTimeMajor);
    List<Var> state = new ArrayList<>();
    for (Tensor p : init) {
      state.add(Var.constant(p));
    }
    RecurrentOutput out;
    try (Tape tape = Tape.open()) {
      out = model.forward(x, RecurrentState.of(state), lengths);
      Var output = config.batchFirst() ? out.output().transpose(0, 1) : out.output();
      Var loss = output.mul(Var.constant(wOut)).sum();
      for (int i = 0; i < wState.size(); i++) {
        loss = loss.add(out.state().part(i).mul(Var.constant(wState.get(i))).sum());
      }
      tape.backward(loss);
    }
    List<Tensor> finals = new ArrayList<>();
    for (Var p : out.state().parts()) {
      finals.add(p.value());
    }
    Tensor output = config.batchFirst() ? out.output().value().transpose(0, 1) : out.output().value();
    Tensor xGrad = config.batchFirst() ? x.grad().transpose(0, 1) : x.grad();
    return new Run(output, finals, xGrad);
  }

  private static Map<String, Tensor> grads(RecurrentStack model) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Map.Entry<String, Var> e : model.namedParameters().entrySet()) {
      Var p = e.getValue();
      out.put(e.getKey(), p.grad() == null ? Tensor.zerosLike(p.value()) : p.grad().copy());
    }
    return out;
  }

  static boolean isZero(Tensor t) {
    for (double v : t.toDoubleArray()) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }

  static void assertClose(Tensor expected, Tensor actual, String what) {
    assertTrue(actual.allClose(expected, 1e-11, 1e-13), what + ": expected " + expected + " got " + actual);
  }
}
