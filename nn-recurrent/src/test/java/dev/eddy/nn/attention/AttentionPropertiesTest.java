package dev.eddy.nn.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.GradCheck;
import dev.eddy.autograd.ShapeOps;
import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.nn.Module;
import dev.eddy.nn.attention.AttentionCase.Kind;
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
 * Laws of every attention kind over random tiny cases with padding: gradients match finite
 * differences, padding gets exactly zero weight and is ignored, weights are a distribution over the
 * real positions, a padded batch equals its sequences attended one by one, and selecting rows of a
 * memory commutes with attending.
 */
class AttentionPropertiesTest {

  @Property(tries = 60)
  void gradientsMatchFiniteDifferences(@ForAll Kind kind, @ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll @IntRange(min = 1, max = 4) int source, @ForAll long seed) {
    AttentionCase c = AttentionCase.random(kind, batch, source, seed);
    Attention attention = c.build(DType.F64);
    Module module = AttentionCase.module(attention);
    Tensor mask = c.mask();
    List<String> names = new ArrayList<>(module.namedParameters().keySet());
    int n = names.size();
    GradCheck check = GradCheck.of(kind + " attention", v -> {
      for (int i = 0; i < n; i++) {
        module.setParameter(names.get(i), v.get(i));
      }
      AttentionOutput out = attention.attend(v.get(n), v.get(n + 1), v.get(n + 2), mask);
      return ShapeOps.concat(1, out.context(), out.weights());
    });
    for (Map.Entry<String, Var> p : module.namedParameters().entrySet()) {
      check.input(p.getKey(), p.getValue().value());
    }
    check.input("query", c.query()).input("keys", c.keys()).input("values", c.values()).check();
  }

  @Property(tries = 60)
  void paddingGetsZeroWeightAndDoesNotMatter(@ForAll Kind kind, @ForAll @IntRange(min = 1, max = 4) int batch,
      @ForAll @IntRange(min = 1, max = 6) int source, @ForAll long seed) {
    AttentionCase c = AttentionCase.random(kind, batch, source, seed);
    Attention attention = c.build(DType.F64);
    Tensor query = c.query();
    Tensor keys = c.keys();
    Tensor values = c.values();
    Tensor real = c.mask().to(DType.F64);
    // other numbers, even huge ones, in the padded positions only
    SplittableRandom rng = c.rng();
    Tensor otherKeys = Tensor.where(real.unsqueeze(2), keys, huge(rng, keys));
    Tensor otherValues = Tensor.where(real.unsqueeze(2), values, huge(rng, values));

    AttentionOutput a = attend(attention, query, keys, values, c.mask());
    AttentionOutput b = attend(attention, query, otherKeys, otherValues, c.mask());
    assertTrue(a.weights().value().bitwiseEquals(b.weights().value()), "weights change with padded keys");
    assertTrue(a.context().value().allClose(b.context().value(), 1e-12, 1e-12), "context changes with padding");

    double[] w = a.weights().value().toDoubleArray();
    for (int r = 0; r < batch; r++) {
      double sum = 0;
      for (int s = 0; s < source; s++) {
        double x = w[r * source + s];
        if (s >= c.lengths()[r]) {
          assertEquals(0.0, x, "padding weight at row " + r + ", position " + s);
        }
        assertTrue(x >= 0 && x <= 1, "weight " + x);
        sum += x;
      }
      assertEquals(1.0, sum, 1e-12, "weights of row " + r);
    }
  }

  @Property(tries = 40)
  void paddingReceivesNoGradient(@ForAll Kind kind, @ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll @IntRange(min = 2, max = 5) int source, @ForAll long seed) {
    AttentionCase c = AttentionCase.random(kind, batch, source, seed);
    Attention attention = c.build(DType.F64);
    SplittableRandom rng = c.rng();
    Var query = Var.parameter(c.query());
    Var keys = Var.parameter(c.keys());
    Var values = Var.parameter(c.values());
    try (Tape tape = Tape.open().detectAnomalies()) {
      AttentionOutput out = attention.attend(query, keys, values, c.mask());
      tape.backward(ShapeOps.concat(1, out.context(), out.weights()).mul(Var.constant(
          Tensor.uniform(rng, DType.F64, -1, 1, batch, c.valueSize() + source))).sum());
    }
    double[] gk = keys.grad().toDoubleArray();
    double[] gv = values.grad().toDoubleArray();
    for (int r = 0; r < batch; r++) {
      for (int s = c.lengths()[r]; s < source; s++) {
        for (int f = 0; f < c.keySize(); f++) {
          assertEquals(0.0, gk[(r * source + s) * c.keySize() + f], "key gradient on padding");
        }
        for (int f = 0; f < c.valueSize(); f++) {
          assertEquals(0.0, gv[(r * source + s) * c.valueSize() + f], "value gradient on padding");
        }
      }
    }
  }

  @Property(tries = 40)
  void aPaddedBatchEqualsEachSequenceAlone(@ForAll Kind kind, @ForAll @IntRange(min = 1, max = 4) int batch,
      @ForAll @IntRange(min = 1, max = 5) int source, @ForAll long seed) {
    AttentionCase c = AttentionCase.random(kind, batch, source, seed);
    Attention attention = c.build(DType.F64);
    Tensor query = c.query();
    Tensor keys = c.keys();
    Tensor values = c.values();
    AttentionOutput all = attend(attention, query, keys, values, c.mask());
    for (int r = 0; r < batch; r++) {
      int len = c.lengths()[r];
      AttentionOutput one = attend(attention, query.narrow(0, r, 1), keys.narrow(0, r, 1).narrow(1, 0, len),
          values.narrow(0, r, 1).narrow(1, 0, len), null);
      assertTrue(one.context().value().allClose(all.context().value().narrow(0, r, 1), 1e-12, 1e-12), "context");
      assertTrue(one.weights().value().allClose(all.weights().value().narrow(0, r, 1).narrow(1, 0, len), 1e-12,
          1e-12), "weights");
    }
  }

  @Property(tries = 30)
  void selectingRowsCommutesWithAttending(@ForAll Kind kind, @ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll @IntRange(min = 1, max = 4) int source, @ForAll long seed) {
    AttentionCase c = AttentionCase.random(kind, batch, source, seed);
    Attention attention = c.build(DType.F64);
    SplittableRandom rng = c.rng();
    Tensor query = c.query();
    AttentionMemory memory = attention.memory(Var.constant(c.keys()), Var.constant(c.values()), c.mask());
    int[] rows = new int[2 * batch + 1];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = rng.nextInt(batch);
    }
    AttentionOutput selected = memory.indexSelect(rows).attend(Var.constant(query.indexSelect(0, rows)));
    AttentionOutput all = memory.attend(Var.constant(query));
    assertTrue(selected.weights().value().allClose(all.weights().value().indexSelect(0, rows), 1e-12, 1e-12));
    assertTrue(selected.context().value().allClose(all.context().value().indexSelect(0, rows), 1e-12, 1e-12));
  }

  private static Tensor huge(SplittableRandom rng, Tensor like) {
    return Tensor.uniform(rng, DType.F64, -1e6, 1e6, like.shape().dims());
  }

  private static AttentionOutput attend(Attention attention, Tensor query, Tensor keys, Tensor values, Tensor mask) {
    return attention.attend(Var.constant(query), Var.constant(keys), Var.constant(values), mask);
  }
}
