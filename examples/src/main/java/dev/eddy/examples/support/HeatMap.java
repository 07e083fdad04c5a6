package dev.eddy.examples.support;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A labelled heat map written to PNG, for attention weights: one row per output step, one column
 * per input position, darker for larger values. Values are expected in [0, 1] (weights), and
 * larger ranges are scaled to their maximum.
 */
public final class HeatMap {
  private final String title;
  private final double[][] values;
  private final List<String> rowLabels;
  private final List<String> columnLabels;

  /**
   * @param values {@code [rows][columns]}
   * @param rowLabels one label per row (e.g. output tokens)
   * @param columnLabels one label per column (e.g. input tokens)
   */
  public HeatMap(String title, double[][] values, List<String> rowLabels, List<String> columnLabels) {
    if (values.length != rowLabels.size()) {
      throw new IllegalArgumentException("heat map: " + values.length + " rows but "
          + rowLabels.size() + " row labels");
    }
    for (int r = 0; r < values.length; r++) {
      if (values[r].length != columnLabels.size()) {
        throw new IllegalArgumentException("heat map: row " + r + " has " + values[r].length
            + " values but there are " + columnLabels.size() + " column labels");
      }
    }
    this.title = title;
    this.values = values;
    this.rowLabels = rowLabels;
    this.columnLabels = columnLabels;
  }

  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    ImageIO.write(render(), "png", file.toFile());
  }

  public BufferedImage render() {
    int cell = 28;
    Font font = new Font(Font.MONOSPACED, Font.PLAIN, 13);
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    FontMetrics fm = pg.getFontMetrics(font);
    int rowLabelWidth = 0;
    for (String l : rowLabels) {
      rowLabelWidth = Math.max(rowLabelWidth, fm.stringWidth(l));
    }
    int colLabelHeight = 0;
    for (String l : columnLabels) {
      colLabelHeight = Math.max(colLabelHeight, fm.stringWidth(l));
    }
    int titleWidth = pg.getFontMetrics(font.deriveFont(Font.BOLD, 14f)).stringWidth(title);
    pg.dispose();
    int left = rowLabelWidth + 20, top = colLabelHeight + 56;
    int width = Math.max(left + columnLabels.size() * cell + 20, titleWidth + 20);
    int height = top + rowLabels.size() * cell + 20;

    double max = 0;
    for (double[] row : values) {
      for (double v : row) {
        max = Math.max(max, v);
      }
    }
    double scale = max > 1 ? max : 1;

    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(font.deriveFont(Font.BOLD, 14f));
      g.drawString(title, 10, 20);
      g.setFont(font);
      for (int r = 0; r < values.length; r++) {
        for (int c = 0; c < values[r].length; c++) {
          double v = Math.max(0, Math.min(1, values[r][c] / scale));
          int shade = (int) Math.round(255 * (1 - v));
          g.setColor(new Color(shade, shade, 255));
          g.fillRect(left + c * cell, top + r * cell, cell, cell);
        }
        g.setColor(Color.BLACK);
        String l = rowLabels.get(r);
        g.drawString(l, left - 8 - fm.stringWidth(l), top + r * cell + cell / 2 + fm.getAscent() / 2 - 2);
      }
      for (int c = 0; c < columnLabels.size(); c++) {
        Graphics2D rg = (Graphics2D) g.create();
        rg.translate(left + c * cell + cell / 2 + fm.getAscent() / 2 - 2, top - 6);
        rg.rotate(-Math.PI / 2);
        rg.drawString(columnLabels.get(c), 0, 0);
        rg.dispose();
      }
      g.setColor(Color.GRAY);
      g.drawRect(left, top, columnLabels.size() * cell, rowLabels.size() * cell);
      g.drawString(String.format(Locale.ROOT, "max %.3f", max), 10, 38);
    } finally {
      g.dispose();
    }
    return img;
  }
}
