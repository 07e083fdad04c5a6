package dev.eddy.nn.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.io.Json;
import dev.eddy.tensor.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checker can fail: corrupted cases, wrong layouts and broken files give FAIL lines that say why. */
class GoldenCheckerTest {
  @TempDir Path dir;

  private static final GoldenChecker F64 = new GoldenChecker(DType.F64);

  /** {@code name}.json from the test resources, changed by {@code edit} and written to the temp folder. */
  private Path edited(String name, Consumer<Map<String, Object>> edit) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = (Map<String, Object>) Json.read(GoldenCasesTest.DIR.resolve(name + ".json"));
    edit.accept(doc);
    return Files.writeString(dir.resolve(name + ".json"), Json.writePretty(doc));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> at(Map<String, Object> doc, String... path) {
    Map<String, Object> m = doc;
    for (String key : path) {
      m = (Map<String, Object>) m.get(key);
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> data(Map<String, Object> array) {
    return (List<Object>) array.get("data");
  }

  private static void scale(Map<String, Object> array, int index, double factor) {
    data(array).set(index, ((Number) data(array).get(index)).doubleValue() * factor);
  }

  @Test
  void aGradientOffByOnePartInTenMillionFailsInFloat64Only() throws IOException {
    Path file = edited("lstm", doc -> scale(at(doc, "grads", "parameters", "weight_hh_l0"), 13, 1 + 1e-7));
    GoldenResult r = F64.check(file);
    assertFalse(r.passed());
    assertTrue(r.line().startsWith("FAIL lstm grad weight_hh_l0 [2, 1]: got "), r.line());
    assertTrue(r.line().contains("> 1e-09"), r.line());
    assertTrue(new GoldenChecker(DType.F32).check(file).passed(), "within float32's tolerance");
  }

  @Test
  void aCorruptedOutputFailsAndOtherDifferencesAreListed() throws IOException {
    Path file = edited("gru_bidirectional", doc -> {
      scale(at(doc, "outputs", "h_n"), 0, 1.01);
      scale(at(doc, "grads", "inputs", "x"), 7, 1.001);
    });
    GoldenResult r = new GoldenChecker(DType.F32).check(file);
    assertTrue(r.line().startsWith("FAIL gru_bidirectional h_n [0, 0, 0]: got "), r.line());
    assertTrue(r.line().endsWith("; also differ: grad x"), r.line());
  }

  @Test
  void swappedGruGatesFail() throws IOException {
    // r and z blocks of weight_ih exchanged: a wrong gate order must not pass
    Path file = edited("gru", doc -> {
      List<Object> d = data(at(doc, "parameters", "weight_ih_l0"));
      int block = 6 * 4;
      for (int i = 0; i < block; i++) {
        Object r = d.get(i);
        d.set(i, d.get(block + i));
        d.set(block + i, r);
      }
    });
    GoldenResult r = F64.check(file);
    assertFalse(r.passed(), r.line());
    assertTrue(r.maxRelErr() > 1e-3, r.line());
  }

  @Test
  void parametersThatDoNotFitAreNamed() throws IOException {
    Path file = edited("lstm_2layer", doc -> {
      Map<String, Object> p = at(doc, "parameters");
      p.put("weight_ih_l9", p.remove("weight_ih_l1"));
      Map<String, Object> g = at(doc, "grads", "parameters");
      g.put("weight_ih_l9", g.remove("weight_ih_l1"));
    });
    GoldenResult r = F64.check(file);
    assertEquals("FAIL lstm_2layer StateDictException: LSTM.loadStateDict: missing [weight_ih_l1];"
        + " unexpected [weight_ih_l9]", r.line());
  }

  @Test
  void formatProblemsAreReasonsNotStackTraces() throws IOException {
    assertEquals("FAIL rnn_tanh unknown module \"torch.nn.Transformer\" (expected one of torch.nn.RNN, LSTM, GRU,"
        + " RNNCell, LSTMCell, GRUCell)", F64.check(edited("rnn_tanh", d -> d.put("module", "torch.nn.Transformer")))
        .line());
    assertEquals("FAIL rnn_tanh config.dropout is 0.5: dropout draws random masks, so only dropout 0 can be"
        + " compared", F64.check(edited("rnn_tanh", d -> at(d, "config").put("dropout", 0.5))).line());
    assertEquals("FAIL gru missing config.hidden_size",
        F64.check(edited("gru", d -> at(d, "config").remove("hidden_size"))).line());
    assertEquals("FAIL gru config.proj_size 2 is only valid for torch.nn.LSTM",
        F64.check(edited("gru", d -> at(d, "config").put("proj_size", 2L))).line());
    assertEquals("FAIL gru_cell inputs.x: 11 numbers in data for shape [3, 4] (12 elements)",
        F64.check(edited("gru_cell", d -> data(at(d, "inputs", "x")).remove(0))).line());
    assertEquals("FAIL lstm_cell loss \"sum(h_1 * w_h_1) - sum(c_1)\": the term \"sum(h_1 * w_h_1) - sum(c_1)\" is"
        + " not of the form sum(<output> * <weight>)",
        F64.check(edited("lstm_cell", d -> d.put("loss", "sum(h_1 * w_h_1) - sum(c_1)"))).line());

    Path notJson = Files.writeString(dir.resolve("broken.json"), "{\"format\": ");
    assertTrue(F64.check(notJson).line().startsWith("FAIL broken not valid JSON: "), F64.check(notJson).line());
    assertEquals("FAIL absent cannot read " + dir.resolve("absent.json") + ": no such file",
        F64.check(dir.resolve("absent.json")).line());
  }

  @Test
  void aCaseWithoutInitialStatesStartsFromZeros() throws IOException {
    // dropping h0/c0 changes the reference, so the checker must notice (it runs from zeros instead)
    GoldenResult r = F64.check(edited("lstm", d -> {
      at(d, "inputs").remove("h0");
      at(d, "inputs").remove("c0");
      at(d, "grads", "inputs").remove("h0");
      at(d, "grads", "inputs").remove("c0");
    }));
    assertFalse(r.passed());
    assertTrue(r.line().startsWith("FAIL lstm "), r.line());
  }
}
