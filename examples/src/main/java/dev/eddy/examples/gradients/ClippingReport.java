package dev.eddy.examples.gradients;

import dev.eddy.examples.support.LinePlot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** The table, summary lines and plot of the two runs of the {@link ClippingExperiment}. */
final class ClippingReport {
  private ClippingReport() {}

  /** Side by side at steps 1-5, 10, 20, 50, 100, ..., the last, and the first whose loss was not finite. */
  static void print(PrintWriter pw, ClippingExperiment.Curve plain, ClippingExperiment.Curve clipped, String clipName) {
    pw.printf("%6s | %-35s | %-35s%n", "", "no clipping", clipName);
    pw.printf("%6s | %10s %10s %5s %7s | %10s %10s %5s %7s%n", "step", "loss", "|grad|", "sat", "|W_hh|", "loss",
        "|grad|", "sat", "|W_hh|");
    for (int step : reportedSteps(plain.loss().length, plain.firstNonFinite())) {
      pw.printf(Locale.ROOT, "%6d | %s | %s%n", step, columns(plain, step), columns(clipped, step));
    }
    pw.printf("|grad|: total gradient norm before clipping; sat: share of units with |h_T| > 0.99 (tanh' < 0.02);"
        + " |W_hh| after the step; -: the run had stopped.%n");
    pw.printf("no clipping: %s%n", outcome(plain));
    pw.printf("%s: %s%n", clipName, outcome(clipped));
  }

  static void plot(ClippingExperiment.Curve plain, ClippingExperiment.Curve clipped, String clipName, String title,
      Path file) throws IOException {
    int steps = plain.loss().length;
    double[] x = new double[steps];
    for (int i = 0; i < steps; i++) {
      x[i] = i + 1;
    }
    new LinePlot(title, "step", "loss (MSE)").logY(true)
        .series("no clipping", x, plain.loss())
        .series(clipName, x, clipped.loss())
        .dashed("answer 0", new double[] {1, steps}, new double[] {1, 1})
        .write(file);
  }

  static List<Integer> reportedSteps(int steps, int firstNonFinite) {
    TreeSet<Integer> out = new TreeSet<>();
    for (int s = 1; s <= Math.min(5, steps); s++) {
      out.add(s);
    }
    for (long decade = 10; decade <= steps; decade *= 10) {
      for (long m : new long[] {1, 2, 5}) {
        if (decade * m <= steps) {
          out.add((int) (decade * m));
        }
      }
    }
    out.add(steps);
    if (firstNonFinite > 0) {
      out.add(firstNonFinite);
    }
    return List.copyOf(out);
  }

  private static String columns(ClippingExperiment.Curve c, int step) {
    int i = step - 1;
    if (Double.isNaN(c.loss()[i])) {
      return String.format("%10s %10s %5s %7s", "-", "-", "-", "-");
    }
    double w = c.weightNorm()[step];
    return String.format(Locale.ROOT, "%10.3e %10.3e %4.0f%% %7s", c.loss()[i], c.gradNorm()[i],
        100 * c.saturated()[i], Double.isNaN(w) ? "-" : String.format(Locale.ROOT, "%.2g", w));
  }

  private static String outcome(ClippingExperiment.Curve c) {
    int bad = c.firstNonFinite();
    String loss = bad > 0 ? "the loss is " + c.loss()[bad - 1] + " at step " + bad + " (the run stops there)"
        : String.format(Locale.ROOT, "mean loss over the last 10 steps %.3f", c.meanOfLast(10));
    return String.format(Locale.ROOT, "%s; |W_hh| %.3g at the start, %.3g after step 1; largest gradient norm %.3g",
        loss, c.weightNorm()[0], c.weightNorm()[1], c.largestGradNorm());
  }
}
