package dev.eddy.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Chrono init of the LSTM's and GRU's gate biases: values, what stays as drawn, messages, and its purpose. */
class ChronoInitTest {
  static final int H = 64;
  static final double T_MAX = 100;

  @Test
  void lstmForgetBiasesAreLogsOfUniformTimeScalesAndInputBiasesTheirNegatives() {
    Map<String, Tensor> plain = LSTM.builder(3, H).seed(9).build().stateDict();
    Map<String, Tensor> chrono = LSTM.builder(3, H).seed(9).chronoInit(T_MAX).build().stateDict();
    double[] bih = chrono.get("bias_ih_l0").toDoubleArray();
    double[] bhh = chrono.get("bias_hh_l0").toDoubleArray();
    double[] plainIh = plain.get("bias_ih_l0").toDoubleArray();
    double[] plainHh = plain.get("bias_hh_l0").toDoubleArray();
    double[] forget = new double[H];
    for (int k = 0; k < H; k++) {
      forget[k] = bih[H + k];
      assertEquals(-forget[k], bih[k], 1e-6, "input bias of unit " + k);
      assertEquals(0, bhh[k], "bias_hh input block " + k);
      assertEquals(0, bhh[H + k], "bias_hh forget block " + k);
      for (int gate = 2; gate < 4; gate++) { // g and o keep their drawn values
        assertEquals(plainIh[gate * H + k], bih[gate * H + k], "bias_ih gate " + gate + " unit " + k);
        assertEquals(plainHh[gate * H + k], bhh[gate * H + k], "bias_hh gate " + gate + " unit " + k);
      }
    }
    assertSpreadOverTimeScales(forget);
    for (String weight : new String[] {"weight_ih_l0", "weight_hh_l0"}) {
      assertTrue(plain.get(weight).bitwiseEquals(chrono.get(weight)), weight + " drawn as without chrono init");
    }
  }

  @Test
  void gruUpdateBiasesAreLogsOfUniformTimeScales() {
    Map<String, Tensor> plain = GRU.builder(3, H).seed(9).build().stateDict();
    Map<String, Tensor> chrono = GRU.builder(3, H).seed(9).chronoInit(T_MAX).build().stateDict();
    double[] bih = chrono.get("bias_ih_l0").toDoubleArray();
    double[] bhh = chrono.get("bias_hh_l0").toDoubleArray();
    double[] plainIh = plain.get("bias_ih_l0").toDoubleArray();
    double[] plainHh = plain.get("bias_hh_l0").toDoubleArray();
    double[] update = new double[H];
    for (int k = 0; k < H; k++) {
      update[k] = bih[H + k];
      assertEquals(0, bhh[H + k], "bias_hh update block " + k);
      for (int gate : new int[] {0, 2}) { // r and n keep their drawn values
        assertEquals(plainIh[gate * H + k], bih[gate * H + k], "bias_ih gate " + gate + " unit " + k);
        assertEquals(plainHh[gate * H + k], bhh[gate * H + k], "bias_hh gate " + gate + " unit " + k);
      }
    }
    assertSpreadOverTimeScales(update);
  }

  /** exp(bias) = u ~ U(1, 99): every time scale in [1, 99], and 64 draws spread over the range. */
  private static void assertSpreadOverTimeScales(double[] biases) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double b : biases) {
      double u = Math.exp(b);
      assertTrue(u >= 1 - 1e-5 && u <= T_MAX - 1 + 1e-3, "time scale " + u + " in [1, 99]");
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
    }
    assertTrue(lo < 20 && hi > 80, "spread over the range: " + lo + " .. " + hi);
  }

  @Test
  void aGradientCrossesOneHundredStepsWithChronoInitButNotWithForgetBiasOne() {
    double chrono = gradientAtFirstStep(LSTM.builder(2, H).seed(3).chronoInit(T_MAX).build());
    double forgetOne = gradientAtFirstStep(LSTM.builder(2, H).seed(3).forgetBias(1).build());
    double gru = gradientAtFirstStep(GRU.builder(2, H).seed(3).chronoInit(T_MAX).build());
    double gruPlain = gradientAtFirstStep(GRU.builder(2, H).seed(3).build());
    assertTrue(chrono > 1e4 * forgetOne, "LSTM |dh_100/dx_1|: chrono " + chrono + ", forget bias 1 " + forgetOne);
    assertTrue(gru > 1e4 * gruPlain, "GRU |dh_100/dx_1|: chrono " + gru + ", PyTorch init " + gruPlain);
  }

  /** The norm of the gradient of sum(h_100) with respect to the first input step. */
  private static double gradientAtFirstStep(RecurrentStack layer) {
    int time = 100;
    int batch = 4;
    Var x = Var.parameter(Tensor.uniform(new SplittableRandom(1), DType.F32, -1, 1, time, batch, 2));
    try (Tape tape = Tape.open()) {
      tape.backward(layer.forward(x).hN().sum());
    }
    Tensor g = x.grad().narrow(0, 0, 1);
    return Math.sqrt(g.square().sum().item());
  }

  @Test
  void messagesNameTheLayerAndTheConflict() {
    assertEquals("LSTM: chrono init needs a finite max time scale of at least 2 steps, got 1.5",
        assertThrows(IllegalArgumentException.class, () -> LSTM.builder(2, 4).chronoInit(1.5)).getMessage());
    assertEquals("GruCell: chrono init needs a finite max time scale of at least 2 steps, got NaN",
        assertThrows(IllegalArgumentException.class, () -> GruCell.builder(2, 4).chronoInit(Double.NaN)).getMessage());
    assertEquals("LSTM: forgetBias and chronoInit both set the forget-gate bias; choose one",
        assertThrows(IllegalArgumentException.class,
            () -> LSTM.builder(2, 4).forgetBias(1).chronoInit(10).build()).getMessage());
    assertEquals("LstmCell: chronoInit needs bias=true",
        assertThrows(IllegalArgumentException.class,
            () -> LstmCell.builder(2, 4).bias(false).chronoInit(10).build()).getMessage());
    assertEquals("GRU: chronoInit needs bias=true",
        assertThrows(IllegalArgumentException.class,
            () -> GRU.builder(2, 4).bias(false).chronoInit(10).build()).getMessage());
  }
}
