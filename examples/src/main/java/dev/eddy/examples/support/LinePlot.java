package dev.eddy.examples.support;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A small line chart written to PNG: several named series over a shared x axis, optional
 * logarithmic y axis, axis ticks and a legend. Enough for loss curves, gradient norms over time
 * and forecasts against truth; not a plotting library.
 *
 * <pre>{@code
 * new LinePlot("Gradient norm over time", "t", "|dL/dh_t|").logY(true)
 *     .series("tanh RNN, rho=0.9", ts, norms)
 *     .write(Path.of("gradients.png"));
 * }</pre>
 */
public final class LinePlot {
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    new Color(0xbcbd22), new Color(0x17becf)
  };

  private record Series(String name, double[] x, double[] y, boolean dashed) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private boolean logY;
  private int width = 900;
  private int height = 540;

  public LinePlot(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /** Plots y on a base-10 logarithmic axis; non-positive values are left out. */
  public LinePlot logY(boolean on) {
    this.logY = on;
    return this;
  }

  public LinePlot size(int width, int height) {
    if (width < 200 || height < 150) {
      throw new IllegalArgumentException("plot size must be at least 200x150, got " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
    return this;
  }

  /** Adds a solid line. {@code x} and {@code y} must have the same length. */
  public LinePlot series(String name, double[] x, double[] y) {
    return add(name, x, y, false);
  }

  /** Adds a dashed line (for baselines and references). */
  public LinePlot dashed(String name, double[] x, double[] y) {
    return add(name, x, y, true);
  }

  private LinePlot add(String name, double[] x, double[] y, boolean dashed) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("series '" + name + "': x has " + x.length
          + " points but y has " + y.length);
    }
    series.add(new Series(name, x.clone(), y.clone(), dashed));
    return this;
  }

  /** Renders the chart and writes it as PNG, creating parent folders as needed. */
  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    ImageIO.write(render(), "png", file.toFile());
  }

  /** Renders the chart. */
  public BufferedImage render() {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      draw(g);
    } finally {
      g.dispose();
    }
    return img;
  }

  private double ty(double y) {
    return logY ? Math.log10(y) : y;
  }

  private boolean plottable(double x, double y) {
    return Double.isFinite(x) && Double.isFinite(y) && (!logY || y > 0);
  }

  private void draw(Graphics2D g) {
    double xMin = Double.POSITIVE_INFINITY, xMax = Double.NEGATIVE_INFINITY;
    double yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.x.length; i++) {
        if (plottable(s.x[i], s.y[i])) {
          xMin = Math.min(xMin, s.x[i]);
          xMax = Math.max(xMax, s.x[i]);
          yMin = Math.min(yMin, ty(s.y[i]));
          yMax = Math.max(yMax, ty(s.y[i]));
        }
      }
    }
    if (xMin > xMax) { // nothing to plot
      xMin = 0;
      xMax = 1;
      yMin = 0;
      yMax = 1;
    }
    if (xMax == xMin) {
      xMax = xMin + 1;
    }
    if (yMax == yMin) {
      yMin -= 0.5;
      yMax += 0.5;
    }
    double yPad = (yMax - yMin) * 0.05;
    yMin -= yPad;
    yMax += yPad;

    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    g.setFont(font);
    FontMetrics fm = g.getFontMetrics();
    int left = 80, right = 20, top = 40, bottom = 55;
    int pw = width - left - right, ph = height - top - bottom;

    // title and axis labels
    g.setColor(Color.BLACK);
    g.setFont(font.deriveFont(Font.BOLD, 15f));
    g.drawString(title, left + (pw - g.getFontMetrics().stringWidth(title)) / 2, 24);
    g.setFont(font);
    g.drawString(xLabel, left + (pw - fm.stringWidth(xLabel)) / 2, height - 12);
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.rotate(-Math.PI / 2);
    String yText = logY ? yLabel + " (log scale)" : yLabel;
    rotated.drawString(yText, -(top + (ph + fm.stringWidth(yText)) / 2), 18);
    rotated.dispose();

    // grid and ticks
    g.setStroke(new BasicStroke(1f));
    for (double v : Ticks.nice(xMin, xMax, 8)) {
      int px = left + (int) Math.round((v - xMin) / (xMax - xMin) * pw);
      g.setColor(new Color(0xE6E6E6));
      g.drawLine(px, top, px, top + ph);
      g.setColor(Color.DARK_GRAY);
      String label = Ticks.format(v);
      g.drawString(label, px - fm.stringWidth(label) / 2, top + ph + 18);
    }
    for (double v : logY ? Ticks.logNice(yMin, yMax) : Ticks.nice(yMin, yMax, 7)) {
      int py = top + ph - (int) Math.round((v - yMin) / (yMax - yMin) * ph);
      g.setColor(new Color(0xE6E6E6));
      g.drawLine(left, py, left + pw, py);
      g.setColor(Color.DARK_GRAY);
      String label = Ticks.format(logY ? Math.pow(10, v) : v);
      g.drawString(label, left - 8 - fm.stringWidth(label), py + fm.getAscent() / 2 - 1);
    }
    g.setColor(Color.BLACK);
    g.drawRect(left, top, pw, ph);

    // lines
    g.setClip(left, top, pw + 1, ph + 1);
    for (int si = 0; si < series.size(); si++) {
      Series s = series.get(si);
      g.setColor(PALETTE[si % PALETTE.length]);
      g.setStroke(stroke(s));
      int prevX = 0, prevY = 0;
      boolean havePrev = false;
      for (int i = 0; i < s.x.length; i++) {
        if (!plottable(s.x[i], s.y[i])) {
          havePrev = false;
          continue;
        }
        int px = left + (int) Math.round((s.x[i] - xMin) / (xMax - xMin) * pw);
        int py = top + ph - (int) Math.round((ty(s.y[i]) - yMin) / (yMax - yMin) * ph);
        if (havePrev) {
          g.drawLine(prevX, prevY, px, py);
        } else if (s.x.length == 1 || i + 1 < s.x.length && !plottable(s.x[i + 1], s.y[i + 1])) {
          g.fillOval(px - 2, py - 2, 5, 5);
        }
        prevX = px;
        prevY = py;
        havePrev = true;
      }
    }
    g.setClip(null);

    // legend, top right inside the plot
    if (!series.isEmpty()) {
      int lw = 0;
      for (Series s : series) {
        lw = Math.max(lw, fm.stringWidth(s.name));
      }
      int lx = left + pw - lw - 48, ly = top + 8, lh = series.size() * 18 + 8;
      g.setStroke(new BasicStroke(1f));
      g.setColor(new Color(255, 255, 255, 230));
      g.fillRect(lx, ly, lw + 40, lh);
      g.setColor(Color.GRAY);
      g.drawRect(lx, ly, lw + 40, lh);
      for (int si = 0; si < series.size(); si++) {
        int y = ly + 16 + si * 18;
        g.setColor(PALETTE[si % PALETTE.length]);
        g.setStroke(stroke(series.get(si)));
        g.drawLine(lx + 6, y - 4, lx + 28, y - 4);
        g.setColor(Color.BLACK);
        g.drawString(series.get(si).name, lx + 34, y);
      }
    }
  }

  private static BasicStroke stroke(Series s) {
    return s.dashed
        ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {7f, 5f}, 0f)
        : new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  }

  /** Tick positions at 1, 2 or 5 times a power of ten. */
  static final class Ticks {
    private Ticks() {}

    static List<Double> nice(double lo, double hi, int target) {
      double raw = (hi - lo) / Math.max(1, target);
      double mag = Math.pow(10, Math.floor(Math.log10(raw)));
      double step = mag;
      for (double m : new double[] {1, 2, 5, 10}) {
        step = m * mag;
        if (raw <= step) {
          break;
        }
      }
      List<Double> ticks = new ArrayList<>();
      for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
        ticks.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
      }
      return ticks;
    }

    /**
     * Ticks for a log axis spanning {@code [lo, hi]} in log10 units, returned in log10 units: at
     * 1, 2 and 5 times a power of ten over a short span, at powers of ten (every n-th when there are
     * many) over a long one.
     */
    static List<Double> logNice(double lo, double hi) {
      double span = hi - lo;
      double[] mantissas = span < 2.5 ? new double[] {1, 2, 5} : new double[] {1};
      int every = Math.max(1, (int) Math.ceil(span / 8));
      List<Double> ticks = new ArrayList<>();
      for (int k = (int) Math.floor(lo); k <= (int) Math.ceil(hi); k++) {
        if (Math.floorMod(k, every) != 0) {
          continue;
        }
        for (double m : mantissas) {
          double v = Math.log10(m) + k;
          if (v >= lo - 1e-9 && v <= hi + 1e-9) {
            ticks.add(v);
          }
        }
      }
      return ticks.size() >= 2 ? ticks : nice(lo, hi, 5);
    }

    static String format(double v) {
      if (v == Math.rint(v) && Math.abs(v) < 1e7) {
        return String.valueOf((long) v);
      }
      double a = Math.abs(v);
      if (a >= 1e-3 && a < 1e7) {
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+$", "");
      }
      return String.format(Locale.ROOT, "%.1e", v);
    }
  }
}
