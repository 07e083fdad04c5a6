package dev.eddy.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.ShapeException;
import dev.eddy.tensor.Tensor;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What the tape records, what backward does with it, and the errors that protect against wrong gradients. */
class TapeTest {

  private static Tensor t(double... v) {
    return Tensor.of(v, v.length);
  }

  @Test
  void withNoTapeOpenNothingIsRecorded() {
    Var w = Var.parameter(t(1, 2, 3));
    Var y = w.mul(w).sum();
    assertFalse(y.requiresGrad());
    assertTrue(y.isLeaf());
    assertFalse(Tape.isRecording());
    try (Tape tape = Tape.open()) {
      assertTrue(Tape.isRecording());
      assertEquals(0, tape.size());
    }
    assertFalse(Tape.isRecording());
  }

  @Test
  void opsOnConstantsOnlyAreNotRecorded() {
    try (Tape tape = Tape.open()) {
      Var x = Var.constant(t(1, 2));
      Var y = x.exp().sum();
      assertFalse(y.requiresGrad());
      assertEquals(0, tape.size());
      Var w = Var.parameter(t(3, 4));
      Var z = w.mul(x).sum();
      assertTrue(z.requiresGrad());
      assertEquals(2, tape.size());
      assertEquals("sum", z.opName());
    }
  }

  @Test
  void backwardFillsParameterGradients() {
    Var w = Var.parameter(t(1, 2, 3));
    Var x = Var.constant(t(4, 5, 6));
    try (Tape tape = Tape.open()) {
      tape.backward(w.mul(x).sum());
    }
    assertArrayEquals(new double[] {4, 5, 6}, w.grad().toDoubleArray());
    assertNull(x.grad());
  }

