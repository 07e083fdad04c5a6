package dev.eddy.examples.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.examples.support.CommandRun;
import dev.eddy.io.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eddy seq2seq} end to end, in-process: tiny runs of every option, bad values, and (slow) the defaults. */
class Seq2SeqCommandTest {

  private static final String[] TINY = {"--steps", "3", "--batch", "8", "--hidden", "4", "--embedding", "4",
      "--test", "12", "--examples", "2"};

  private static CommandRun tiny(Path out, String... more) {
    String[] args = new String[2 + TINY.length + 2 + more.length];
    args[0] = "seq2seq";
    args[1] = "--json";
    System.arraycopy(TINY, 0, args, 2, TINY.length);
    args[2 + TINY.length] = "--out";
    args[3 + TINY.length] = out.toString();
    System.arraycopy(more, 0, args, 4 + TINY.length, more.length);
    return CommandRun.of(args);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> summary(CommandRun run) {
    return (Map<String, Object>) Json.parse(run.lastLine());
  }

  @Test
  void aTinyRunPrintsAccuraciesExamplesAndWritesTheHeatMap(@TempDir Path dir) throws IOException {
    CommandRun run = tiny(dir, "--beam", "3");
    assertEquals(0, run.exit(), run.toString());
    String out = run.out();
    assertTrue(out.contains("dates in 20 formats -> ISO; 29220 training dates, 7305 held-out dates"), out);
    assertTrue(out.contains("model: bidirectional GRU encoder 2x4, GRU decoder 8, bahdanau attention"), out);
    assertTrue(out.contains("100% step 3/3 loss "), out);
    assertTrue(out.matches("(?s).*held-out exact match \\(12 dates never seen in training\\):\n"
        + "  greedy +\\d+\\.\\d%  \\(\\d+/12\\)\n"
        + "  beam 3 +\\d+\\.\\d%  \\(\\d+/12\\)\n"
        + "  baseline +\\d+\\.\\d%  \\(always \"\\d{4}-\\d\\d-\\d\\d\".*"), out);
    assertEquals(2, run.lines().stream().filter(l -> l.matches("  \".*\" +-> .*")).count(), out);
    assertTrue(out.contains("wrote " + dir.resolve("attention.png")), out);

    Map<String, Object> json = summary(run);
    assertEquals("seq2seq", json.get("command"));
    assertEquals("bahdanau", json.get("attention"));
    assertEquals(3L, json.get("beam"));
    assertEquals(12L, json.get("test_examples"));
    for (String key : new String[] {"greedy_accuracy", "beam_accuracy", "baseline_accuracy"}) {
      double v = ((Number) json.get(key)).doubleValue();
      assertTrue(v >= 0 && v <= 1, key + " = " + v);
    }
    assertTrue(((Number) json.get("final_loss")).doubleValue() > 0);

    BufferedImage heatMap = ImageIO.read(dir.resolve("attention.png").toFile());
    assertNotNull(heatMap, "attention.png decodes");
    assertTrue(heatMap.getWidth() > 100 && heatMap.getHeight() > 100);
    assertNotNull(ImageIO.read(dir.resolve("loss.png").toFile()), "loss.png decodes");
  }

  @Test
  void everyAttentionKindAndTheLstmRun(@TempDir Path dir) {
    for (String kind : new String[] {"dot", "general", "concat"}) {
      CommandRun run = tiny(dir.resolve(kind), "--attention", kind);
      assertEquals(0, run.exit(), run.toString());
      assertEquals(kind, summary(run).get("attention"));
    }
    CommandRun lstm = tiny(dir.resolve("lstm"), "--cell", "lstm", "--attention", "GENERAL");
    assertEquals(0, lstm.exit(), lstm.toString());
    assertTrue(lstm.out().contains("bidirectional LSTM encoder 2x4, LSTM decoder 8, general attention"), lstm.out());
  }

  @Test
  void badValuesAreOneLineUsageErrors(@TempDir Path dir) {
    String[][] cases = {
        {"--hidden", "0", "--hidden must be at least 1, got 0"},
        {"--beam", "0", "--beam must be at least 1, got 0"},
        {"--steps", "-1", "--steps must be at least 1, got -1"},
        {"--lr", "0", "--lr must be a positive number, got 0.0"},
        {"--attention", "cosine", "--attention must be bahdanau, dot, general or concat, got 'cosine'"},
        {"--cell", "rnn", "--cell must be gru or lstm, got 'rnn'"}};
    for (String[] c : cases) {
      CommandRun run = CommandRun.of("seq2seq", "--out", dir.toString(), c[0], c[1]);
      assertEquals(2, run.exit(), run.toString());
      assertTrue(run.err().startsWith(c[2] + System.lineSeparator()), run.toString());
    }
  }

  /** The default settings, as a user runs them: high exact-match accuracy on held-out dates. */
  @Test
  @Tag("slow")
  void theDefaultsTranslateHeldOutDatesAccurately(@TempDir Path dir) {
    CommandRun run = CommandRun.of("seq2seq", "--json", "--out", dir.toString());
    assertEquals(0, run.exit(), run.toString());
    Map<String, Object> json = summary(run);
    System.out.println(run.out());
    assertTrue(((Number) json.get("greedy_accuracy")).doubleValue() > 0.9, run.lastLine());
    assertTrue(((Number) json.get("beam_accuracy")).doubleValue() > 0.9, run.lastLine());
  }
}
