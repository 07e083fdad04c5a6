package dev.eddy.examples.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.examples.support.CommandRun;
import dev.eddy.io.Json;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eddy forecast} end to end, in-process. */
class ForecastCommandTest {
  @TempDir Path dir;

  private static final String[] TINY = {"--length", "240", "--window", "12", "--horizon", "3", "--epochs", "2",
      "--hidden", "4"};

  private CommandRun forecast(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "forecast";
    System.arraycopy(args, 0, all, 1, args.length);
    return CommandRun.of(all);
  }

  private String[] tiny(String... more) {
    String[] all = new String[TINY.length + more.length];
    System.arraycopy(TINY, 0, all, 0, TINY.length);
    System.arraycopy(more, 0, all, TINY.length, more.length);
    return all;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(CommandRun run) {
    return (Map<String, Object>) Json.parse(run.lastLine());
  }

  private static void assertPng(Path file) throws Exception {
    BufferedImage image = ImageIO.read(file.toFile());
    assertTrue(image != null && image.getWidth() > 200 && image.getHeight() > 150, file + " is a PNG");
  }

  @Test
  void aTinySyntheticRunReportsErrorsBesideTheBaselineAndWritesPlots() throws Exception {
    Path out = dir.resolve("out");
    CommandRun run = forecast(tiny("--cell", "gru", "--out", out.toString(), "--json"));
    assertEquals(0, run.exit(), run.toString());
    String text = run.out();
    assertTrue(text.contains("series: synthetic hourly series"), text);
    assertTrue(text.contains("240 values: 192 train, 48 validation (178 and 46 windows of 12 -> 3)"), text);
    assertTrue(text.contains("model: gru, 1 layer(s) of 4, direct 3-step head"), text);
    assertTrue(text.matches("(?s).*\\n\\s+step\\s+model MAE\\s+model RMSE\\s+persist\\. MAE\\s+persist\\. RMSE\\n"
        + "\\s+1 .*\\n\\s+2 .*\\n\\s+3 .*\\n\\s+all .*"), text);
    assertTrue(text.contains("the model beats the persistence baseline: MAE")
        || text.contains("the model does NOT beat the persistence baseline: MAE"), text);
    assertTrue(text.contains("wrote " + out.resolve("forecast.png")), text);

    Map<String, Object> summary = json(run);
    assertEquals("forecast", summary.get("command"));
    assertEquals("gru", summary.get("cell"));
    assertEquals(3L, summary.get("horizon"));
    assertEquals(46L, summary.get("validation_windows"));
    assertEquals(3, ((List<?>) summary.get("mae_per_step")).size());
    double mae = (Double) summary.get("mae");
    double baseline = (Double) summary.get("persistence_mae");
    assertTrue(mae > 0 && baseline > 0, summary.toString());
    assertEquals(mae < baseline && (Double) summary.get("rmse") < (Double) summary.get("persistence_rmse"),
        summary.get("beats_persistence"));

    assertPng(out.resolve("forecast.png"));
    assertPng(out.resolve("loss.png"));
    List<String> csv = Files.readAllLines(out.resolve("series.csv"));
    assertEquals("step,value", csv.get(0));
    assertEquals(241, csv.size());
  }

  @Test
  void theSeriesItWroteForecastsAgainThroughTheCsvPath() throws Exception {
    Path first = dir.resolve("first");
    assertEquals(0, forecast(tiny("--out", first.toString())).exit());
    Path second = dir.resolve("second");
    CommandRun run = forecast(tiny("--csv", first.resolve("series.csv").toString(), "--column", "value", "--out",
        second.toString(), "--json"));
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("column 'value', 240 values: 192 train, 48 validation"), run.out());
    assertEquals(first.resolve("series.csv") + " column 'value'", json(run).get("series"));
    assertPng(second.resolve("forecast.png"));
    assertTrue(Files.notExists(second.resolve("series.csv")), "the CSV path writes no series.csv");
  }

