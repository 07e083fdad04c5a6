package dev.eddy.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.Var;
import dev.eddy.io.Json;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Eddy against numbers PyTorch 1.13 computed in float64 ({@code tools/optim/make_optim_reference.py}
 * wrote {@code optim/pytorch_reference.json}): optimizer steps with skipped gradients and a changed
 * learning rate, the final state buffers and step counts, schedules, and clip_grad_norm_. PyTorch
 * fuses some multiply-adds, so values agree to rounding (relative 1e-12), not bit for bit.
 */
class PyTorchReferenceTest {
  private static final double RTOL = 1e-12;
  private static final double ATOL = 1e-15;

  @SuppressWarnings("unchecked")
  static Map<String, Object> fixture() throws IOException {
    try (InputStream in = PyTorchReferenceTest.class.getResourceAsStream("/optim/pytorch_reference.json")) {
      Map<String, Object> root = (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      assertEquals("pytorch-optim-reference-v1", root.get("format"));
      return root;
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> cases(String section) throws IOException {
    return (List<Map<String, Object>>) fixture().get(section);
  }

  /** One dynamic test per case of {@code section}, named by the case. */
  private static Stream<DynamicTest> each(String section, ThrowingConsumer<Map<String, Object>> body) throws IOException {
    return cases(section).stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> body.accept(c)));
  }

  static Tensor tensor(Object data, Object shape) {
    List<?> values = (List<?>) data;
    double[] d = new double[values.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = ((Number) values.get(i)).doubleValue();
    }
    int[] dims = ((List<?>) shape).stream().mapToInt(x -> ((Number) x).intValue()).toArray();
    return Tensor.of(d, dims);
  }

  static void assertClose(Tensor expected, Tensor actual, String where) {
    assertEquals(DType.F64, actual.dtype(), where);
    assertTrue(actual.allClose(expected, RTOL, ATOL), where + ": expected " + expected + ", got " + actual);
  }

  @TestFactory
  @SuppressWarnings("unchecked")
  Stream<DynamicTest> optimizersMatchPyTorch() throws IOException {
    return each("optimizers", c -> {
    Map<String, Object> paramSpecs = (Map<String, Object>) c.get("params");
    Map<String, Tensor> initial = new LinkedHashMap<>();
    Map<String, Object> shapes = new LinkedHashMap<>();
    paramSpecs.forEach((name, spec) -> {
      Map<String, Object> s = (Map<String, Object>) spec;
      initial.put(name, tensor(s.get("data"), s.get("shape")));
      shapes.put(name, s.get("shape"));
    });
    Map<String, Var> params = OptimizerCases.parameters(initial);
    Optimizer optimizer = OptimizerCases.build((String) c.get("optimizer"), (Map<String, Object>) c.get("options"),
        params);
    int stepNumber = 0;
    for (Object stepObject : (List<Object>) c.get("steps")) {
      Map<String, Object> step = (Map<String, Object>) stepObject;
      stepNumber++;
      optimizer.setLr(((Number) step.get("lr")).doubleValue());
      Map<String, Tensor> grads = new LinkedHashMap<>();
      ((Map<String, Object>) step.get("grads")).forEach((name, g) -> {
        if (g != null) {
          grads.put(name, tensor(g, shapes.get(name)));
        }
      });
      OptimizerCases.setGrads(params, grads);
      optimizer.step();
      for (Map.Entry<String, Object> e : ((Map<String, Object>) step.get("params")).entrySet()) {
        assertClose(tensor(e.getValue(), shapes.get(e.getKey())), params.get(e.getKey()).value(),
            "step " + stepNumber + ", parameter " + e.getKey());
      }
    }
    Map<String, Tensor> state = optimizer.stateTensors();
    int buffers = 0;
    for (Map.Entry<String, Object> e : ((Map<String, Object>) c.get("state")).entrySet()) {
      for (Map.Entry<String, Object> b : ((Map<String, Object>) e.getValue()).entrySet()) {
        String where = "state " + e.getKey() + "." + b.getKey();
        if (b.getKey().equals("step")) {
          assertEquals(((Number) b.getValue()).longValue(), optimizer.stepCount(e.getKey()), where);
        } else {
          Tensor actual = state.get(e.getKey() + "." + b.getKey());
          assertTrue(actual != null, where + " missing from " + state.keySet());
          assertClose(tensor(b.getValue(), shapes.get(e.getKey())), actual, where);
          buffers++;
        }
      }
    }
    assertEquals(buffers, state.size(), "state tensors " + state.keySet());
    });
  }

  @TestFactory
  @SuppressWarnings("unchecked")
  Stream<DynamicTest> schedulesMatchPyTorch() throws IOException {
    return each("schedules", c -> {
    Map<String, Object> o = (Map<String, Object>) c.get("options");
    LrSchedule schedule = switch ((String) c.get("schedule")) {
      case "StepLR" -> new StepLr(integer(o, "step_size", 0), number(o, "gamma", 0.1));
      case "CosineAnnealingLR" -> new CosineAnnealingLr(integer(o, "T_max", 0), number(o, "eta_min", 0));
      case "CosineAnnealingWarmRestarts" ->
          new CosineAnnealingWarmRestarts(integer(o, "T_0", 0), integer(o, "T_mult", 1), number(o, "eta_min", 0));
      case "LinearLR" -> new LinearLr(number(o, "start_factor", 1.0 / 3), number(o, "end_factor", 1),
          integer(o, "total_iters", 5));
      case "Sequential" -> SequentialLr.warmupThen(integer(o, "warmup_steps", 0), number(o, "warmup_start_factor", 0),
          new CosineAnnealingLr(integer(o, "T_max", 0), number(o, "eta_min", 0)));
      default -> throw new IllegalArgumentException((String) c.get("schedule"));
    };
    Optimizer optimizer = Sgd.builder(List.of(Var.parameter(Tensor.zeros(DType.F64, 1))))
        .lr(((Number) c.get("base_lr")).doubleValue()).build();
    LrScheduler scheduler = new LrScheduler(optimizer, schedule);
    List<Object> lrs = (List<Object>) c.get("lrs");
    for (int step = 0; step < lrs.size(); step++) {
      if (step > 0) {
        scheduler.step();
      }
      double expected = ((Number) lrs.get(step)).doubleValue();
      assertEquals(expected, optimizer.lr(), ATOL + RTOL * Math.abs(expected), schedule + " at step " + step);
    }
    });
  }

  @TestFactory
  @SuppressWarnings("unchecked")
  Stream<DynamicTest> clipGradNormMatchesPyTorch() throws IOException {
    return each("clip_grad_norm", c -> {
    Map<String, Var> params = new LinkedHashMap<>();
    Map<String, Tensor> grads = new LinkedHashMap<>();
    Map<String, Object> shapes = new LinkedHashMap<>();
    ((Map<String, Object>) c.get("grads")).forEach((name, spec) -> {
      Map<String, Object> s = (Map<String, Object>) spec;
      Tensor g = tensor(s.get("data"), s.get("shape"));
      params.put(name, Var.parameter(name, Tensor.zerosLike(g)));
      grads.put(name, g);
      shapes.put(name, s.get("shape"));
    });
    OptimizerCases.setGrads(params, grads);
    Object type = c.get("norm_type");
    double normType = "inf".equals(type) ? Double.POSITIVE_INFINITY : ((Number) type).doubleValue();
    double total = GradClipping.clipGradNorm(params, ((Number) c.get("max_norm")).doubleValue(), normType, true);
    double expected = ((Number) c.get("total_norm")).doubleValue();
    assertEquals(expected, total, RTOL * expected, "total norm");
    ((Map<String, Object>) c.get("clipped")).forEach((name, data) ->
        assertClose(tensor(data, shapes.get(name)), params.get(name).grad(), "clipped gradient of " + name));
    });
  }

  private static double number(Map<String, Object> o, String key, double fallback) {
    return OptimizerCases.number(o, key, fallback);
  }

  private static long integer(Map<String, Object> o, String key, long fallback) {
    Object v = o.get(key);
    return v == null ? fallback : ((Number) v).longValue();
  }
}