  @Test
  void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
    Var w = Var.parameter(t(1, 2));
    for (int i = 0; i < 3; i++) {
      try (Tape tape = Tape.open()) {
        tape.backward(w.mul(3).sum());
      }
    }
    assertArrayEquals(new double[] {9, 9}, w.grad().toDoubleArray());
    w.zeroGrad();
    assertNull(w.grad());
    try (Tape tape = Tape.open()) {
      w.square().sum().backward();
    }
    assertArrayEquals(new double[] {2, 4}, w.grad().toDoubleArray());
  }

  @Test
  void seededBackwardIsAVectorJacobianProduct() {
    Var w = Var.parameter(t(1, 2, 3));
    try (Tape tape = Tape.open()) {
      Var y = w.square(); // dy/dw = diag(2w)
      tape.backward(y, t(1, 10, 100));
    }
    assertArrayEquals(new double[] {2, 40, 600}, w.grad().toDoubleArray());
  }

  @Test
  void backwardChecksItsArguments() {
    Var w = Var.parameter(t(1, 2));
    try (Tape tape = Tape.open()) {
      Var y = w.exp();
      ShapeException notScalar = assertThrows(ShapeException.class, () -> tape.backward(y));
      assertTrue(notScalar.getMessage().contains("[2]"), notScalar.getMessage());
      assertThrows(ShapeException.class, () -> tape.backward(y, t(1, 2, 3)));
      assertThrows(IllegalArgumentException.class, () -> tape.backward(y, Tensor.ones(DType.F32, 2)));
      IllegalArgumentException constant = assertThrows(IllegalArgumentException.class,
          () -> tape.backward(Var.constant(t(1)).exp()));
      assertTrue(constant.getMessage().contains("does not require a gradient"), constant.getMessage());
    }
  }

  @Test
  void backwardTwiceThroughTheSameRecordsIsAnError() {
    Var w = Var.parameter(t(1, 2));
    try (Tape tape = Tape.open()) {
      Var h = w.tanh();
      tape.backward(h.sum());
      Tensor first = w.grad().copy();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> tape.backward(h.mul(2).sum()));
      assertTrue(e.getMessage().contains("'tanh'") && e.getMessage().contains("earlier backward"), e.getMessage());
      assertTrue(first.allClose(w.grad(), 0, 0), "the failed backward added nothing to the parameter");
    }
  }

  @Test
  void aFailedBackwardLeavesNoGradientsBehindForTheNextOne() {
    Var w = Var.parameter(t(1, 2));
    try (Tape tape = Tape.open()) {
      Var a = w.exp();
      Var b = w.mul(2);
      tape.backward(a.sum());
      // b receives its gradient before the pass reaches a's consumed record and fails
      assertThrows(IllegalStateException.class, () -> tape.backward(b.add(a).sum()));
      w.zeroGrad();
      tape.backward(b.sum());
    }
    assertArrayEquals(new double[] {2, 2}, w.grad().toDoubleArray());
  }

  @Test
  void backwardAfterCloseIsAnError() {
    Var w = Var.parameter(t(1, 2));
    Tape tape = Tape.open();
    Var loss = w.sum();
    tape.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> tape.backward(loss));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertThrows(IllegalStateException.class, loss::backward);
  }

  @Test
  void aResultOfAClosedTapeMustBeDetachedToCarryOn() {
    Var w = Var.parameter(t(0.5, -0.5));
    Var h;
    try (Tape tape = Tape.open()) {
      h = w.tanh();
    }
    try (Tape tape = Tape.open()) {
      Var loss = h.mul(w).sum();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> tape.backward(loss));
      assertTrue(e.getMessage().contains("'tanh'") && e.getMessage().contains("detach()"), e.getMessage());
    }
    w.zeroGrad();
    try (Tape tape = Tape.open()) {
      tape.backward(h.detach().mul(w).sum());
    }
    assertTrue(w.grad().allClose(h.value(), 0, 0));
  }

  @Test
  void tapesDoNotNest() {
    try (Tape tape = Tape.open()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, Tape::open);
      assertTrue(e.getMessage().contains("do not nest"), e.getMessage());
    }
    try (Tape tape = Tape.open()) {
      assertFalse(tape.isClosed());
    }
  }

  @Test
  void aTapeRecordsOnlyItsOwnThread() throws Exception {
    Var w = Var.parameter(t(1, 2));
    try (Tape tape = Tape.open()) {
      AtomicReference<Var> fromOtherThread = new AtomicReference<>();
      AtomicReference<Throwable> backwardError = new AtomicReference<>();
      Var loss = w.sum();
      Thread other = new Thread(() -> {
        fromOtherThread.set(w.exp());
        try {
          tape.backward(loss);
        } catch (IllegalStateException e) {
          backwardError.set(e);
        }
      });
      other.start();
      other.join();
      assertFalse(fromOtherThread.get().requiresGrad());
      assertEquals(1, tape.size());
      assertTrue(backwardError.get().getMessage().contains("belongs to thread"), backwardError.get().getMessage());
    }
  }

  @Test
  void closingReleasesWhatOpsSaved() {
    Var w = Var.parameter(t(1, 2));
    WeakReference<Tensor> saved;
    Var kept;
    try (Tape tape = Tape.open()) {
      AtomicReference<WeakReference<Tensor>> ref = new AtomicReference<>();
      kept = opSaving(w, ref);
      saved = ref.get();
      collectGarbage();
      assertTrue(saved.get() != null, "alive while the tape is open");
    }
    collectGarbage();
    assertNull(saved.get(), "a closed tape must not keep saved tensors alive through a result Var");
    assertEquals(2, kept.numel());
  }

  @Test
  void backwardReleasesTheRecordsItRan() {
    Var w = Var.parameter(t(1, 2));
    try (Tape tape = Tape.open()) {
      AtomicReference<WeakReference<Tensor>> ref = new AtomicReference<>();
      Var y = opSaving(w, ref);
      tape.backward(y.sum());
      collectGarbage();
      assertNull(ref.get().get());
    }
  }

  /** exp(w), whose backward saves a tensor that nothing else references; {@code ref} gets a weak reference to it. */
  private static Var opSaving(Var w, AtomicReference<WeakReference<Tensor>> ref) {
    Tensor big = Tensor.ones(DType.F64, 1000);
    ref.set(new WeakReference<>(big));
    return Op.result("keeps", w.value().exp(), g -> g.mul(big.sum()), w);
  }

  private static void collectGarbage() {
    for (int i = 0; i < 5; i++) {
      System.gc();
    }
  }

  @Test
  void onlyNeededInputGradientsAreRequested() {
    Var x = Var.constant(t(1, 2));
    Var w = Var.parameter(t(3, 4));
    AtomicReference<boolean[]> seen = new AtomicReference<>();
    try (Tape tape = Tape.open()) {
      Var y = Op.result("probe", x.value().mul(w.value()), (g, needs) -> {
        seen.set(needs.clone());
        return new Tensor[] {null, g.mul(x.value())};
      }, x, w);
      tape.backward(y.sum());
    }
    assertArrayEquals(new boolean[] {false, true}, seen.get());
    assertArrayEquals(new double[] {1, 2}, w.grad().toDoubleArray());
  }

  @Test
  void recordsThatNoGradientReachesAreSkipped() {
    Var w = Var.parameter(t(1, 2));
    try (Tape tape = Tape.open()) {
      Op.result("unused", w.value(), g -> {
        throw new AssertionError("backward of an unused op ran");
      }, w);
      tape.backward(w.mul(2).sum());
    }
    assertArrayEquals(new double[] {2, 2}, w.grad().toDoubleArray());
  }

  @Test
  void unusedOutputsOfAMultiOutputOpArriveAsZeros() {
    Var w = Var.parameter(t(1, 2, 3, 4));
    AtomicReference<Tensor[]> seen = new AtomicReference<>();
    try (Tape tape = Tape.open()) {
      List<Var> parts = Op.results("halves", w.value().split(0, 2, 2), (gs, needs) -> {
        seen.set(gs.clone());
        return new Tensor[] {Tensor.concat(0, gs)};
      }, w);
      tape.backward(parts.get(1).mul(5).sum());
    }
    assertArrayEquals(new double[] {0, 0}, seen.get()[0].toDoubleArray());
    assertArrayEquals(new double[] {5, 5}, seen.get()[1].toDoubleArray());
    assertArrayEquals(new double[] {0, 0, 5, 5}, w.grad().toDoubleArray());
  }

  @Test
  void aBackwardReturningTheWrongShapeIsNamed() {
    Var w = Var.parameter(t(1, 2));
    try (Tape tape = Tape.open()) {
      Var y = Op.result("sloppy", w.value().sum(), g -> g, w);
      ShapeException e = assertThrows(ShapeException.class, () -> tape.backward(y));
      assertTrue(e.getMessage().contains("'sloppy'") && e.getMessage().contains("[2]"), e.getMessage());
    }
  }

  @Test
  void sharedGradientsAreNeverWrittenInPlace() {
    // add's backward hands the same tensor to both inputs; accumulating into one must not change the other
    Var a = Var.parameter(t(1, 2));
    try (Tape tape = Tape.open()) {
      Var s = a.exp();
      Var u = s.add(s.mul(1)); // s gets g twice: once directly, once through mul
      Var v = u.add(s);
      tape.backward(v.sum());
    }
    Tensor e = t(1, 2).exp();
    assertTrue(a.grad().allClose(e.mul(3), 1e-15, 0), a.grad().toString());
  }

  @Test
  void detachCutsHistoryAndSharesTheValue() {
    Var w = Var.parameter(t(1, 2));
    try (Tape tape = Tape.open()) {
      Var h = w.exp();
      Var d = h.detach();
      assertFalse(d.requiresGrad());
      assertTrue(d.isLeaf());
      assertSame(h.value(), d.value());
    }
  }

  @Test
  void onlyLeavesCanBeReplaced() {
    Var w = Var.parameter(t(1, 2));
    try (Tape tape = Tape.open()) {
      tape.backward(w.sum());
      Var y = w.exp();
      assertThrows(IllegalStateException.class, () -> y.setValue(t(0, 0)));
    }
    w.setValue(t(5, 6));
    assertArrayEquals(new double[] {1, 1}, w.grad().toDoubleArray(), "same shape keeps the gradient");
    w.setValue(t(5, 6, 7));
    assertNull(w.grad(), "a new shape drops it");
  }
}
