package dev.eddy.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.AnomalyException;
import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Anomaly mode names the line that called a layer, not a line inside it: the layers' packages are
 * {@link dev.eddy.autograd.LibraryCode}. This test shares the package name but not the jar, so its
 * own frames are user code.
 */
class AnomalyCallSiteTest {

  @ParameterizedTest(name = "fast path {0}")
  @ValueSource(booleans = {true, false})
  void aNaNInsideALayerIsReportedAtTheCallersLine(boolean fastPath) {
    LSTM lstm = LSTM.builder(3, 4).numLayers(2).fastPath(fastPath).seed(1).build();
    Tensor x = Tensor.zeros(DType.F32, 5, 2, 3);
    x.f32()[4] = Float.NaN;
    AnomalyException e = assertThrows(AnomalyException.class, () -> {
      try (Tape tape = Tape.open().detectAnomalies()) {
        lstm.forward(Var.constant(x)).output().sum();
      }
    });
    assertTrue(e.getMessage().matches("anomaly: op '[a-zA-Z_]+' produced NaN .* in the forward pass, called at"
        + " dev\\.eddy\\.nn\\.recurrent\\.AnomalyCallSiteTest\\.lambda\\$aNaNInsideALayerIsReportedAtTheCallersLine\\$\\d+"
        + "\\(AnomalyCallSiteTest\\.java:\\d+\\)"), e.getMessage());
  }
}
