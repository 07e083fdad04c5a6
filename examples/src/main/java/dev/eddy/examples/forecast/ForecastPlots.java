package dev.eddy.examples.forecast;

import dev.eddy.examples.support.LinePlot;
import java.util.Arrays;

/** The two charts of {@code eddy forecast}: forecast against truth, and the losses by epoch. */
final class ForecastPlots {
  private ForecastPlots() {}

  /**
   * The start of the validation part (at most {@code steps} values): the truth, the model's forecast
   * made {@code horizon} steps earlier, and the persistence forecast made at the same time (dashed).
   *
   * @param forecast the model's forecasts for the examples ending at {@code ends}, {@code [examples][horizon]}
   */
  static LinePlot forecast(ForecastWindows data, int[] ends, double[][] forecast, String modelName, int steps) {
    double[] series = data.series();
    int horizon = data.horizon();
    int from = data.trainLength();
    int to = Math.min(series.length, from + steps);
    double[] x = new double[to - from];
    double[] truth = new double[x.length];
    double[] model = new double[x.length];
    double[] persistence = new double[x.length];
    Arrays.fill(model, Double.NaN); // no forecast of this horizon lands on the first horizon-1 steps
    Arrays.fill(persistence, Double.NaN);
    for (int i = 0; i < x.length; i++) {
      x[i] = from + i;
      truth[i] = series[from + i];
    }
    for (int b = 0; b < ends.length; b++) {
      int target = ends[b] + horizon; // the last step each example forecasts
      if (target < to) {
        model[target - from] = forecast[b][horizon - 1];
        persistence[target - from] = series[ends[b]];
      }
    }
    String ahead = horizon == 1 ? "one step" : horizon + " steps";
    return new LinePlot("Validation: forecast " + ahead + " ahead vs truth", "step", "value")
        .series("truth", x, truth)
        .series(modelName + " forecast, " + ahead + " ahead", x, model)
        .dashed("persistence, " + ahead + " ahead", x, persistence);
  }

  /** Training and validation MSE by epoch (log scale), with the persistence baseline's validation MSE. */
  static LinePlot losses(double[] train, double[] validation, double baseline) {
    double[] epochs = new double[train.length];
    double[] base = new double[train.length];
    for (int e = 0; e < train.length; e++) {
      epochs[e] = e + 1;
      base[e] = baseline;
    }
    return new LinePlot("Mean squared error (scaled units)", "epoch", "MSE").logY(true)
        .series("training", epochs, train)
        .series("validation", epochs, validation)
        .dashed("persistence (validation)", epochs, base);
  }
}
