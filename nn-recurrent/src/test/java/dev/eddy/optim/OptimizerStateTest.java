package dev.eddy.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.io.SafeTensors;
import dev.eddy.io.SafeTensorsFile;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saving and restoring optimizer and scheduler state: the identity, bitwise continuation of an
 * interrupted run, and clear errors for state that does not fit.
 */
class OptimizerStateTest {
  @TempDir
  Path dir;

  @Provide
  Arbitrary<String> kinds() {
    return Arbitraries.of(OptimizerCases.KINDS);
  }

  /** A small run: parameters, an optimizer and a scheduler, and the gradient of step t as a function of the values. */
  private record Run(Map<String, Var> params, Optimizer optimizer, LrScheduler scheduler) {
    static Run start(String kind, Map<String, Object> options, Map<String, Tensor> values, LrSchedule schedule) {
      Map<String, Var> params = OptimizerCases.parameters(values);
      Optimizer optimizer = OptimizerCases.build(kind, options, params);
      return new Run(params, optimizer, new LrScheduler(optimizer, schedule));
    }

    /** Steps {@code from} to {@code to - 1}; parameter k has no gradient at steps where (t + k) % 4 == 3. */
    void train(long seed, int from, int to) {
      for (int t = from; t < to; t++) {
        Map<String, Tensor> grads = new HashMap<>();
        int k = 0;
        for (Map.Entry<String, Var> e : params.entrySet()) {
          if ((t + k++) % 4 != 3) {
            Tensor value = e.getValue().value();
            Tensor noise = Tensor.normal(new Random(seed * 1009 + t * 31L + k), value.dtype(), 0, 1, value.shape().dims());
            grads.put(e.getKey(), value.mul(0.5).add(noise)); // depends on the value: state matters
          }
        }
        OptimizerCases.setGrads(params, grads);
        optimizer.step();
        scheduler.step();
      }
    }
  }

  private static Map<String, Tensor> values(SplittableRandom r, DType dtype) {
    Map<String, Tensor> values = new LinkedHashMap<>();
    values.put("encoder.weight", Tensor.normal(new Random(r.nextLong()), dtype, 0, 1, 1 + r.nextInt(4), 1 + r.nextInt(4)));
    values.put("encoder.bias", Tensor.normal(new Random(r.nextLong()), dtype, 0, 1, 1 + r.nextInt(4)));
    values.put("scale", Tensor.normal(new Random(r.nextLong()), dtype, 0, 1));
    return values;
  }

  private static LrSchedule randomSchedule(SplittableRandom r) {
    return switch (r.nextInt(4)) {
      case 0 -> new StepLr(1 + r.nextInt(3), 0.5);
      case 1 -> new CosineAnnealingLr(1 + r.nextInt(8), 0.001);
      case 2 -> new CosineAnnealingWarmRestarts(1 + r.nextInt(3), 1 + r.nextInt(2), 0.0);
      default -> SequentialLr.warmupThen(1 + r.nextInt(3), 0.1, new CosineAnnealingLr(5, 0));
    };
  }

