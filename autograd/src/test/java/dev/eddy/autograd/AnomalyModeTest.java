package dev.eddy.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Anomaly mode names the op that made a NaN or infinity and the line of user code that called it. */
class AnomalyModeTest {

  private static Tensor t(double... v) {
    return Tensor.of(v, v.length);
  }

  /** A forward pass with a log of a negative number in it, on a line the test can point to. */
  private static Var forwardWithBadLog(Var w) {
    Var h = w.mul(2);
    return h.log().sum(); // the anomaly: log(-2)
  }

  @Test
  void offByDefaultNaNsPassSilently() {
    Var w = Var.parameter(t(1, -1));
    try (Tape tape = Tape.open()) {
      assertFalse(tape.detectsAnomalies());
      assertTrue(Double.isNaN(forwardWithBadLog(w).item()));
    }
  }

  @Test
  void aNaNInTheForwardPassNamesTheOpAndTheUsersLine() {
    Var w = Var.parameter(t(1, -1));
    try (Tape tape = Tape.open().detectAnomalies()) {
      AnomalyException e = assertThrows(AnomalyException.class, () -> forwardWithBadLog(w));
      String m = e.getMessage();
      assertTrue(m.startsWith("anomaly: op 'log' produced NaN (first at [1] of shape [2]) in the forward pass"), m);
      assertTrue(m.contains("AnomalyModeTest.forwardWithBadLog(AnomalyModeTest.java:"), m);
      Throwable site = e.getCause();
      assertNotNull(site);
      assertEquals("forwardWithBadLog", site.getStackTrace()[0].getMethodName());
    }
  }

  @Test
  void opsOnConstantsAreCheckedToo() {
    try (Tape tape = Tape.open().detectAnomalies()) {
      AnomalyException e = assertThrows(AnomalyException.class, () -> Var.constant(t(0)).reciprocal());
      assertTrue(e.getMessage().contains("'reciprocal' produced Infinity"), e.getMessage());
    }
  }

  /** sqrt at 0 is finite forward but its gradient 0.5 / sqrt(0) is infinite. */
  private static Var forwardWithInfiniteSlope(Var w) {
    return w.sqrt().sum();
  }

  @Test
  void anInfinityInTheBackwardPassNamesTheOpAndWhereItWasCalled() {
    Var w = Var.parameter(t(4, 0));
    try (Tape tape = Tape.open().detectAnomalies()) {
      Var loss = forwardWithInfiniteSlope(w);
      AnomalyException e = assertThrows(AnomalyException.class, () -> tape.backward(loss));
      String m = e.getMessage();
      assertTrue(m.startsWith("anomaly: the backward of op 'sqrt' produced Infinity (first at [1] of shape [2])"
          + " in the gradient of input #0"), m);
      assertTrue(m.contains("the op was called at dev.eddy.autograd.AnomalyModeTest.forwardWithInfiniteSlope("), m);
    }
  }

  @Test
  void withoutAnomalyModeTheSameGradientIsJustInfinite() {
    Var w = Var.parameter(t(4, 0));
    try (Tape tape = Tape.open()) {
      tape.backward(forwardWithInfiniteSlope(w));
    }
    assertEquals(Double.POSITIVE_INFINITY, w.grad().toDoubleArray()[1]);
  }
}
