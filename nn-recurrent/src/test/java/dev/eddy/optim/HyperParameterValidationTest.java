package dev.eddy.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Bad hyper-parameters and parameter lists fail at build time with a message naming the thing, the rule and the value. */
class HyperParameterValidationTest {
  private static final List<Var> PARAMS = List.of(Var.parameter(Tensor.zeros(DType.F32, 2)));

  private static void assertFails(String message, Supplier<?> build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
    assertEquals(message, e.getMessage());
  }

  @Test
  void sgd() {
    assertFails("SGD: lr is required (SGD has no default learning rate); set it with lr(...)",
        () -> Sgd.builder(PARAMS).build());
    assertFails("SGD: lr must be a finite number > 0, got 0.0", () -> Sgd.builder(PARAMS).lr(0).build());
    assertFails("SGD: lr must be a finite number > 0, got -0.1", () -> Sgd.builder(PARAMS).lr(-0.1).build());
    assertFails("SGD: lr must be a finite number > 0, got Infinity",
        () -> Sgd.builder(PARAMS).lr(Double.POSITIVE_INFINITY).build());
    assertFails("SGD: momentum must be a finite number >= 0, got -0.5",
        () -> Sgd.builder(PARAMS).lr(0.1).momentum(-0.5).build());
    assertFails("SGD: dampening must be in [0, 1], got 1.5", () -> Sgd.builder(PARAMS).lr(0.1).dampening(1.5).build());
    assertFails("SGD: weight_decay must be a finite number >= 0, got NaN",
        () -> Sgd.builder(PARAMS).lr(0.1).weightDecay(Double.NaN).build());
    assertFails("SGD: nesterov needs momentum > 0 and dampening 0, got momentum 0.0 and dampening 0.0",
        () -> Sgd.builder(PARAMS).lr(0.1).nesterov(true).build());
    assertFails("SGD: nesterov needs momentum > 0 and dampening 0, got momentum 0.9 and dampening 0.1",
        () -> Sgd.builder(PARAMS).lr(0.1).momentum(0.9).dampening(0.1).nesterov(true).build());
  }

  @Test
  void adamFamily() {
    assertFails("Adam: beta1 must be in [0, 1), got 1.0", () -> Adam.builder(PARAMS).betas(1, 0.999).build());
    assertFails("Adam: beta2 must be in [0, 1), got -0.1", () -> Adam.builder(PARAMS).betas(0.9, -0.1).build());
    assertFails("AdamW: eps must be a finite number >= 0, got -1.0E-8", () -> AdamW.builder(PARAMS).eps(-1e-8).build());
    assertFails("AdamW: lr must be a finite number > 0, got -0.001", () -> AdamW.builder(PARAMS).lr(-1e-3).build());
    assertFails("AdamW: weight_decay must be a finite number >= 0, got -0.01",
        () -> AdamW.builder(PARAMS).weightDecay(-0.01).build());
  }

  @Test
  void rmspropAndAdagrad() {
    assertFails("RMSprop: alpha must be in [0, 1], got 1.01", () -> RmsProp.builder(PARAMS).alpha(1.01).build());
    assertFails("RMSprop: momentum must be a finite number >= 0, got -0.9",
        () -> RmsProp.builder(PARAMS).momentum(-0.9).build());
    assertFails("RMSprop: eps must be a finite number >= 0, got NaN", () -> RmsProp.builder(PARAMS).eps(Double.NaN).build());
    assertFails("Adagrad: lr_decay must be a finite number >= 0, got -1.0", () -> Adagrad.builder(PARAMS).lrDecay(-1).build());
    assertFails("Adagrad: initial_accumulator_value must be a finite number >= 0, got -0.1",
        () -> Adagrad.builder(PARAMS).initialAccumulator(-0.1).build());
    assertFails("Adagrad: eps must be a finite number >= 0, got -1.0E-10", () -> Adagrad.builder(PARAMS).eps(-1e-10).build());
  }

  @Test
  void parameterLists() {
    assertFails("Adam: no parameters to optimize", () -> Adam.builder(List.of()).build());
    Var w = Var.parameter(Tensor.zeros(DType.F64, 2));
    Map<String, Var> twice = new LinkedHashMap<>();
    twice.put("encoder.weight", w);
    twice.put("decoder.weight", w);
    assertFails("Adam: 'encoder.weight' and 'decoder.weight' are the same Var; each parameter may appear once",
        () -> Adam.builder(twice).build());
    assertFails("SGD: '1' is a constant, not a parameter (a leaf that requires a gradient)",
        () -> Sgd.builder(List.of(w, Var.constant(Tensor.zeros(DType.F64, 2)))).lr(0.1).build());
    assertFails("RMSprop: '0' is the result of op 'mul', not a parameter (a leaf that requires a gradient)", () -> {
      try (var tape = dev.eddy.autograd.Tape.open()) {
        return RmsProp.builder(List.of(w.mul(2.0))).build();
      }
    });
  }

  @Test
  void learningRateSetLaterMayBeZeroButNotNegative() {
    Adam adam = Adam.builder(PARAMS).build();
    adam.setLr(0);
    assertEquals(0, adam.lr());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adam.setLr(-1e-4));
    assertEquals("Adam: lr must be a finite number >= 0, got -1.0E-4", e.getMessage());
  }

  @Test
  void descriptionsNameEverySetting() {
    assertEquals("Adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1.0E-8, weight_decay=0.0, amsgrad=false, 1 parameter)",
        Adam.builder(PARAMS).build().toString());
  }
}
