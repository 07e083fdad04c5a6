package dev.eddy.nn.recurrent;

import dev.eddy.autograd.GradCheck;
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

/**
 * The analytic gradients of the recurrent layers and cells agree with finite differences for every
 * parameter, the input and every part of the initial state, over random tiny configurations, lengths
 * and layouts.
 */
class RecurrentGradientPropertiesTest {

  @Property(tries = 40)
  void layerGradientsMatchFiniteDifferences(@ForAll(supplier = LayerConfig.Tiny.class) LayerConfig config,
      @ForAll @IntRange(min = 1, max = 4) int time, @ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll boolean padded, @ForAll boolean fastPath, @ForAll long dataSeed) {
    checkLayer(config, time, batch, padded, fastPath, dataSeed, 0);
  }

  /**
   * GradCheck of a whole layer, fused where it applies or composed; {@code directions > 0} checks that
   * many random directions per input instead of every element.
   */
  static void checkLayer(LayerConfig config, int time, int batch, boolean padded, boolean fastPath, long dataSeed,
      int directions) {
    SplittableRandom rng = new SplittableRandom(dataSeed);
    RecurrentStack model = config.build(DType.F64, fastPath);
    int[] lengths = padded ? randomLengths(rng, time, batch) : null;
    List<String> names = new ArrayList<>(model.namedParameters().keySet());
    GradCheck check = GradCheck.of(config.toString(), v -> {
      for (int i = 0; i < names.size(); i++) {
        model.setParameter(names.get(i), v.get(i));
      }
      List<Var> state = v.subList(names.size() + 1, v.size());
      return LayerConfig.joined(model.forward(v.get(names.size()), RecurrentState.of(state), lengths));
    });
    for (Map.Entry<String, Var> p : model.namedParameters().entrySet()) {
      check.input(p.getKey(), p.getValue().value());
    }
    check.input("x", config.input(rng, time, batch));
    List<Tensor> state = config.initialState(rng, batch);
    for (int i = 0; i < state.size(); i++) {
      check.input(i == 0 ? "h0" : "c0", state.get(i));
    }
    if (directions > 0) {
      check.randomDirections(directions);
    }
    check.check();
  }

  @Property(tries = 30)
  void cellGradientsMatchFiniteDifferences(@ForAll(supplier = LayerConfig.Tiny.class) LayerConfig config,
      @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll long dataSeed) {
    SplittableRandom rng = new SplittableRandom(dataSeed);
    RecurrentCell cell = config.build(DType.F64).cell(0, 0);
    List<String> names = new ArrayList<>(cell.namedParameters().keySet());
    GradCheck check = GradCheck.of(cell.getClass().getSimpleName(), v -> {
      for (int i = 0; i < names.size(); i++) {
        cell.setParameter(names.get(i), v.get(i));
      }
      RecurrentState s = cell.step(v.get(names.size()), RecurrentState.of(v.subList(names.size() + 1, v.size())));
      return LayerConfig.joined(new RecurrentOutput(s.output(), s));
    });
    for (Map.Entry<String, Var> p : cell.namedParameters().entrySet()) {
      check.input(p.getKey(), p.getValue().value());
    }
    check.input("x", Tensor.uniform(rng, DType.F64, -1.5, 1.5, batch, cell.inputSize()));
    for (int size : cell.stateSizes()) {
      check.input("state", Tensor.uniform(rng, DType.F64, -0.8, 0.8, batch, size));
    }
    check.check();
  }

  /** Lengths in [1, time], at least one of them full so the batch has its stated time. */
  static int[] randomLengths(SplittableRandom rng, int time, int batch) {
    int[] lengths = new int[batch];
    for (int b = 0; b < batch; b++) {
      lengths[b] = 1 + rng.nextInt(time);
    }
    lengths[rng.nextInt(batch)] = time;
    return lengths;
  }
}
