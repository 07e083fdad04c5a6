package dev.eddy.nn.recurrent;

import static dev.eddy.nn.recurrent.PaddedBatchPropertiesTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Saving then loading a state dict is the identity; stepping one time step at a time equals a whole run. */
class StateDictAndStepPropertiesTest {

  @Property(tries = 50)
  void saveThenLoadIsTheIdentity(@ForAll(supplier = LayerConfig.Tiny.class) LayerConfig config, @ForAll long dataSeed) {
    RecurrentStack saved = config.build(DType.F64);
    RecurrentStack loaded = config.withSeed(config.seed() + 1).build(DType.F64);
    Map<String, Tensor> dict = saved.stateDict();
    loaded.loadStateDict(dict);
    Map<String, Tensor> again = loaded.stateDict();
    assertEquals(List.copyOf(dict.keySet()), List.copyOf(again.keySet()));
    for (String name : dict.keySet()) {
      assertTrue(again.get(name).bitwiseEquals(dict.get(name)), name);
    }
    Var x = Var.constant(config.input(new SplittableRandom(dataSeed), 3, 2));
    RecurrentOutput a = saved.forward(x);
    RecurrentOutput b = loaded.forward(x);
    assertTrue(a.output().value().bitwiseEquals(b.output().value()), "outputs after load");
    // the dict is a copy: changing the model afterwards leaves it alone
    Tensor before = dict.values().iterator().next().copy();
    saved.parameters().get(0).value().fillInPlace(7);
    assertTrue(dict.values().iterator().next().bitwiseEquals(before), "stateDict must copy");
  }

  @Property(tries = 30)
  void float32ModelLoadsFloat64DictRounded(@ForAll(supplier = LayerConfig.Tiny.class) LayerConfig config) {
    Map<String, Tensor> dict = config.build(DType.F64).stateDict();
    RecurrentStack f32 = config.build(DType.F32);
    f32.loadStateDict(dict);
    for (Map.Entry<String, Tensor> e : f32.stateDict().entrySet()) {
      assertEquals(DType.F32, e.getValue().dtype());
      assertTrue(e.getValue().bitwiseEquals(dict.get(e.getKey()).to(DType.F32)), e.getKey());
    }
  }

  @Property(tries = 40)
  void steppingEqualsTheWholeRun(@ForAll(supplier = LayerConfig.Tiny.class) LayerConfig anyConfig,
      @ForAll @IntRange(min = 1, max = 5) int time, @ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll long dataSeed) {
    LayerConfig config = new LayerConfig(anyConfig.cell(), anyConfig.inputSize(), anyConfig.hiddenSize(),
        anyConfig.numLayers(), false, anyConfig.batchFirst(), anyConfig.projSize(), anyConfig.bias(), anyConfig.seed());
    RecurrentStack model = config.build(DType.F64);
    SplittableRandom rng = new SplittableRandom(dataSeed);
    Tensor x = config.input(rng, time, batch);
    List<Var> init = new ArrayList<>();
    for (Tensor p : config.initialState(rng, batch)) {
      init.add(Var.constant(p));
    }
    RecurrentOutput whole = model.forward(Var.constant(x), RecurrentState.of(init));
    RecurrentState state = RecurrentState.of(init);
    int timeAxis = config.batchFirst() ? 1 : 0;
    for (int t = 0; t < time; t++) {
      RecurrentOutput step = model.step(Var.constant(x.select(timeAxis, t)), state);
      assertClose(whole.output().value().select(timeAxis, t), step.output().value(), "output at step " + t);
      state = step.state();
    }
    for (int i = 0; i < state.size(); i++) {
      assertClose(whole.state().part(i).value(), state.part(i).value(), "final state part " + i);
    }
  }

  @Property(tries = 40)
  void aLoopOfCellStepsEqualsTheDriver(@ForAll(supplier = LayerConfig.Tiny.class) LayerConfig config,
      @ForAll @IntRange(min = 1, max = 5) int time, @ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll long dataSeed) {
    RecurrentCell cell = config.build(DType.F64).cell(0, 0);
    Tensor x = Tensor.uniform(new SplittableRandom(dataSeed), DType.F64, -2, 2, time, batch, cell.inputSize());
    SequenceResult run = Recurrence.of(cell).run(Var.constant(x));
    RecurrentState state = cell.zeroState(batch, DType.F64);
    for (int t = 0; t < time; t++) {
      state = cell.step(Var.constant(x.select(0, t)), state);
      assertClose(run.output().value().select(0, t), state.output().value(), "output at step " + t);
    }
    for (int i = 0; i < state.size(); i++) {
      assertClose(run.state().part(i).value(), state.part(i).value(), "final state part " + i);
    }
  }

  @Property(tries = 20)
  void batchFirstIsTheTransposeOfTimeMajor(@ForAll(supplier = LayerConfig.Tiny.class) LayerConfig config, @ForAll long dataSeed) {
    LayerConfig tm = new LayerConfig(config.cell(), config.inputSize(), config.hiddenSize(), config.numLayers(),
        config.bidirectional(), false, config.projSize(), config.bias(), config.seed());
    LayerConfig bf = new LayerConfig(config.cell(), config.inputSize(), config.hiddenSize(), config.numLayers(),
        config.bidirectional(), true, config.projSize(), config.bias(), config.seed());
    Tensor x = tm.input(new SplittableRandom(dataSeed), 4, 3);
    int[] lengths = {4, 2, 3};
    RecurrentOutput a = tm.build(DType.F64).forward(Var.constant(x), null, lengths);
    RecurrentOutput b = bf.build(DType.F64).forward(Var.constant(x.transpose(0, 1)), null, lengths);
    assertTrue(a.output().value().transpose(0, 1).bitwiseEquals(b.output().value()));
    assertTrue(a.hN().value().bitwiseEquals(b.hN().value()));
  }
}
