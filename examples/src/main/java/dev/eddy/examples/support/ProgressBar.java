package dev.eddy.examples.support;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A training progress line: bar, step, a loss figure and a throughput such as characters/s.
 *
 * <p>On a terminal it redraws one line in place; when the output is not a terminal (a log file,
 * a test) it prints a plain line about every tenth of the run, so logs stay readable.
 */
public final class ProgressBar {
  private final PrintWriter out;
  private final String unit;
  private final long total;
  private final boolean interactive;
  private final long start = System.nanoTime();
  private long lastPrintedTenth = -1;
  private long lastDrawNanos;

  /**
   * @param total number of steps in the run
   * @param unit what the throughput counts, e.g. {@code "chars/s"}
   */
  public ProgressBar(PrintStream out, long total, String unit) {
    this(writer(out), total, unit);
  }

  /** The same on a writer, such as a picocli command's {@code spec.commandLine().getOut()}. */
  public ProgressBar(PrintWriter out, long total, String unit) {
    this(out, total, unit, System.console() != null);
  }

  ProgressBar(PrintStream out, long total, String unit, boolean interactive) {
    this(writer(out), total, unit, interactive);
  }

  ProgressBar(PrintWriter out, long total, String unit, boolean interactive) {
    this.out = out;
    this.total = Math.max(1, total);
    this.unit = unit;
    this.interactive = interactive;
  }

  /**
   * Reports progress after {@code step} steps (1-based) with the current loss and the number of
   * units (characters, tokens, sequences) processed so far.
   */
  public void update(long step, double loss, long unitsSoFar) {
    long now = System.nanoTime();
    double seconds = (now - start) / 1e9;
    double rate = seconds > 0 ? unitsSoFar / seconds : 0;
    double fraction = Math.min(1.0, step / (double) total);
    double eta = fraction > 0 ? seconds * (1 - fraction) / fraction : 0;
    String lossText = Math.abs(loss) < 1e5 || !Double.isFinite(loss)
        ? String.format(Locale.ROOT, "%.4f", loss) : String.format(Locale.ROOT, "%.4e", loss);
    String figures = String.format(Locale.ROOT, "%3.0f%% step %d/%d loss %s %,.0f %s eta %s",
        fraction * 100, step, total, lossText, rate, unit, clock(eta));
    if (interactive) {
      if (now - lastDrawNanos < 100_000_000L && step < total) {
        return;
      }
      lastDrawNanos = now;
      int width = 30, filled = (int) Math.round(fraction * width);
      out.print("\r[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + figures + "  ");
      out.flush();
    } else {
      long tenth = (long) Math.floor(fraction * 10);
      if (tenth != lastPrintedTenth) {
        lastPrintedTenth = tenth;
        out.println(figures);
        out.flush();
      }
    }
  }

  /** Ends the progress line so that following output starts on a new line. */
  public void finish() {
    if (interactive) {
      out.println();
      out.flush();
    }
  }

  private static PrintWriter writer(PrintStream out) {
    return new PrintWriter(new OutputStreamWriter(out, out.charset()), true);
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
