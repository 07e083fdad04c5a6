package dev.eddy.examples.scratch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.examples.support.CommandRun;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eddy scratch} run in-process. */
class ScratchCommandTest {

  @Test
  @SuppressWarnings("unchecked")
  void aTinyRunTrainsBothModelsAndChecksEveryGradient(@TempDir Path dir) throws Exception {
    CommandRun r = CommandRun.of("scratch", "--steps", "20", "--hidden", "6", "--length", "8", "--out", dir.toString(),
        "--json");
    assertEquals(0, r.exit(), r.toString());
    assertEquals(List.of("step", "RNN", "LSTM"), List.of(r.line("    step ").trim().split("\\s+")));
    assertTrue(r.line("RNN ").contains("nats per character"));
    for (String what : new String[] {"W_xh", "W_hh", "W_hy", "b_h", "h0"}) {
      assertTrue(r.lines().stream().anyMatch(l -> l.matches("\\s+RNN\\s+" + what + "\\s.*")), what);
    }
    for (String what : new String[] {"W_x", "W_h", "W_y", "b", "b_y", "h0", "c0"}) {
      assertTrue(r.lines().stream().anyMatch(l -> l.matches("\\s+LSTM\\s+" + what + "\\s.*")), what);
    }
    assertTrue(r.line("OK: 15 of 15 values agree to ").endsWith("(limit 1e-09)"), r.line("OK"));

    Map<String, Object> json = r.json();
    assertEquals("scratch", json.get("command"));
    assertEquals(15, ((List<?>) json.get("gradients")).size());
    assertTrue((Double) json.get("max_rel_diff") <= 1e-9);
    assertTrue((Double) ((Map<String, Object>) json.get("lstm")).get("final_loss") > 0);
    BufferedImage png = ImageIO.read(dir.resolve("loss.png").toFile());
    assertNotNull(png, "loss.png decodes");
    assertEquals(900, png.getWidth());
  }

  @Test
  void learnsAGivenTextFile(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("t.txt"), "abcabcabcabcabcabc");
    CommandRun r = CommandRun.of("scratch", "--text", text.toString(), "--steps", "10", "--hidden", "4", "--length",
        "5", "--out", dir.toString());
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.line("Next-character prediction on 18 characters (3 distinct)").contains("windows of 5"));
  }

  @Test
  void badValuesAreOneLineUsageErrors(@TempDir Path dir) throws Exception {
    Path shortText = Files.writeString(dir.resolve("short.txt"), "abc");
    String[][] cases = {
      {"--hidden", "0", "--hidden must be at least 1, got 0"},
      {"--steps", "0", "--steps must be at least 1, got 0"},
      {"--rnn-lr", "-1", "--rnn-lr must be a positive number, got -1.0"},
      {"--text", dir.resolve("missing.txt").toString(), "--text: no such file: " + dir.resolve("missing.txt")},
      {"--text", shortText.toString(), "--text must have more characters than --length (25), got 3"},
    };
    for (String[] c : cases) {
      CommandRun r = CommandRun.of("scratch", c[0], c[1]);
      assertEquals(2, r.exit(), c[0]);
      assertEquals(c[2], r.err().lines().findFirst().orElse(""), c[0]);
    }
  }

  /** The defaults reach what the documentation states (run with -Pslow). */
  @Test
  @Tag("slow")
  @SuppressWarnings("unchecked")
  void theDefaultsLearnTheTextAndAgreeWithAutograd(@TempDir Path dir) {
    CommandRun r = CommandRun.of("scratch", "--out", dir.toString(), "--json");
    assertEquals(0, r.exit(), r.toString());
    Map<String, Object> json = r.json();
    double unigram = (Double) json.get("unigram_loss");
    double rnn = (Double) ((Map<String, Object>) json.get("rnn")).get("final_loss");
    double lstm = (Double) ((Map<String, Object>) json.get("lstm")).get("final_loss");
    assertTrue(rnn < 1.0 && rnn < unigram / 2, "RNN final loss " + rnn);
    assertTrue(lstm < 0.6, "LSTM final loss " + lstm);
    assertTrue((Double) json.get("max_rel_diff") <= 1e-12, "agreement " + json.get("max_rel_diff"));
  }
}
