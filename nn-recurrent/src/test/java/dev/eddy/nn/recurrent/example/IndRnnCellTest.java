package dev.eddy.nn.recurrent.example;

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
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The user-written cell of docs/extending.md gets the driver, lengths, Bidirectional, stacking and GradCheck for free. */
class IndRnnCellTest {
  private final Tensor x = Tensor.uniform(new SplittableRandom(1), DType.F64, -1, 1, 5, 3, 4); // [time, batch, in]
  private final int[] lengths = {5, 2, 4};

  @Test
  void runsThroughTheDriverWithLengths() {
    IndRnnCell cell = new IndRnnCell(4, 6, DType.F64, 7);
    SequenceResult r = Recurrence.of(cell).run(Var.constant(x), null, lengths);
    assertEquals(Shape.of(5, 3, 6), r.output().shape());
    assertEquals(0, r.output().value().select(1, 1).slice(0, 2, 5).abs().max().item(), "zero past length 2");
    // the final state of sequence 1 is its state after step 1: the same as the output there
    assertTrue(r.state().output().value().select(0, 1).bitwiseEquals(r.output().value().select(0, 1).select(0, 1)));
  }

  @Test
  void runsBidirectionalAndStacked() {
    Bidirectional bi = new Bidirectional(new IndRnnCell(4, 6, DType.F64, 1), new IndRnnCell(4, 6, DType.F64, 2),
        Merge.SUM, false);
    RecurrentOutput out = bi.forward(Var.constant(x), null, lengths);
    assertEquals(Shape.of(5, 3, 6), out.output().shape());
    assertEquals(Shape.of(2, 3, 6), out.hN().shape());
    assertEquals(List.of("weight_ih", "weight_hh", "bias", "weight_ih_reverse", "weight_hh_reverse", "bias_reverse"),
        List.copyOf(bi.namedParameters().keySet()));

    RecurrentStack stack = RecurrentStack.builder(4, (layer, direction, in) ->
        new IndRnnCell(in, 6, DType.F64, 10 * layer + direction)).numLayers(2).bidirectional(true).build();
    assertEquals("weight_hh_l1_reverse", List.copyOf(stack.namedParameters().keySet()).get(10));
    assertEquals(Shape.of(6, 12), stack.namedParameters().get("weight_ih_l1").shape());
    RecurrentOutput s = stack.forward(Var.constant(x), null, lengths);
    assertEquals(Shape.of(5, 3, 12), s.output().shape());
    assertEquals(Shape.of(4, 3, 6), s.hN().shape());
  }

  @Test
  void aStepCalledDirectlyChecksItsArgumentsThroughThePublicCheck() {
    IndRnnCell cell = new IndRnnCell(4, 6, DType.F64, 7);
    RecurrentState zero = cell.zeroState(3, DType.F64);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cell.step(Var.constant(Tensor.zeros(DType.F64, 3, 5)), zero));
    assertEquals("IndRnnCell: input must be [batch, 4], got [3, 5]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> cell.step(Var.constant(Tensor.zeros(DType.F32, 3, 4)), zero));
    assertEquals("IndRnnCell: input is F32 but the parameters are F64", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> cell.step(Var.constant(Tensor.zeros(DType.F64, 2, 4)), zero));
    assertEquals("IndRnnCell: state part 0 must be [batch, size] = [2, 6], got [3, 6]", e.getMessage());
  }

  @Property(tries = 10)
  void gradientsOfAStackMatchFiniteDifferences(@ForAll long seed) {
    RecurrentStack stack = RecurrentStack.builder(4, (layer, direction, in) ->
        new IndRnnCell(in, 3, DType.F64, seed + 2 * layer + direction)).numLayers(2).bidirectional(true).build();
    List<String> names = new ArrayList<>(stack.namedParameters().keySet());
    GradCheck check = GradCheck.of("IndRNN stack", v -> {
      for (int i = 0; i < names.size(); i++) {
        stack.setParameter(names.get(i), v.get(i));
      }
      RecurrentOutput out = stack.forward(v.get(names.size()), RecurrentState.of(v.get(names.size() + 1)), lengths);
      return ShapeOps.concat(0, out.output().flatten(), out.hN().flatten());
    });
    for (String name : names) {
      check.input(name, stack.namedParameters().get(name).value());
    }
    SplittableRandom rng = new SplittableRandom(seed);
    check.input("x", x).input("h0", Tensor.uniform(rng, DType.F64, -1, 1, 4, 3, 3)).check();
  }
}
