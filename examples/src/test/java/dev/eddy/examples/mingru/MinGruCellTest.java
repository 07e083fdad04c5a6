package dev.eddy.examples.mingru;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.GradCheck;
import dev.eddy.autograd.ShapeOps;
import dev.eddy.autograd.Var;
import dev.eddy.nn.recurrent.Bidirectional;
import dev.eddy.nn.recurrent.Merge;
import dev.eddy.nn.recurrent.Recurrence;
import dev.eddy.nn.recurrent.RecurrentOutput;
import dev.eddy.nn.recurrent.RecurrentStack;
import dev.eddy.nn.recurrent.RecurrentState;
import dev.eddy.nn.recurrent.SequenceResult;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Shape;
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
 * minGRU, a cell written outside the library, is the paper's formula; its step-by-step and log-space
 * forms agree on outputs and gradients; and it gets the driver, lengths, Bidirectional, stacking and
 * the gradient properties of the built-in cells.
 */
class MinGruCellTest {

  private static Tensor uniform(SplittableRandom rng, double bound, int... dims) {
    return Tensor.uniform(rng, DType.F64, -bound, bound, dims);
  }

  @Test
  void oneStepIsThePapersFormula() {
    MinGruCell cell = new MinGruCell(2, 3, DType.F64, 5);
    double[] w = cell.namedParameters().get("weight_ih").value().toDoubleArray(); // [6, 2]
    double[] b = cell.namedParameters().get("bias_ih").value().toDoubleArray();
    double[] x = {0.7, -2.5};
    double[] h = {0.3, -0.4, 1.2};
    double[] got = cell.step(Var.constant(Tensor.of(x, 1, 2)), RecurrentState.of(Var.constant(Tensor.of(h, 1, 3))))
        .output().value().toDoubleArray();
    for (int j = 0; j < 3; j++) {
      double k = w[2 * j] * x[0] + w[2 * j + 1] * x[1] + b[j];
      double v = w[2 * (j + 3)] * x[0] + w[2 * (j + 3) + 1] * x[1] + b[j + 3];
      double z = 1 / (1 + Math.exp(-k));
      double candidate = v >= 0 ? v + 0.5 : 1 / (1 + Math.exp(-v));
      assertEquals((1 - z) * h[j] + z * candidate, got[j], 1e-15, "unit " + j);
    }
  }

  @Property(tries = 40)
  void sequentialAndParallelFormsGiveTheSameOutputsAndGradients(@ForAll @IntRange(min = 1, max = 40) int time,
      @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll @IntRange(min = 1, max = 4) int in,
      @ForAll @IntRange(min = 1, max = 5) int hidden, @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    MinGruCell cell = new MinGruCell(in, hidden, DType.F64, seed);
    Tensor x = uniform(rng, 3, time, batch, in);
    Tensor h0 = rng.nextBoolean() ? Tensor.zeros(DType.F64, batch, hidden) : uniform(rng, 2, batch, hidden);
    FormComparison c = FormComparison.of(cell, x, h0, seed);
    assertEquals(List.of("output", "weight_ih", "bias_ih", "x", "h0"), List.copyOf(c.differences().keySet()));
    c.differences().forEach((name, d) -> assertTrue(d.relative() < 1e-12, name + ": " + d));
    assertTrue(c.output().maxMagnitude() > 0 && c.worstGradient().maxMagnitude() > 0, "compared something");
  }

  @Test
  void theFormsAgreeOverALongSequenceWhereProductsOfGatesUnderflow() {
    SplittableRandom rng = new SplittableRandom(11);
    MinGruCell cell = new MinGruCell(3, 4, DType.F64, 11);
    // large inputs: gates near 0 and 1, a_t products far below Double.MIN_VALUE over 3000 steps
    FormComparison c = FormComparison.of(cell, uniform(rng, 40, 3000, 2, 3), uniform(rng, 1, 2, 4), 3);
    // outputs stay at ~1e-12; a parameter's gradient sums 3000 steps of log-space terms whose exponents
    // grow with t, so its rounding grows faster with length (measured 8e-9 relative here, 3e-11 at T=3000
    // with inputs in [-1, 1])
    assertTrue(c.output().relative() < 1e-11, "output: " + c.output());
    c.differences().forEach((name, d) -> assertTrue(d.relative() < 1e-7, name + ": " + d));
  }