  private static Map<String, Tensor> copies(Map<String, Var> params) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    params.forEach((name, v) -> out.put(name, v.value().copy()));
    return out;
  }

  @Property(tries = 150)
  void restoredRunContinuesBitwise(@ForAll("kinds") String kind, @ForAll boolean f32, @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 6) int before, @ForAll @IntRange(min = 1, max = 6) int after) {
    SplittableRandom r = new SplittableRandom(seed);
    Map<String, Object> options = OptimizerCases.randomOptions(kind, r);
    Map<String, Tensor> start = values(r, f32 ? DType.F32 : DType.F64);
    LrSchedule schedule = randomSchedule(r);

    Run whole = Run.start(kind, options, start, schedule);
    whole.train(seed, 0, before + after);

    Run first = Run.start(kind, options, start, schedule);
    first.train(seed, 0, before);
    Map<String, Tensor> savedValues = copies(first.params());
    Map<String, Tensor> savedState = first.optimizer().stateTensors();
    Map<String, String> savedScalars = new LinkedHashMap<>(first.optimizer().stateScalars());
    savedScalars.putAll(first.scheduler().state());

    // A fresh process: new parameters from the saved values, a new optimizer built with the same options.
    Run resumed = Run.start(kind, options, savedValues, schedule);
    resumed.optimizer().loadState(savedState, savedScalars);
    resumed.scheduler().loadState(savedScalars);
    resumed.train(seed, before, before + after);

    for (String name : start.keySet()) {
      assertTrue(whole.params().get(name).value().bitwiseEquals(resumed.params().get(name).value()), name);
      assertEquals(whole.optimizer().stepCount(name), resumed.optimizer().stepCount(name), name);
    }
    assertBitwiseEqual(whole.optimizer().stateTensors(), resumed.optimizer().stateTensors());
    assertEquals(whole.optimizer().stateScalars(), resumed.optimizer().stateScalars());
    assertEquals(whole.scheduler().state(), resumed.scheduler().state());
  }

  @Property(tries = 100)
  void saveThenLoadIsTheIdentity(@ForAll("kinds") String kind, @ForAll boolean f32, @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 5) int steps) {
    SplittableRandom r = new SplittableRandom(seed);
    Map<String, Object> options = OptimizerCases.randomOptions(kind, r);
    Map<String, Tensor> start = values(r, f32 ? DType.F32 : DType.F64);
    Run run = Run.start(kind, options, start, new StepLr(2, 0.5));
    run.train(seed, 0, steps);

    Run other = Run.start(kind, options, start, new StepLr(2, 0.5));
    Map<String, Tensor> tensors = run.optimizer().stateTensors();
    other.optimizer().loadState(tensors, run.optimizer().stateScalars());
    assertBitwiseEqual(tensors, other.optimizer().stateTensors());
    assertEquals(run.optimizer().stateScalars(), other.optimizer().stateScalars());
    assertEquals(run.optimizer().lr(), other.optimizer().lr());
  }

  /** The whole round trip through a safetensors file, with a model trained through a real tape. */
  @Test
  void checkpointFileResumesBitwise() throws IOException {
    Map<String, Tensor> start = Map.of(
        "w", Tensor.normal(new Random(1), DType.F32, 0, 0.5, 3, 4),
        "b", Tensor.zeros(DType.F32, 4));
    Tensor x = Tensor.normal(new Random(2), DType.F32, 0, 1, 8, 3);
    Tensor y = Tensor.normal(new Random(3), DType.F32, 0, 1, 8, 4);
    LrSchedule schedule = SequentialLr.warmupThen(3, 0.1, new CosineAnnealingLr(10, 1e-4));
    Map<String, Object> options = Map.of("lr", 0.05, "amsgrad", true, "weight_decay", 0.01);

    Map<String, Var> whole = trainLinear(start, x, y, schedule, options, 12, null);
    Path file = dir.resolve("checkpoint.safetensors");
    trainLinear(start, x, y, schedule, options, 5, file);
    SafeTensorsFile checkpoint = SafeTensors.read(file);
    Map<String, Tensor> model = new LinkedHashMap<>();
    Map<String, Tensor> optimizerState = new LinkedHashMap<>();
    checkpoint.tensors().forEach((name, t) -> (name.startsWith("model.") ? model : optimizerState)
        .put(name.startsWith("model.") ? name.substring(6) : name, t));
    Map<String, Var> resumed = trainLinear(model, x, y, schedule, options, 7, null, optimizerState, checkpoint.metadata());
    for (String name : start.keySet()) {
      assertTrue(whole.get(name).value().bitwiseEquals(resumed.get(name).value()), name);
    }
  }

  private static Map<String, Var> trainLinear(Map<String, Tensor> start, Tensor x, Tensor y, LrSchedule schedule,
      Map<String, Object> options, int steps, Path saveTo) throws IOException {
    return trainLinear(start, x, y, schedule, options, steps, saveTo, null, null);
  }

  private static Map<String, Var> trainLinear(Map<String, Tensor> start, Tensor x, Tensor y, LrSchedule schedule,
      Map<String, Object> options, int steps, Path saveTo, Map<String, Tensor> state, Map<String, String> scalars)
      throws IOException {
    Map<String, Var> params = OptimizerCases.parameters(new java.util.TreeMap<>(start));
    Optimizer optimizer = OptimizerCases.build("AdamW", options, params);
    LrScheduler scheduler = new LrScheduler(optimizer, schedule);
    if (state != null) {
      optimizer.loadState(state, scalars);
      scheduler.loadState(scalars);
    }
    for (int t = 0; t < steps; t++) {
      optimizer.zeroGrad();
      try (Tape tape = Tape.open()) {
        Var prediction = Var.constant(x).matmul(params.get("w")).add(params.get("b")).tanh();
        tape.backward(prediction.sub(Var.constant(y)).square().mean());
      }
      GradClipping.clipGradNorm(optimizer.parameters(), 0.5);
      optimizer.step();
      scheduler.step();
    }
    if (saveTo != null) {
      Map<String, Tensor> tensors = new LinkedHashMap<>(optimizer.stateTensors());
      params.forEach((name, v) -> tensors.put("model." + name, v.value()));
      Map<String, String> metadata = new LinkedHashMap<>(optimizer.stateScalars());
      metadata.putAll(scheduler.state());
      SafeTensors.write(saveTo, tensors, metadata);
    }
    return params;
  }

  static void assertBitwiseEqual(Map<String, Tensor> expected, Map<String, Tensor> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((name, t) -> assertTrue(t.bitwiseEquals(actual.get(name)), name));
  }

  // =================================================================== mismatches

  private static Adam trainedAdam(Map<String, Var> params) {
    Adam adam = Adam.builder(params).lr(0.01).build();
    OptimizerCases.setGrads(params, Map.of("w", Tensor.ones(DType.F64, 2, 3)));
    adam.step();
    return adam;
  }

  private static Map<String, Var> twoParams() {
    Map<String, Var> params = new LinkedHashMap<>();
    params.put("w", Var.parameter(Tensor.zeros(DType.F64, 2, 3)));
    params.put("b", Var.parameter(Tensor.zeros(DType.F64, 3)));
    return params;
  }

  /** Loading {@code edit}ed state from a trained Adam into a fresh one fails with {@code message} and changes nothing. */
  private static void assertRejected(String message, Consumer<Map<String, Tensor>> editTensors,
      Consumer<Map<String, String>> editScalars) {
    Adam source = trainedAdam(twoParams());
    Map<String, Tensor> tensors = new LinkedHashMap<>(source.stateTensors());
    Map<String, String> scalars = new LinkedHashMap<>(source.stateScalars());
    editTensors.accept(tensors);
    editScalars.accept(scalars);
    Adam target = Adam.builder(twoParams()).lr(0.01).build();
    Map<String, String> before = target.stateScalars();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> target.loadState(tensors, scalars));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertEquals(before, target.stateScalars(), "a failed load changes nothing");
    assertTrue(target.stateTensors().isEmpty(), "a failed load changes nothing");
  }

  @Test
  void stateThatDoesNotFitIsRejectedWithTheReason() {
    assertRejected("the state is SGD state, this optimizer is Adam", t -> { }, s -> s.put("optimizer", "SGD"));
    assertRejected("no 'optimizer' entry", t -> { }, s -> s.remove("optimizer"));
    assertRejected("the state has beta2=0.99, this optimizer has beta2=0.999", t -> { },
        s -> s.put("optimizer.beta2", "0.99"));
    assertRejected("missing entry 'optimizer.eps'", t -> { }, s -> s.remove("optimizer.eps"));
    assertRejected("unknown entry 'optimizer.momentum'", t -> { }, s -> s.put("optimizer.momentum", "0.9"));
    assertRejected("missing tensor 'w.exp_avg_sq'", t -> t.remove("w.exp_avg_sq"), s -> { });
    assertRejected("unexpected tensor 'b.exp_avg'", t -> t.put("b.exp_avg", Tensor.zeros(DType.F64, 3)), s -> { });
    assertRejected("tensor 'w.exp_avg' is [3, 2] F64, parameter 'w' is [2, 3] F64",
        t -> t.put("w.exp_avg", Tensor.zeros(DType.F64, 3, 2)), s -> { });
    assertRejected("tensor 'w.exp_avg' is [2, 3] F32, parameter 'w' is [2, 3] F64",
        t -> t.put("w.exp_avg", Tensor.zeros(DType.F32, 2, 3)), s -> { });
    assertRejected("the state is for 2 parameters, this optimizer has 2; not in the state: [b]; not in this optimizer: [bias]",
        t -> { }, s -> s.put("optimizer.parameters", "[\"w\",\"bias\"]"));
    assertRejected("'optimizer.steps' for 'w' must be an integer >= 1, got 0", t -> { },
        s -> s.put("optimizer.steps", "{\"w\":0}"));
    assertRejected("'optimizer.steps' names 'v', not a parameter", t -> { }, s -> s.put("optimizer.steps", "{\"v\":1}"));
    assertRejected("'optimizer.lr' must be a finite number >= 0, got 'fast'", t -> { }, s -> s.put("optimizer.lr", "fast"));
    assertRejected("'optimizer.parameters' is not valid JSON", t -> { }, s -> s.put("optimizer.parameters", "[w]"));
  }

  @Test
  void loadingRestoresTheLearningRateAndIgnoresForeignKeys() {
    Adam source = trainedAdam(twoParams());
    source.setLr(0.0025);
    Map<String, String> scalars = new LinkedHashMap<>(source.stateScalars());
    scalars.put("lr_scheduler.step", "7");
    scalars.put("model.note", "anything");
    Adam target = Adam.builder(twoParams()).lr(0.01).build();
    target.loadState(source.stateTensors(), scalars);
    assertEquals(0.0025, target.lr());
    assertEquals(1, target.stepCount("w"));
    assertEquals(0, target.stepCount("b"));
  }

  @Test
  void schedulerStateIsCheckedAndRestored() {
    Sgd sgd = Sgd.builder(List.of(Var.parameter(Tensor.zeros(DType.F64, 1)))).lr(0.1).build();
    LrScheduler scheduler = new LrScheduler(sgd, new StepLr(2, 0.5));
    for (int i = 0; i < 5; i++) {
      scheduler.step();
    }
    Map<String, String> state = scheduler.state();
    assertEquals(Map.of("lr_scheduler", "StepLr[stepSize=2, gamma=0.5]", "lr_scheduler.step", "5",
        "lr_scheduler.base_lr", "0.1"), state);

    Sgd other = Sgd.builder(List.of(Var.parameter(Tensor.zeros(DType.F64, 1)))).lr(0.1).build();
    LrScheduler restored = new LrScheduler(other, new StepLr(2, 0.5));
    restored.loadState(state);
    assertEquals(5, restored.stepCount());
    assertEquals(0.025, other.lr());

    LrScheduler different = new LrScheduler(other, new StepLr(3, 0.5));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> different.loadState(state));
    assertEquals("LrScheduler.loadState: the state is for StepLr[stepSize=2, gamma=0.5], this scheduler runs "
        + "StepLr[stepSize=3, gamma=0.5]", e.getMessage());
    Map<String, String> broken = new HashMap<>(state);
    broken.put("lr_scheduler.step", "-1");
    assertThrows(IllegalArgumentException.class, () -> restored.loadState(broken));
    assertEquals(5, restored.stepCount(), "a failed load changes nothing");
  }

  @Test
  void aParameterWhoseValueChangedDtypeIsReportedAtTheNextStep() {
    Map<String, Var> params = twoParams();
    Adam adam = trainedAdam(params);
    params.get("w").setValue(Tensor.zeros(DType.F32, 2, 3));
    OptimizerCases.setGrads(params, Map.of("w", Tensor.ones(DType.F32, 2, 3)));
    IllegalStateException e = assertThrows(IllegalStateException.class, adam::step);
    assertEquals("Adam.step: parameter 'w' is now [2, 3] F32 but its exp_avg is [2, 3] F64; its value was replaced "
        + "after it was first updated (build a new optimizer)", e.getMessage());
  }
}
