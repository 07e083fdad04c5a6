package dev.eddy.examples.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarWriterTest {

  @Test
  void writesToAPicocliStyleWriter() {
    StringWriter text = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(text), 20, "windows/s", false);
    for (int step = 1; step <= 20; step++) {
      bar.update(step, 0.5, step * 32L);
    }
    bar.finish();
    String[] lines = text.toString().split(System.lineSeparator());
    assertEquals(11, lines.length, text.toString());
    assertTrue(lines[10].startsWith("100% step 20/20 loss 0.5000 "), lines[10]);
    assertTrue(lines[10].contains(" windows/s eta 0:00"), lines[10]);
  }

  @Test
  void showsHugeLossesInScientificNotation() {
    StringWriter text = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(text), 2, "seq/s", false);
    bar.update(1, 1.5e20, 16);
    bar.update(2, Double.NaN, 32);
    String[] lines = text.toString().split(System.lineSeparator());
    assertEquals(2, lines.length, text.toString());
    assertTrue(lines[0].startsWith(" 50% step 1/2 loss 1.5000e+20 "), lines[0]);
    assertTrue(lines[1].startsWith("100% step 2/2 loss NaN "), lines[1]);
  }
}
