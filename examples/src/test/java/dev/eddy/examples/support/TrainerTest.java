package dev.eddy.examples.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.Losses;
import dev.eddy.autograd.Var;
import dev.eddy.nn.Linear;
import dev.eddy.optim.Sgd;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import org.junit.jupiter.api.Test;

class TrainerTest {
  private static final Var X = Var.constant(Tensor.of(new float[] {-1, 0, 1, 2}, 4, 1));
  private static final Var Y = Var.constant(Tensor.of(new float[] {-1, 1, 3, 5}, 4, 1)); // 2x + 1

  @Test
  void adamWithACosineFitsALine() {
    Linear line = new Linear(1, 1, 5);
    Trainer trainer = Trainer.adamCosine(line, 0.1, 300, 1.0);
    double first = trainer.step(() -> Losses.mse(line.forward(X), Y));
    double last = first;
    for (int i = 1; i < 300; i++) {
      last = trainer.step(() -> Losses.mse(line.forward(X), Y));
    }
    assertTrue(last < 1e-4 * first, first + " -> " + last);
    assertEquals(2, line.namedParameters().get("weight").value().item(), 1e-2);
    assertEquals(0, trainer.optimizer().lr(), 1e-12, "annealed to 0 after the last step");
    assertEquals(null, line.namedParameters().get("weight").grad(), "gradients cleared");
  }

  @Test
  void theGradientNormIsClippedBeforeTheStep() {
    Linear line = new Linear(1, 1, 5);
    Tensor before = Tensor.concat(0, line.parameters().stream().map(p -> p.value().flatten()).toList());
    Trainer trainer = new Trainer(Sgd.builder(line.namedParameters()).lr(1).build(), null, 0.5);
    trainer.step(() -> Losses.mse(line.forward(X), Y.mul(1000))); // a huge gradient
    Tensor after = Tensor.concat(0, line.parameters().stream().map(p -> p.value().flatten()).toList());
    double moved = Math.sqrt(after.sub(before).to(DType.F64).square().sum().item());
    assertEquals(0.5, moved, 1e-5, "one SGD step of lr 1 moves by the clipped norm");
    assertTrue(trainer.lastGradNorm() > 1000, "the norm before clipping: " + trainer.lastGradNorm());
  }

  @Test
  void withoutClippingTheNormIsStillMeasured() {
    Linear twin = new Linear(1, 1, 5); // same seed, same weights: its gradient measured by hand
    try (var tape = dev.eddy.autograd.Tape.open()) {
      tape.backward(Losses.mse(twin.forward(X), Y));
    }
    double expected = 0;
    for (Var p : twin.parameters()) {
      expected += p.grad().to(DType.F64).square().sum().item();
    }
    Linear line = new Linear(1, 1, 5);
    Trainer trainer = new Trainer(Sgd.builder(line.namedParameters()).lr(0.01).build(), null,
        Double.POSITIVE_INFINITY);
    assertTrue(Double.isNaN(trainer.lastGradNorm()), "no step yet");
    trainer.step(() -> Losses.mse(line.forward(X), Y));
    assertEquals(Math.sqrt(expected), trainer.lastGradNorm(), 1e-6 * Math.sqrt(expected));
  }
}
