package dev.eddy.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleTest {

  /** An encoder with a nested child and a renamed child, as a user would write one. */
  static final class Encoder extends Module {
    final Linear in = registerModule("in", new Linear(3, 4, 1));
    final Dropout drop = registerModule("drop", new Dropout(0.5, 2));
    final Linear out;

    Encoder() {
      registerParameter("scale", Tensor.ones(DType.F32, 4));
      out = registerModule(new Linear(4, 2, 3), name -> name + "_out");
    }
  }

  static final class Model extends Module {
    final Encoder encoder = registerModule("encoder", new Encoder());
  }

  @Test
  void namesFormATreeInRegistrationOrder() {
    Model m = new Model();
    assertEquals(List.of("encoder.in.weight", "encoder.in.bias", "encoder.scale", "encoder.weight_out",
        "encoder.bias_out"), List.copyOf(m.namedParameters().keySet()));
    assertEquals(5, m.parameters().size());
    assertEquals(12 + 4 + 4 + 8 + 2, m.numParameters());
    assertEquals(List.copyOf(m.namedParameters().keySet()), List.copyOf(m.stateDict().keySet()));
  }

  @Test
  void modePropagatesToEveryChild() {
    Model m = new Model();
    assertTrue(m.encoder.drop.isTraining());
    m.eval();
    assertFalse(m.encoder.drop.isTraining());
    assertFalse(m.encoder.out.isTraining());
    m.train();
    assertTrue(m.encoder.in.isTraining());
  }

  @Test
  void strictLoadListsEveryProblemAndLoadsNothing() {
    Model m = new Model();
    Map<String, Tensor> dict = new LinkedHashMap<>(m.stateDict());
    Tensor before = m.encoder.in.namedParameters().get("weight").value();
    dict.put("encoder.in.weight", Tensor.zeros(DType.F32, 4, 3));
    dict.remove("encoder.scale");
    dict.put("encoder.extra", Tensor.zeros(DType.F32, 1));
    dict.put("encoder.bias_out", Tensor.zeros(DType.F32, 3));
    StateDictException e = assertThrows(StateDictException.class, () -> m.loadStateDict(dict));
    assertEquals(List.of("encoder.scale"), e.missing());
    assertEquals(List.of("encoder.extra"), e.unexpected());
    assertEquals(List.of("encoder.bias_out: expected [2], got [3]"), e.wrongShapes());
    assertEquals("Model.loadStateDict: missing [encoder.scale]; unexpected [encoder.extra]; wrong shape"
        + " [encoder.bias_out: expected [2], got [3]]", e.getMessage());
    assertSame(before, m.encoder.in.namedParameters().get("weight").value(), "nothing loaded");
  }

  @Test
  void nonStrictLoadReportsWhatItSkipped() {
    Model m = new Model();
    Map<String, Tensor> dict = new LinkedHashMap<>();
    dict.put("encoder.scale", Tensor.full(DType.F64, 3, 4));
    dict.put("decoder.weight", Tensor.zeros(DType.F32, 1));
    Module.LoadResult r = m.loadStateDict(dict, false);
    assertEquals(List.of("decoder.weight"), r.unexpected());
    assertEquals(4, r.missing().size());
    Tensor scale = m.stateDict().get("encoder.scale");
    assertEquals(DType.F32, scale.dtype(), "converted to the module's dtype");
    assertEquals(3, scale.get(2));
  }

  @Test
  void setParameterTiesWeightsAndChecksShape() {
    Model m = new Model();
    Var shared = Var.parameter(Tensor.full(DType.F32, 0.5, 2, 4));
    m.setParameter("encoder.weight_out", shared);
    assertSame(shared, m.namedParameters().get("encoder.weight_out"));
    assertSame(shared, m.encoder.out.namedParameters().get("weight"), "renamed child sees it");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.setParameter("encoder.scale", Var.parameter(Tensor.zeros(DType.F32, 5))));
    assertEquals("Encoder.setParameter: 'scale' is [4] F32, got [5] F32", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> m.setParameter("nope", shared));
  }

  @Test
  void tiedWeightsAppearOnceForOptimizersAndUnderEveryNameInTheStateDict() {
    Model m = new Model();
    Var tied = m.encoder.in.namedParameters().get("weight");
    m.setParameter("encoder.weight_out", Var.parameter(Tensor.zeros(DType.F32, 2, 4)));
    Linear square = new Linear(3, 3, 4);
    class Tied extends Module {
      Tied() {
        registerModule("a", square);
        registerModule("b", square);
      }
    }
    Tied t = new Tied();
    assertEquals(List.of("a.weight", "a.bias"), List.copyOf(t.namedParameters().keySet()));
    assertEquals(List.of("a.weight", "a.bias", "b.weight", "b.bias"), List.copyOf(t.stateDict().keySet()));
    t.loadStateDict(t.stateDict());
    dev.eddy.optim.Adam.builder(t.namedParameters()).build(); // each Var once, as an optimizer requires
    assertSame(tied, m.namedParameters().get("encoder.in.weight"));
  }

  @Test
  void namesAreChecked() {
    class Bad extends Module {
      Bad(String first, String second) {
        registerParameter(first, Tensor.zeros(DType.F32, 1));
        registerParameter(second, Tensor.zeros(DType.F32, 1));
      }
    }
    assertThrows(IllegalArgumentException.class, () -> new Bad("w", "w"));
    assertThrows(IllegalArgumentException.class, () -> new Bad("w", "a.b"));
    class Clash extends Module {
      Clash() {
        registerParameter("weight_x", Tensor.zeros(DType.F32, 1));
        registerModule(new Linear(1, 1, 0), name -> name + "_x");
      }
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, Clash::new);
    assertTrue(e.getMessage().contains("weight_x"), e.getMessage());
  }

  @Test
  void toConvertsAndDtypeReports() {
    Model m = new Model();
    m.to(DType.F64);
    assertEquals(DType.F64, m.dtype());
    for (Var p : m.parameters()) {
      assertEquals(DType.F64, p.dtype());
    }
    assertEquals(DType.F64, m.encoder.in.forward(Var.constant(Tensor.ones(DType.F64, 3))).dtype());
  }
}
