package dev.eddy.examples.forecast;

import dev.eddy.autograd.Losses;
import dev.eddy.autograd.Var;
import dev.eddy.examples.support.DemoOptions;
import dev.eddy.examples.support.EpochLoop;
import dev.eddy.examples.support.MiniBatches;
import dev.eddy.examples.support.OptionChecks;
import dev.eddy.examples.support.Trainer;
import dev.eddy.io.Json;
import dev.eddy.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code eddy forecast}: trains an LSTM or GRU to forecast the next {@code --horizon} values of a
 * series from the last {@code --window}, and compares it with the persistence baseline on the
 * validation part. See {@link ForecastWindows} for the split and scaling, {@link Forecaster} for the
 * model (direct multi-step head).
 */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Forecasts a time series with an LSTM or GRU: the next --horizon values at once from the last --window"
            + " (a direct multi-output head, not iterated one-step forecasts).",
        "The series is a synthetic hourly signal (daily and weekly cycles, trend, noise; seeded) or a column"
            + " of a CSV file. Its first part trains, its last --val-fraction validates, in time order; the scale"
            + " is fitted on the training part only.",
        "Reports MAE and RMSE per horizon step beside the persistence baseline (repeat the last value), says"
            + " whether the model beats it, and writes forecast.png (validation stretch: truth, forecast,"
            + " baseline) and loss.png to --out."})
public final class ForecastCommand implements Callable<Integer> {
  /** The validation stretch drawn in forecast.png is at most this many steps. */
  static final int PLOT_STEPS = 400;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--cell", defaultValue = "lstm", paramLabel = "lstm|gru", description = "Recurrent cell (default: ${DEFAULT-VALUE}).")
  String cell;

  @Option(names = "--horizon", defaultValue = "12", paramLabel = "H", description = "Steps forecast at once (1: one-step; default: ${DEFAULT-VALUE}).")
  int horizon;

  @Option(names = "--window", defaultValue = "48", paramLabel = "W", description = "Past values the model reads (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--epochs", defaultValue = "20", description = "Passes over the training windows (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--hidden", defaultValue = "32", description = "Hidden units per layer (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--layers", defaultValue = "1", description = "Stacked recurrent layers (default: ${DEFAULT-VALUE}).")
  int layers;