  @Test
  void csvProblemsAreOneLineOnStderrWithStatus2() throws Exception {
    Path file = dir.resolve("data.csv");
    Files.writeString(file, "t,load\n0,1.5\n1,2.5\n2,abc\n");
    CommandRun missing = forecast("--csv", file.toString(), "--column", "price");
    assertEquals(2, missing.exit());
    assertEquals("eddy forecast: " + file + ": no column 'price'; the header has t, load", missing.err().strip());

    CommandRun notANumber = forecast("--csv", file.toString(), "--column", "load");
    assertEquals(2, notANumber.exit());
    assertEquals("eddy forecast: " + file + " line 4: column 'load' holds 'abc', not a finite number",
        notANumber.err().strip());

    Files.writeString(file, "t,load\n0,1.5\n1,2.5\n2,3.5\n");
    CommandRun tooShort = forecast("--csv", file.toString(), "--column", "load", "--window", "4", "--horizon", "2");
    assertEquals(2, tooShort.exit());
    assertEquals("eddy forecast: " + file + " column 'load': a series of 3 values is too short for --window 4 and"
        + " --horizon 2: the training part (2 values) needs at least 6 (window + horizon) and the validation part (1)"
        + " at least 2 (horizon); give at least 8 values", tooShort.err().strip());

    Files.write(file, new byte[] {'t', ',', 'y', '\n', '1', ',', (byte) 0xFF, '\n'});
    CommandRun notText = forecast("--csv", file.toString(), "--column", "y");
    assertEquals(2, notText.exit());
    assertEquals("eddy forecast: " + file + ": not UTF-8 text", notText.err().strip());

    CommandRun noFile = forecast("--csv", dir.resolve("none.csv").toString(), "--column", "load");
    assertEquals(2, noFile.exit());
    assertEquals("eddy forecast: " + dir.resolve("none.csv") + ": no such file", noFile.err().strip());
  }

  @Test
  void badOptionsAreRejectedWithOneClearLine() {
    String[][] cases = {
        {"--hidden", "0"}, {"--cell", "lstmx"}, {"--val-fraction", "0.9"}, {"--lr", "-1"}, {"--column", "x"},
        {"--csv", "f.csv"}, {"--horizon", "0"}};
    String[] expected = {
        "--hidden must be at least 1, got 0", "--cell must be lstm or gru, got 'lstmx'",
        "--val-fraction must be in [0.05, 0.5], got 0.9", "--lr must be a positive number, got -1.0",
        "--column needs --csv FILE", "--csv needs --column NAME (the numeric column to forecast)",
        "--horizon must be at least 1, got 0"};
    for (int i = 0; i < cases.length; i++) {
      CommandRun run = forecast(cases[i]);
      assertEquals(2, run.exit(), run.toString());
      assertEquals(expected[i], run.err().lines().findFirst().orElse(""));
    }
  }

  /** The defaults (2000 values, window 48, horizon 12, 20 epochs) beat persistence by far, for both cells. */
  @Test
  @Tag("slow")
  void theDefaultsBeatPersistence() {
    for (String cell : new String[] {"lstm", "gru"}) {
      CommandRun run = forecast("--cell", cell, "--out", dir.resolve(cell).toString(), "--json");
      assertEquals(0, run.exit(), run.toString());
      Map<String, Object> summary = json(run);
      assertEquals(true, summary.get("beats_persistence"), run.out());
      double mae = (Double) summary.get("mae");
      double baseline = (Double) summary.get("persistence_mae");
      assertTrue(mae < 0.5 * baseline, cell + ": MAE " + mae + " vs persistence " + baseline);
      // and close to the noise, which nobody can forecast: MAE of N(0, 0.25^2) is 0.1995
      assertTrue(mae < 2 * SeasonalSeries.NOISE * Math.sqrt(2 / Math.PI), cell + ": MAE " + mae);
    }
  }
}
