package dev.eddy.examples.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.examples.support.CommandRun;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eddy adding} and {@code eddy copy} run in-process on tiny settings. */
class MemoryCommandsTest {

  /** The per-cell results of the {@code --json} summary. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> cells(CommandRun run) {
    return (List<Map<String, Object>>) run.json().get("cells");
  }

  @Test
  void addingTrainsEveryCellAndPrintsTheBaselineTableJsonAndPlot(@TempDir Path dir) throws Exception {
    CommandRun run = CommandRun.of("adding", "--T", "12", "--steps", "20", "--batch", "8", "--hidden", "6",
        "--eval-every", "5", "--validation", "40", "--out", dir.toString(), "--json");
    assertEquals(0, run.exit(), run.toString());
    String out = run.out();
    assertTrue(out.contains("baseline (always predict 1): MSE 0.1667"), out);
    for (String cell : List.of("LSTM", "GRU", "tanh RNN")) {
      assertTrue(out.contains("\n" + cell + ": validation MSE "), cell + " result line\n" + out);
      assertTrue(out.lines().anyMatch(l -> l.matches(cell + " +\\d+\\.\\d{4} +(never|step \\d+) .*")), cell + " row\n" + out);
    }
    assertTrue(out.contains("(baseline, always predict 1: 0.1667)"), out);
    assertTrue(out.contains("chrono-initialised gate biases (time scales 1 to 12 steps)"), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("baseline +0\\.1667")), out);

    Map<String, Object> json = run.json();
    assertEquals("adding", json.get("task"));
    assertEquals(12L, json.get("T"));
    assertEquals(1.0 / 6, (Double) json.get("baseline"), 1e-15);
    List<Map<String, Object>> cells = cells(run);
    assertEquals(List.of("lstm", "gru", "rnn"), cells.stream().map(c -> c.get("cell")).toList());
    for (Map<String, Object> c : cells) {
      double loss = (Double) c.get("validation_loss");
      assertTrue(loss > 0 && loss < 10, "validation MSE " + loss);
      assertTrue((Double) c.get("ms_per_step") > 0);
    }
    Path plot = dir.resolve("adding-validation.png");
    assertEquals(plot.toString(), json.get("plot"));
    BufferedImage image = ImageIO.read(plot.toFile());
    assertEquals(900, image.getWidth());
  }

  @Test
  void aGruLearnsShortAddingProblemsInAFewHundredSteps(@TempDir Path dir) throws Exception {
    CommandRun run = CommandRun.of("adding", "--cell", "gru", "--T", "10", "--steps", "300", "--batch", "32",
        "--hidden", "16", "--lr", "1e-2", "--eval-every", "100", "--validation", "200", "--out", dir.toString(),
        "--json");
    assertEquals(0, run.exit(), run.toString());
    Map<String, Object> gru = cells(run).get(0);
    double mse = (Double) gru.get("validation_loss");
    assertTrue(mse < 0.02, "GRU validation MSE " + mse + " after 300 steps, baseline 0.1667\n" + run);
  }

  @Test
  void copyPrintsTheBaselineAndTheAccuracyOnTheCopiedSymbols(@TempDir Path dir) throws Exception {
    CommandRun run = CommandRun.of("copy", "--cell", "lstm", "--T", "5", "--steps", "10", "--batch", "4",
        "--hidden", "6", "--eval-every", "5", "--validation", "20", "--out", dir.toString(), "--json");
    assertEquals(0, run.exit(), run.toString());
    String out = run.out();
    assertTrue(out.contains("baseline (blanks, then a uniform guess among 8 symbols): cross-entropy 0.8318,"
        + " accuracy 12.5%"), out); // 10 ln 8 / 25
    assertTrue(out.lines().anyMatch(l -> l.matches("LSTM: validation cross-entropy \\d+\\.\\d{4} after 10 steps"
        + " \\(baseline, blanks, then a uniform guess among 8 symbols: 0\\.8318\\); copied symbols right:"
        + " \\d+\\.\\d% \\(baseline 12\\.5%\\); .*")), out);
    Map<String, Object> lstm = cells(run).get(0);
    double accuracy = (Double) lstm.get("accuracy");
    assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
    assertTrue(ImageIO.read(dir.resolve("copy-validation.png").toFile()).getHeight() > 0);
  }

  @Test
  void badOptionsAreOneLineAndStatusTwo() {
    String[][] cases = {
        {"--hidden", "0", "--hidden must be at least 1, got 0"},
        {"--cell", "lsm", "--cell must be lstm, gru, rnn or all, got 'lsm'"},
        {"--init", "zeros", "--init must be chrono or pytorch, got 'zeros'"},
        {"--lr", "-1", "--lr must be a positive number, got -1.0"},
        {"--T", "1", "--T must be at least 2, got 1"}};
    for (String[] c : cases) {
      CommandRun run = CommandRun.of("adding", c[0], c[1]);
      assertEquals(2, run.exit(), run.toString());
      assertTrue(run.err().startsWith(c[2] + System.lineSeparator()), run.err());
    }
    CommandRun copy = CommandRun.of("copy", "--T", "0");
    assertEquals(2, copy.exit());
    assertTrue(copy.err().startsWith("--T must be at least 1, got 0"), copy.err());
  }
}
