package dev.eddy.examples.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.examples.support.CommandRun;
import dev.eddy.io.Json;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eddy classify} end to end, in-process. */
class ClassifyCommandTest {
  @TempDir Path dir;

  /** The JSON summary's models by name. */
  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> models(CommandRun run) {
    Map<String, Object> summary = (Map<String, Object>) Json.parse(run.lastLine());
    Map<String, Map<String, Object>> byName = new HashMap<>();
    for (Object m : (List<Object>) summary.get("models")) {
      Map<String, Object> model = (Map<String, Object>) m;
      byName.put((String) model.get("model"), model);
    }
    return byName;
  }

  @Test
  void aTinyRunPrintsTheTableChanceAndWritesThePlot() throws Exception {
    Path out = dir.resolve("out");
    CommandRun run = CommandRun.of("classify", "--markers", "2", "--train", "64", "--val", "32", "--epochs", "2",
        "--min-length", "4", "--max-length", "9", "--hidden", "4", "--models", "bag,rnn,bi-lstm", "--out", out.toString(), "--json");
    assertEquals(0, run.exit(), run.toString());
    String text = run.out();
    assertTrue(text.contains("temporal order task: 64 training and 32 validation sequences of length 4 to 9, 2 markers,"
        + " 4 classes"), text);
    assertTrue(text.matches("(?s).*\\n  e\\.g\\. [abcdXY]{4,9} -> [XY]\\.\\.[XY]\\n.*"), text);
    assertTrue(text.matches("(?s).*\\n  model\\s+parameters\\s+train acc\\s+val acc\\s+seconds\\n"
        + "  bag\\s+28\\s+\\d+\\.\\d%\\s+\\d+\\.\\d%.*\\n  rnn\\s.*\\n  bi-lstm\\s.*"), text);
    assertTrue(text.contains("chance: 25.0%; an order-blind model can reach at most 75.0%"), text);
    assertTrue(text.contains("wrote " + out.resolve("accuracy.png")), text);

    Map<String, Map<String, Object>> models = models(run);
    assertEquals(3, models.size());
    // a bidirectional LSTM of 4 units on embeddings of 8: 2 * (4*4*(8+4) + 2*4*4) + head (4 * 8 + 4) + embedding 6 * 8
    assertEquals(2L * (16 * 12 + 32) + 36 + 48, models.get("bi-lstm").get("parameters"));
    for (Map<String, Object> m : models.values()) {
      double val = (Double) m.get("validation_accuracy");
      assertTrue(val >= 0 && val <= 1, m.toString());
      assertEquals(0, Math.round(val * 32) - val * 32, 1e-9, "a whole number of the 32 sequences");
    }
    BufferedImage png = ImageIO.read(out.resolve("accuracy.png").toFile());
    assertEquals(900, png.getWidth());
  }

  @Test
  void badOptionsAreRejectedWithOneClearLine() {
    CommandRun unknown = CommandRun.of("classify", "--models", "lstm,transformer");
    assertEquals(2, unknown.exit());
    assertEquals("--models: unknown model 'transformer', expected some of bag, rnn, lstm, gru, bi-rnn, bi-lstm, bi-gru",
        unknown.err().lines().findFirst().orElse(""));
    CommandRun lengths = CommandRun.of("classify", "--min-length", "10", "--max-length", "5");
    assertEquals(2, lengths.exit());
    assertEquals("--max-length must be at least 10, got 5", lengths.err().lines().findFirst().orElse(""));
    CommandRun shorter = CommandRun.of("classify", "--markers", "4", "--min-length", "3");
    assertEquals(2, shorter.exit());
    assertEquals("--min-length must be at least 4, got 3", shorter.err().lines().findFirst().orElse(""));
  }

  /** The defaults: LSTM and GRU far above chance (12.5%) and above what order-blind counting can do. */
  @Test
  @Tag("slow")
  void theDefaultsLearnTheOrder() {
    CommandRun run = CommandRun.of("classify", "--out", dir.toString(), "--json");
    assertEquals(0, run.exit(), run.toString());
    Map<String, Map<String, Object>> models = models(run);
    for (String name : new String[] {"lstm", "gru", "bi-gru"}) {
      double val = (Double) models.get(name).get("validation_accuracy");
      assertTrue(val > 0.9, name + " validation accuracy " + val + "\n" + run.out());
    }
    // three markers: chance 12.5%, order-blind counting 50% at best; 0.07 is three standard deviations of
    // an accuracy measured on 500 sequences
    double bag = (Double) models.get("bag").get("validation_accuracy");
    assertTrue(bag < 0.5 + 0.07, "order-blind counting cannot pass 50% (plus sampling noise), got " + bag);
  }
}
