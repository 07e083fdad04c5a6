package dev.eddy.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Parallel;
import dev.eddy.tensor.Tensor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Every optimizer's steps equal its update rule written out independently ({@link ReferenceOptimizer})
 * on random parameters, gradients, hyper-parameters and learning rates, over several steps (momentum
 * buffers, bias corrections, lr decay), with some parameters left without a gradient at some steps.
 */
class OptimizerFormulaPropertiesTest {

  @Provide
  Arbitrary<String> kinds() {
    return Arbitraries.of(OptimizerCases.KINDS);
  }

  @Property(tries = 400)
  void stepsFollowTheUpdateRule(@ForAll("kinds") String kind, @ForAll boolean f32, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Map<String, Object> options = OptimizerCases.randomOptions(kind, r);
    DType dtype = f32 ? DType.F32 : DType.F64;
    Map<String, Tensor> initial = new LinkedHashMap<>();
    int count = 1 + r.nextInt(3);
    for (int k = 0; k < count; k++) {
      int[] dims = new int[r.nextInt(4)];
      for (int d = 0; d < dims.length; d++) {
        dims[d] = r.nextInt(6);
      }
      initial.put("layer" + k + ".weight", Tensor.normal(new java.util.Random(r.nextLong()), dtype, 0, 1, dims));
    }
    check(kind, options, dtype, initial, 1 + r.nextInt(6), r);
  }

  /** Parameters larger than a parallel chunk and not a multiple of the F32 block, on 1 and 2 threads. */
  @Test
  void largeParametersFollowTheRuleOnAnyThreadCount() {
    int saved = Parallel.threads();
    try {
      for (String kind : OptimizerCases.KINDS) {
        for (DType dtype : DType.values()) {
          SplittableRandom r = new SplittableRandom(kind.hashCode() * 31L + dtype.ordinal());
          Map<String, Object> options = OptimizerCases.randomOptions(kind, r);
          Map<String, Tensor> initial = Map.of("w",
              Tensor.normal(new java.util.Random(r.nextLong()), dtype, 0, 1, 3, UpdateLoop.PARALLEL_CHUNK + 333));
          Parallel.setThreads(2);
          Map<String, Var> twoThreads = check(kind, options, dtype, initial, 3, new SplittableRandom(7));
          Parallel.setThreads(1);
          Map<String, Var> oneThread = check(kind, options, dtype, initial, 3, new SplittableRandom(7));
          assertTrue(twoThreads.get("w").value().bitwiseEquals(oneThread.get("w").value()), kind + " " + dtype);
        }
      }
    } finally {
      Parallel.setThreads(saved);
    }
  }

  private static Map<String, Var> check(String kind, Map<String, Object> options, DType dtype,
      Map<String, Tensor> initial, int steps, SplittableRandom r) {
    Map<String, Var> params = OptimizerCases.parameters(initial);
    Optimizer optimizer = OptimizerCases.build(kind, options, params);
    Map<String, double[]> start = new LinkedHashMap<>();
    initial.forEach((name, t) -> start.put(name, t.toDoubleArray()));
    ReferenceOptimizer reference = new ReferenceOptimizer(kind, options, dtype == DType.F32, start);
    String context = kind + " " + dtype + " " + options;
    for (int step = 0; step < steps; step++) {
      double lr = step == 0 ? optimizer.lr() : optimizer.lr() * (0.5 + r.nextDouble());
      optimizer.setLr(lr);
      Map<String, Tensor> grads = new HashMap<>();
      Map<String, double[]> gradValues = new HashMap<>();
      for (Map.Entry<String, Tensor> e : initial.entrySet()) {
        if (r.nextInt(5) == 0) {
          continue; // no gradient this step: the parameter must be skipped
        }
        Tensor g = Tensor.normal(new java.util.Random(r.nextLong()), dtype, 0, r.nextBoolean() ? 1 : 0.01,
            e.getValue().shape().dims());
        grads.put(e.getKey(), g);
        gradValues.put(e.getKey(), g.toDoubleArray());
      }
      OptimizerCases.setGrads(params, grads);
      optimizer.step();
      reference.step(lr, gradValues);
      for (String name : initial.keySet()) {
        String where = context + ", step " + (step + 1) + ", " + name;
        assertClose(reference.param(name), params.get(name).value(), where);
        assertEquals(reference.steps(name), optimizer.stepCount(name), where);
      }
    }
    Map<String, Tensor> state = optimizer.stateTensors();
    for (String name : initial.keySet()) {
      Map<String, double[]> expected = reference.state(name);
      if (expected == null) {
        assertNull(state.get(name + ".exp_avg"), name);
        continue;
      }
      expected.forEach((buffer, values) -> assertClose(values, state.get(name + "." + buffer), name + "." + buffer));
    }
    return params;
  }

  /** Equal within rounding: the reference computes in another order, and F32 rounds stored values. */
  static void assertClose(double[] expected, Tensor actual, String where) {
    boolean f32 = actual.dtype() == DType.F32;
    double rtol = f32 ? 2e-5 : 1e-10;
    double atol = f32 ? 1e-6 : 1e-12;
    double[] a = actual.toDoubleArray();
    assertEquals(expected.length, a.length, where);
    for (int i = 0; i < a.length; i++) {
      double tol = atol + rtol * Math.abs(expected[i]);
      assertTrue(Math.abs(a[i] - expected[i]) <= tol,
          where + " element " + i + ": expected " + expected[i] + ", got " + a[i] + " (tolerance " + tol + ")");
    }
  }
}
