package dev.eddy.examples.gradients;

import dev.eddy.examples.support.LinePlot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The tables and the plot of the study: ‖dL/dh_t‖ over t, and the Jacobian product behind it. */
final class StudyReport {
  private StudyReport() {}

  /** Rows t = T, T − every, ..., 0 (always including 0), one column per series, then each series' gain. */
  static void printNorms(PrintWriter pw, List<GradientSeries> series, int every) {
    StringBuilder head = new StringBuilder(String.format("%6s", "t"));
    for (GradientSeries s : series) {
      head.append(String.format("%11s", s.name()));
    }
    pw.println(head);
    for (int t = series.getFirst().last(); ; t = Math.max(0, t - every)) {
      StringBuilder row = new StringBuilder(String.format("%6d", t));
      for (GradientSeries s : series) {
        row.append(String.format(Locale.ROOT, "%11.2e", s.norms()[t]));
      }
      pw.println(row);
      if (t == 0) {
        break;
      }
    }
    StringBuilder gains = new StringBuilder(String.format("%6s", "gain"));
    for (GradientSeries s : series) {
      gains.append(String.format(Locale.ROOT, "%11.3f", s.gain()));
    }
    pw.println(gains);
    pw.println("gain: the mean factor per step back, (|dL/dh_0| / |dL/dh_T|)^(1/T): below 1 the gradient vanishes,"
        + " above 1 it explodes.");
  }

  /** The Jacobian product of each tanh RNN: why its gain is what it is, and that it is autograd's gradient. */
  static void printJacobians(PrintWriter pw, List<JacobianCheck> checks, double agreement) {
    pw.printf("%nWhy, for the tanh RNN: h_t = tanh(x_t W_ih^T + h_{t-1} W_hh^T + b), so dh_t/dh_{t-1} = J_t ="
        + " diag(1 - h_t^2) W_hh%n  and dL/dh_t = (J_T ... J_{t+1})^T dL/dh_T: one factor per step back."
        + " A factor stretches a vector spread over all%n  units by about rho * rms(1 - h_t^2) (for an orthogonal"
        + " W_hh), and no vector by more than sigma_max(W_hh) * max(1 - h_t^2).%n");
    pw.printf("%8s %9s %10s %11s %9s %9s%n", "radius", "rho", "sigma_max", "rms(1-h^2)", "rho*rms", "gain");
    for (JacobianCheck c : checks) {
      pw.printf(Locale.ROOT, "%8s %9.4f %10.4f %11.4f %9.4f %9.4f%n", c.setRadius(), c.radius(), c.sigmaMax(),
          c.rmsDerivative(), c.radius() * c.rmsDerivative(), c.gain());
    }
    pw.printf("rho: spectral radius computed from W_hh (Gelfand's formula); sigma_max: largest singular value"
        + " (power iteration);%n  rms(1-h^2): geometric mean over t of the RMS of tanh' along the run.%n");

    pw.printf("%nThe product multiplied out by hand (tensors, no autograd) against autograd, at t = 0 and over all"
        + " t;%n  |dL/dh_0| <= |J_T ... J_1| |dL/dh_T| <= sigma_max^T |dL/dh_T|:%n");
    pw.printf("%8s %14s %14s %14s %14s %13s%n", "radius", "autograd", "product", "|J..J| bound", "sigma^T bound",
        "max rel diff");
    for (JacobianCheck c : checks) {
      pw.printf(Locale.ROOT, "%8s %14.6e %14.6e %14.3e %14.3e %13.1e%n", c.setRadius(), c.autograd0(),
          c.product0(), c.productBound0(), c.sigmaBound0(), c.maxRelDiff());
    }
    double worst = worstDifference(checks);
    pw.printf(Locale.ROOT, "%s: the Jacobian product equals autograd's dL/dh_t for every t and radius to %.1e"
        + " (limit %.0e)%n", worst <= agreement ? "OK" : "FAIL", worst, agreement);
  }

  /** The largest {@link JacobianCheck#maxRelDiff()}; NaN counts as infinite. */
  static double worstDifference(List<JacobianCheck> checks) {
    double worst = 0;
    for (JacobianCheck c : checks) {
      worst = Double.isNaN(c.maxRelDiff()) ? Double.POSITIVE_INFINITY : Math.max(worst, c.maxRelDiff());
    }
    return worst;
  }

  /** ‖dL/dh_t‖ over t for every series, log scale. */
  static void plot(List<GradientSeries> series, Path file) throws IOException {
    int last = series.getFirst().last();
    LinePlot plot = new LinePlot("|dL/dh_t| for a loss at t = " + last, "t", "|dL/dh_t|").logY(true);
    double[] ts = new double[last + 1];
    for (int t = 0; t <= last; t++) {
      ts[t] = t;
    }
    for (GradientSeries s : series) {
      plot.series(s.name(), ts, s.norms());
    }
    plot.write(file);
  }
}
