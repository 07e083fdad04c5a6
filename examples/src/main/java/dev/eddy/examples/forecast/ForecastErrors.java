package dev.eddy.examples.forecast;

/**
 * Mean absolute error and root mean squared error of a multi-step forecast, per horizon step and over
 * all steps, in the series' own units.
 *
 * @param mae {@code mae[h]}: mean of {@code |forecast - truth|} at step {@code h + 1} over all examples
 * @param rmse {@code rmse[h]}: square root of the mean squared error at step {@code h + 1}
 * @param overallMae the mean absolute error over every example and step
 * @param overallRmse the root mean squared error over every example and step
 */
public record ForecastErrors(double[] mae, double[] rmse, double overallMae, double overallRmse) {

  /** Errors of {@code forecast} against {@code truth}, both {@code [examples][horizon]}. */
  public static ForecastErrors of(double[][] forecast, double[][] truth) {
    if (forecast.length != truth.length || forecast.length == 0) {
      throw new IllegalArgumentException("forecast errors: need the same, non-zero number of forecasts and truths,"
          + " got " + forecast.length + " and " + truth.length);
    }
    int horizon = truth[0].length;
    double[] absSum = new double[horizon];
    double[] sqSum = new double[horizon];
    for (int b = 0; b < truth.length; b++) {
      if (forecast[b].length != horizon || truth[b].length != horizon) {
        throw new IllegalArgumentException("forecast errors: example " + b + " has " + forecast[b].length
            + " forecast steps and " + truth[b].length + " true steps, expected " + horizon);
      }
      for (int h = 0; h < horizon; h++) {
        double e = forecast[b][h] - truth[b][h];
        absSum[h] += Math.abs(e);
        sqSum[h] += e * e;
      }
    }
    double[] mae = new double[horizon];
    double[] rmse = new double[horizon];
    double absAll = 0;
    double sqAll = 0;
    for (int h = 0; h < horizon; h++) {
      mae[h] = absSum[h] / truth.length;
      rmse[h] = Math.sqrt(sqSum[h] / truth.length);
      absAll += absSum[h];
      sqAll += sqSum[h];
    }
    long count = (long) truth.length * horizon;
    return new ForecastErrors(mae, rmse, absAll / count, Math.sqrt(sqAll / count));
  }

  /** Whether these errors are below {@code baseline}'s in both measures, over all steps. */
  public boolean beats(ForecastErrors baseline) {
    return overallMae < baseline.overallMae && overallRmse < baseline.overallRmse;
  }
}
