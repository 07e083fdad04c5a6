package dev.eddy.examples.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupportTest {

  @Test
  void ticksFallOnOneTwoFiveSteps() {
    assertEquals(List.of(0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0), LinePlot.Ticks.nice(0, 1, 5));
    assertEquals(List.of(0.0, 20.0, 40.0, 60.0, 80.0, 100.0), LinePlot.Ticks.nice(-3, 104, 6));
    assertEquals("0.001", LinePlot.Ticks.format(0.001));
    assertEquals(List.of("0.2", "0.5", "1", "2", "5"), LinePlot.Ticks.logNice(Math.log10(0.15), Math.log10(6))
        .stream().map(v -> LinePlot.Ticks.format(Math.pow(10, v))).toList(), "1-2-5 over a short log span");
    assertEquals(List.of(-12.0, -10.0, -8.0, -6.0, -4.0, -2.0, 0.0), LinePlot.Ticks.logNice(-12.5, 0.3),
        "every other power of ten over a long span");
    assertEquals("2.5e-05", LinePlot.Ticks.format(2.5e-5));
  }

  @Test
  void linePlotDrawsEachSeriesInItsColour(@TempDir Path dir) throws Exception {
    double[] x = {0, 1, 2, 3};
    Path file = dir.resolve("sub/plot.png");
    new LinePlot("t", "x", "y").logY(true)
        .series("up", x, new double[] {1e-3, 1e-2, 1e-1, 1})
        .dashed("flat", x, new double[] {0.5, 0.5, 0.5, 0.5})
        .write(file);
    BufferedImage img = ImageIO.read(file.toFile());
    assertEquals(900, img.getWidth());
    assertEquals(540, img.getHeight());
    int blue = 0, red = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int xx = 0; xx < img.getWidth(); xx++) {
        int rgb = img.getRGB(xx, y) & 0xFFFFFF;
        blue += rgb == 0x1f77b4 ? 1 : 0;
        red += rgb == 0xd62728 ? 1 : 0;
      }
    }
    assertTrue(blue > 200, "first series drawn, pixels=" + blue);
    assertTrue(red > 100, "second series drawn, pixels=" + red);
  }

  @Test
  void linePlotRejectsSeriesOfUnequalLength() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new LinePlot("t", "x", "y").series("s", new double[3], new double[2]));
    assertEquals("series 's': x has 3 points but y has 2", e.getMessage());
  }

  @Test
  void heatMapShadesLargerWeightsDarker(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("attn.png");
    new HeatMap("attention", new double[][] {{1, 0}, {0.5, 0.5}}, List.of("a", "b"), List.of("x", "y"))
        .write(file);
    assertTrue(Files.size(file) > 0);
    var e = assertThrows(IllegalArgumentException.class,
        () -> new HeatMap("t", new double[][] {{1, 0}}, List.of("a"), List.of("x")));
    assertEquals("heat map: row 0 has 2 values but there are 1 column labels", e.getMessage());
  }

  @Test
  void progressPrintsAboutTenLinesWhenNotATerminal() {
    var bytes = new ByteArrayOutputStream();
    var bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 100, "chars/s", false);
    for (int step = 1; step <= 100; step++) {
      bar.update(step, 1.0 / step, step * 10L);
    }
    bar.finish();
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(11, lines.length);
    assertTrue(lines[10].startsWith("100% step 100/100 loss 0.0100"), lines[10]);
    assertEquals("1:01:01", ProgressBar.clock(3661));
  }
}