  @Test
  void runsThroughTheDriverWithLengthsBidirectionalAndStacked() {
    SplittableRandom rng = new SplittableRandom(1);
    Var x = Var.constant(uniform(rng, 1, 5, 3, 4)); // [time, batch, in]
    int[] lengths = {5, 2, 4};
    SequenceResult r = Recurrence.of(new MinGruCell(4, 6, DType.F64, 7)).run(x, null, lengths);
    assertEquals(Shape.of(5, 3, 6), r.output().shape());
    assertEquals(0, r.output().value().select(1, 1).slice(0, 2, 5).abs().max().item(), "zero past length 2");
    assertTrue(r.state().output().value().select(0, 1).bitwiseEquals(r.output().value().select(0, 1).select(0, 1)));

    Bidirectional bi = new Bidirectional(new MinGruCell(4, 6, DType.F64, 1), new MinGruCell(4, 6, DType.F64, 2),
        Merge.CONCAT, false);
    RecurrentOutput out = bi.forward(x, null, lengths);
    assertEquals(Shape.of(5, 3, 12), out.output().shape());
    assertEquals(Shape.of(2, 3, 6), out.hN().shape());
    assertEquals(List.of("weight_ih", "bias_ih", "weight_ih_reverse", "bias_ih_reverse"),
        List.copyOf(bi.namedParameters().keySet()));

    RecurrentStack stack = RecurrentStack.builder(4, (layer, direction, size) ->
        new MinGruCell(size, 6, DType.F64, 10 * layer + direction)).numLayers(2).bidirectional(true).build();
    assertEquals(List.of("weight_ih_l0", "bias_ih_l0", "weight_ih_l0_reverse", "bias_ih_l0_reverse", "weight_ih_l1",
        "bias_ih_l1", "weight_ih_l1_reverse", "bias_ih_l1_reverse"), List.copyOf(stack.namedParameters().keySet()));
    assertEquals(Shape.of(12, 12), stack.namedParameters().get("weight_ih_l1").shape());
    RecurrentOutput s = stack.forward(x, null, lengths);
    assertEquals(Shape.of(5, 3, 12), s.output().shape());
    assertEquals(Shape.of(4, 3, 6), s.hN().shape());
  }

  @Test
  void theScanOfAStackedLayerIsTheDriversOutput() {
    SplittableRandom rng = new SplittableRandom(2);
    RecurrentStack stack = RecurrentStack.builder(3, (layer, direction, size) ->
        new MinGruCell(size, 5, DType.F64, 3 + layer)).numLayers(2).build();
    Tensor x = uniform(rng, 2, 7, 2, 3);
    Var h = Var.constant(x);
    for (int layer = 0; layer < 2; layer++) {
      h = ((MinGruCell) stack.cell(layer, 0)).scan(h, null);
    }
    Tensor driver = stack.forward(Var.constant(x)).output().value();
    assertTrue(driver.allClose(h.value(), 1e-13, 1e-13));
  }