  @Option(names = "--batch", defaultValue = "32", description = "Windows per training step (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--lr", defaultValue = "0.003", description = "Adam learning rate, annealed to 0 by a cosine (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(names = "--val-fraction", defaultValue = "0.2", paramLabel = "F", description = "Last part of the series used for validation, in [0.05, 0.5] (default: ${DEFAULT-VALUE}).")
  double validationFraction;

  @Option(names = "--length", defaultValue = "2000", paramLabel = "N", description = "Values of the synthetic series (default: ${DEFAULT-VALUE}; ignored with --csv).")
  int length;

  @Option(names = "--csv", paramLabel = "FILE", description = "Forecast a column of this CSV file (header row, comma-separated) instead of the synthetic series.")
  Path csv;

  @Option(names = "--column", paramLabel = "NAME", description = "The numeric column of --csv to forecast.")
  String column;

  @Mixin DemoOptions demo;

  /** Losses by epoch, in the network's (scaled) units, and the training time. */
  private record History(double[] train, double[] validation, double seconds) {}

  @Override
  public Integer call() throws IOException {
    Forecaster.Cell cellType = checkOptions();
    PrintWriter stdout = spec.commandLine().getOut();
    String source = csv != null ? csv + " column '" + column + "'"
        : "synthetic hourly series (daily and weekly cycles, trend, noise sd " + SeasonalSeries.NOISE + ")";
    ForecastWindows data;
    try {
      double[] series = csv != null ? CsvColumn.read(csv, column) : SeasonalSeries.generate(length, demo.seed());
      data = ForecastWindows.split(series, window, horizon, validationFraction);
    } catch (NoSuchFileException e) {
      return fail(csv + ": no such file");
    } catch (CsvColumn.CsvException e) {
      return fail(e.getMessage());
    } catch (CharacterCodingException e) {
      return fail(csv + ": not UTF-8 text");
    } catch (IOException e) {
      return fail(csv + ": " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
    } catch (IllegalArgumentException e) { // too short or constant
      return fail((csv != null ? source + ": " : "") + e.getMessage());
    }
    int[] validationEnds = data.validationEnds();
    stdout.printf(Locale.ROOT, "series: %s, %d values: %d train, %d validation (%d and %d windows of %d -> %d)%n",
        source, data.series().length, data.trainLength(), data.series().length - data.trainLength(),
        data.trainEnds().length, validationEnds.length, window, horizon);

    Forecaster model = new Forecaster(cellType, hidden, layers, horizon, demo.seed());
    History history = train(model, data, stdout);

    double[][] forecast = predict(model, data, validationEnds);
    ForecastErrors modelErrors = ForecastErrors.of(forecast, data.truth(validationEnds));
    ForecastErrors baselineErrors = ForecastErrors.of(data.persistence(validationEnds), data.truth(validationEnds));
    printTable(stdout, modelErrors, baselineErrors, validationEnds.length);
    boolean beats = modelErrors.beats(baselineErrors);
    stdout.println(verdict(beats, modelErrors, baselineErrors));
    if (csv == null) {
      stdout.printf(Locale.ROOT, "(the noise alone, which no forecaster can predict, gives MAE %.4f and RMSE %.4f)%n",
          SeasonalSeries.NOISE * Math.sqrt(2 / Math.PI), SeasonalSeries.NOISE);
    }

    Files.createDirectories(demo.out());
    Path forecastPng = demo.out().resolve("forecast.png");
    Path lossPng = demo.out().resolve("loss.png");
    String name = cell.toLowerCase(Locale.ROOT);
    ForecastPlots.forecast(data, validationEnds, forecast, name, PLOT_STEPS).write(forecastPng);
    ForecastPlots.losses(history.train(), history.validation(), scaledMse(data, validationEnds,
        data.persistence(validationEnds))).write(lossPng);
    stdout.println("wrote " + forecastPng + " and " + lossPng);
    if (csv == null) {
      Path seriesCsv = demo.out().resolve("series.csv");
      writeCsv(seriesCsv, data.series());
      stdout.println("wrote " + seriesCsv + " (the series; forecast it again with --csv " + seriesCsv
          + " --column value)");
    }
    if (demo.json()) {
      stdout.println(Json.write(summary(source, data, modelErrors, baselineErrors, beats, history.seconds(),
          forecastPng)));
    }
    stdout.flush();
    return 0;
  }

  /** Trains {@code model} on the training windows, with a progress bar; the validation loss after each epoch. */
  private History train(Forecaster model, ForecastWindows data, PrintWriter stdout) {
    int[] trainEnds = data.trainEnds();
    int[] validationEnds = data.validationEnds();
    MiniBatches batches = new MiniBatches(trainEnds.length, batch, demo.seed() + 2);
    long totalSteps = (long) epochs * batches.batchesPerEpoch();
    Trainer trainer = Trainer.adamCosine(model, lr, totalSteps, 1.0);
    stdout.printf(Locale.ROOT, "model: %s, %d layer(s) of %d, direct %d-step head, %d parameters; %d epochs of %d steps%n",
        cell.toLowerCase(Locale.ROOT), layers, hidden, horizon, parameterCount(model), epochs,
        batches.batchesPerEpoch());
    double[] trainLoss = new double[epochs];
    double[] validationLoss = new double[epochs];
    double seconds = EpochLoop.run(stdout, "windows/s", batches, epochs,
        rows -> {
          int[] ends = pick(trainEnds, rows);
          return trainer.step(() ->
              Losses.mse(model.forward(Var.constant(data.inputs(ends))), Var.constant(data.targets(ends))));
        },
        (epoch, meanLoss) -> {
          trainLoss[epoch] = meanLoss;
          validationLoss[epoch] = scaledMse(data, validationEnds, predict(model, data, validationEnds));
        });
    stdout.printf(Locale.ROOT, "trained in %.1f s (%.1f ms per step); validation MSE (scaled) %.4f, persistence %.4f%n",
        seconds, 1e3 * seconds / totalSteps, validationLoss[epochs - 1],
        scaledMse(data, validationEnds, data.persistence(validationEnds)));
    return new History(trainLoss, validationLoss, seconds);
  }

  private Forecaster.Cell checkOptions() {
    OptionChecks check = new OptionChecks(spec);
    Forecaster.Cell type = switch (cell.toLowerCase(Locale.ROOT)) {
      case "lstm" -> Forecaster.Cell.LSTM;
      case "gru" -> Forecaster.Cell.GRU;
      default -> throw check.bad("--cell must be lstm or gru, got '" + cell + "'");
    };
    check.atLeast("--horizon", horizon, 1);
    check.atLeast("--window", window, 1);
    check.atLeast("--epochs", epochs, 1);
    check.atLeast("--hidden", hidden, 1);
    check.atLeast("--layers", layers, 1);
    check.atLeast("--batch", batch, 1);
    check.positive("--lr", lr);
    check.inRange("--val-fraction", validationFraction, 0.05, 0.5);
    if (csv == null) {
      check.atLeast("--length", length, 1);
      if (column != null) {
        throw check.bad("--column needs --csv FILE");
      }
    } else if (column == null) {
      throw check.bad("--csv needs --column NAME (the numeric column to forecast)");
    }
    return type;
  }

  /** A problem with the data: one line on stderr, status 2. */
  private int fail(String message) {
    spec.commandLine().getErr().println("eddy forecast: " + message);
    spec.commandLine().getErr().flush();
    return 2;
  }

  private static int[] pick(int[] values, int[] rows) {
    int[] picked = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      picked[i] = values[rows[i]];
    }
    return picked;
  }

  private static long parameterCount(Forecaster model) {
    return model.parameters().stream().mapToLong(Var::numel).sum();
  }

  /** The model's forecasts for the examples ending at {@code ends}, in the series' units (no tape: inference). */
  private static double[][] predict(Forecaster model, ForecastWindows data, int[] ends) {
    double[][] forecast = new double[ends.length][];
    int chunk = 256;
    for (int from = 0; from < ends.length; from += chunk) {
      int[] part = Arrays.copyOfRange(ends, from, Math.min(ends.length, from + chunk));
      Tensor outputs = model.forward(Var.constant(data.inputs(part))).value();
      System.arraycopy(data.toValues(outputs, part), 0, forecast, from, part.length);
    }
    return forecast;
  }

  /** Mean squared error in the network's units (series units / scale), comparable with the training loss. */
  private static double scaledMse(ForecastWindows data, int[] ends, double[][] forecast) {
    double rmse = ForecastErrors.of(forecast, data.truth(ends)).overallRmse() / data.scale();
    return rmse * rmse;
  }

  private void printTable(PrintWriter w, ForecastErrors model, ForecastErrors baseline, int examples) {
    w.printf(Locale.ROOT, "validation error over %d windows (series units):%n", examples);
    w.printf("  %6s  %10s  %10s  %12s  %12s%n", "step", "model MAE", "model RMSE", "persist. MAE", "persist. RMSE");
    int every = horizon <= 24 ? 1 : (horizon + 11) / 12;
    for (int h = 0; h < horizon; h++) {
      if (h == 0 || (h + 1) % every == 0 || h == horizon - 1) {
        w.printf(Locale.ROOT, "  %6d  %10.4f  %10.4f  %12.4f  %12.4f%n", h + 1, model.mae()[h], model.rmse()[h],
            baseline.mae()[h], baseline.rmse()[h]);
      }
    }
    w.printf(Locale.ROOT, "  %6s  %10.4f  %10.4f  %12.4f  %12.4f%n", "all", model.overallMae(), model.overallRmse(),
        baseline.overallMae(), baseline.overallRmse());
  }

  static String verdict(boolean beats, ForecastErrors model, ForecastErrors baseline) {
    String figures = String.format(Locale.ROOT, "MAE %.4f vs %.4f (%+.0f%%), RMSE %.4f vs %.4f (%+.0f%%)",
        model.overallMae(), baseline.overallMae(), 100 * (model.overallMae() / baseline.overallMae() - 1),
        model.overallRmse(), baseline.overallRmse(), 100 * (model.overallRmse() / baseline.overallRmse() - 1));
    return beats
        ? "the model beats the persistence baseline: " + figures
        : "the model does NOT beat the persistence baseline: " + figures;
  }

  private static void writeCsv(Path file, double[] series) throws IOException {
    StringBuilder text = new StringBuilder("step,value\n");
    for (int t = 0; t < series.length; t++) {
      text.append(t).append(',').append(series[t]).append('\n');
    }
    Files.writeString(file, text);
  }

  private Map<String, Object> summary(String source, ForecastWindows data, ForecastErrors model,
      ForecastErrors baseline, boolean beats, double seconds, Path plot) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("command", "forecast");
    s.put("series", source);
    s.put("cell", cell.toLowerCase(Locale.ROOT));
    s.put("window", window);
    s.put("horizon", horizon);
    s.put("epochs", epochs);
    s.put("train_windows", data.trainEnds().length);
    s.put("validation_windows", data.validationEnds().length);
    s.put("mae", model.overallMae());
    s.put("rmse", model.overallRmse());
    s.put("persistence_mae", baseline.overallMae());
    s.put("persistence_rmse", baseline.overallRmse());
    s.put("beats_persistence", beats);
    s.put("mae_per_step", model.mae());
    s.put("persistence_mae_per_step", baseline.mae());
    s.put("seconds", seconds);
    s.put("plot", plot.toString());
    return s;
  }
}