  @Property(tries = 15)
  void layerGradientsMatchFiniteDifferences(@ForAll @IntRange(min = 1, max = 2) int layers,
      @ForAll boolean bidirectional, @ForAll boolean batchFirst, @ForAll boolean padded,
      @ForAll @IntRange(min = 1, max = 4) int time, @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int in = 1 + rng.nextInt(3);
    int hidden = 1 + rng.nextInt(3);
    RecurrentStack stack = RecurrentStack.builder(in, (layer, direction, size) ->
            new MinGruCell(size, hidden, DType.F64, seed + 2 * layer + direction))
        .numLayers(layers).bidirectional(bidirectional).batchFirst(batchFirst).build();
    int[] lengths = padded ? randomLengths(rng, time, batch) : null;
    List<String> names = new ArrayList<>(stack.namedParameters().keySet());
    GradCheck check = GradCheck.of("minGRU stack", v -> {
      for (int i = 0; i < names.size(); i++) {
        stack.setParameter(names.get(i), v.get(i));
      }
      RecurrentOutput out = stack.forward(v.get(names.size()), RecurrentState.of(v.get(names.size() + 1)), lengths);
      return ShapeOps.concat(0, out.output().flatten(), out.hN().flatten());
    });
    for (Map.Entry<String, Var> p : stack.namedParameters().entrySet()) {
      check.input(p.getKey(), p.getValue().value());
    }
    Tensor x = batchFirst ? uniform(rng, 1.5, batch, time, in) : uniform(rng, 1.5, time, batch, in);
    int directions = bidirectional ? 2 : 1;
    check.input("x", x).input("h0", uniform(rng, 0.8, layers * directions, batch, hidden)).check();
  }

  @Property(tries = 15)
  void stepAndScanGradientsMatchFiniteDifferences(@ForAll @IntRange(min = 1, max = 5) int time,
      @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    MinGruCell cell = new MinGruCell(1 + rng.nextInt(3), 1 + rng.nextInt(3), DType.F64, seed);
    Tensor x = uniform(rng, 3, time, batch, cell.inputSize());
    Tensor h0 = uniform(rng, 1, batch, cell.hiddenSize());
    checkCell(cell, "minGRU step", (xv, hv) -> cell.step(xv.select(0, 0), RecurrentState.of(hv)).output(), x, h0);
    checkCell(cell, "minGRU scan", cell::scan, x, h0);
  }

  private static void checkCell(MinGruCell cell, String what, java.util.function.BinaryOperator<Var> f, Tensor x,
      Tensor h0) {
    List<String> names = new ArrayList<>(cell.namedParameters().keySet());
    GradCheck check = GradCheck.of(what, v -> {
      for (int i = 0; i < names.size(); i++) {
        cell.setParameter(names.get(i), v.get(i));
      }
      return f.apply(v.get(names.size()), v.get(names.size() + 1));
    });
    for (String name : names) {
      check.input(name, cell.namedParameters().get(name).value());
    }
    check.input("x", x).input("h0", h0).check();
  }

  @Test
  void badArgumentsAreNamedErrors() {
    MinGruCell cell = new MinGruCell(4, 6, DType.F32, 0);
    RecurrentState zero = cell.zeroState(3, DType.F32);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cell.step(Var.constant(Tensor.zeros(DType.F32, 3, 5)), zero));
    assertEquals("MinGruCell: input must be [batch, 4], got [3, 5]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> cell.scan(Var.constant(Tensor.zeros(DType.F32, 3, 4)), null));
    assertEquals("MinGruCell.scan: input must be [time, batch, 4], got [3, 4]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> cell.scan(Var.constant(Tensor.zeros(DType.F32, 2, 3, 4)), Var.constant(Tensor.zeros(DType.F32, 2, 6))));
    assertEquals("MinGruCell.scan: h0 must be [batch, hidden] = [3, 6] of F32, got [2, 6] of F32", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new MinGruCell(4, 0, DType.F32, 0));
    assertEquals("MinGruCell: input and hidden sizes must be at least 1, got 4 and 0", e.getMessage());
  }

  /** Lengths in [1, time], at least one of them full so the batch has its stated time. */
  private static int[] randomLengths(SplittableRandom rng, int time, int batch) {
    int[] lengths = new int[batch];
    for (int b = 0; b < batch; b++) {
      lengths[b] = 1 + rng.nextInt(time);
    }
    lengths[rng.nextInt(batch)] = time;
    return lengths;
  }
}
