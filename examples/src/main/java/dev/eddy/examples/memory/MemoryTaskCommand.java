package dev.eddy.examples.memory;

import dev.eddy.examples.memory.MemoryTask.Batch;
import dev.eddy.examples.support.DemoOptions;
import dev.eddy.examples.support.LinePlot;
import dev.eddy.examples.support.OptionChecks;
import dev.eddy.io.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code eddy adding} and {@code eddy copy} share: the options, one training run per chosen
 * cell on the same batches, the results beside the task's baseline, a summary table, a PNG of the
 * validation loss over training, and the JSON summary.
 */
abstract class MemoryTaskCommand implements Callable<Integer> {
  /** Mixed into the seed of the validation set, so it differs from every training batch. */
  private static final long VALIDATION_SEED = 0x5DEECE66DL;

  @Spec CommandSpec spec;
  @Mixin DemoOptions demo;

  @Option(names = "--cell", defaultValue = "all", paramLabel = "lstm|gru|rnn|all",
      description = "The recurrent layer; all trains LSTM, GRU and tanh RNN one after another (default: ${DEFAULT-VALUE}).")
  String cell;

  @Option(names = {"-T", "--T"}, defaultValue = "100", paramLabel = "T", description = "Sequence length / delay (default: ${DEFAULT-VALUE}).")
  int length;

  /** {@code --steps}, declared by each command with its own default. */
  int steps;

  @Option(names = "--batch", defaultValue = "64", description = "Fresh sequences per step (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--hidden", defaultValue = "64", description = "Hidden units (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--lr", defaultValue = "1e-2", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(names = "--clip", defaultValue = "1.0", paramLabel = "NORM",
      description = "Clip the gradient norm to this (default: ${DEFAULT-VALUE}).")
  double clip;

  @Option(names = "--init", defaultValue = "chrono", paramLabel = "chrono|pytorch",
      description = "Gate biases of LSTM and GRU: chrono (time scales up to the sequence length) or PyTorch's"
          + " uniform draw (default: ${DEFAULT-VALUE}).")
  String init;

  @Option(names = "--eval-every", defaultValue = "100", paramLabel = "STEPS",
      description = "Score the validation set every this many steps (default: ${DEFAULT-VALUE}).")
  int evalEvery;

  @Option(names = "--validation", defaultValue = "1000", paramLabel = "N",
      description = "Sequences in the fixed validation set (default: ${DEFAULT-VALUE}).")
  int validationSize;

  private final String taskTitle;
  private final int minLength;
  private final IntFunction<MemoryTask> taskOfLength;

  /**
   * @param taskTitle the task's name in sentences, e.g. {@code Adding problem}
   * @param minLength the shortest {@code --T} the task accepts
   * @param taskOfLength the task for a {@code --T}
   */
  MemoryTaskCommand(String taskTitle, int minLength, IntFunction<MemoryTask> taskOfLength) {
    this.taskTitle = taskTitle;
    this.minLength = minLength;
    this.taskOfLength = taskOfLength;
  }

  private String title() {
    return taskTitle + ", T = " + length;
  }

  @Override
  public Integer call() throws IOException {
    checkOptions();
    Files.createDirectories(demo.out()); // fails now, not after minutes of training
    MemoryTask task = taskOfLength.apply(length);
    PrintWriter out = spec.commandLine().getOut();
    List<CellKind> cells = cells();
    boolean chrono = init.equals("chrono");
    out.printf(Locale.ROOT, "%s: %d steps of %d fresh sequences of %d steps, validation on %d fixed sequences%n",
        title(), steps, batch, task.length(), validationSize);
    out.printf(Locale.ROOT, "baseline (%s): %s %.4f%s%n", task.baselineMeaning(), task.lossName(), task.baseline(),
        Double.isNaN(task.baselineAccuracy()) ? "" : String.format(Locale.ROOT, ", accuracy %.1f%%",
            100 * task.baselineAccuracy()));
    out.println("(the progress line's loss is the validation " + task.lossName() + ")");
    out.flush();
    Batch validation = task.sample(new SplittableRandom(demo.seed() ^ VALIDATION_SEED), validationSize);
    MemoryRun.Settings settings = new MemoryRun.Settings(steps, batch, lr, clip, evalEvery);
    List<MemoryRun.Result> results = new ArrayList<>();
    for (CellKind kind : cells) {
      boolean gated = kind != CellKind.RNN;
      MemoryModel model = new MemoryModel(kind.build(task.inputSize(), hidden, chrono ? task.length() : 0, demo.seed()),
          task.outputSize(), demo.seed() + 1);
      out.printf(Locale.ROOT, "%n== %s: hidden %d, %,d parameters%s%n", kind.label, hidden, model.numParameters(),
          !gated ? "" : chrono ? ", chrono-initialised gate biases (time scales 1 to " + task.length() + " steps)"
              : ", PyTorch's initialisation");
      out.flush();
      MemoryRun.Result r = MemoryRun.train(task, kind, model, validation, settings, demo.seed(), out);
      results.add(r);
      out.println(resultLine(task, r));
      out.flush();
    }
    out.println();
    printTable(out, task, results);
    Path plot = demo.out().resolve(task.name() + "-validation.png");
    writePlot(task, results, plot);
    out.println("plot: " + plot);
    if (demo.json()) {
      out.println(Json.write(summary(task, results, plot)));
    }
    out.flush();
    return 0;
  }

  private void checkOptions() {
    OptionChecks check = new OptionChecks(spec);
    if (!List.of("lstm", "gru", "rnn", "all").contains(cell)) {
      throw check.bad("--cell must be lstm, gru, rnn or all, got '" + cell + "'");
    }
    if (!init.equals("chrono") && !init.equals("pytorch")) {
      throw check.bad("--init must be chrono or pytorch, got '" + init + "'");
    }
    check.atLeast("--T", length, minLength);
    check.atLeast("--steps", steps, 1);
    check.atLeast("--batch", batch, 1);
    check.atLeast("--hidden", hidden, 1);
    check.positive("--lr", lr);
    check.positive("--clip", clip);
    check.atLeast("--eval-every", evalEvery, 1);
    check.atLeast("--validation", validationSize, 1);
    if (Files.exists(demo.out()) && !Files.isDirectory(demo.out())) {
      throw check.bad("--out: " + demo.out() + " is a file, not a folder");
    }
  }

  private List<CellKind> cells() {
    return cell.equals("all") ? List.of(CellKind.values())
        : List.of(CellKind.valueOf(cell.toUpperCase(Locale.ROOT)));
  }

  private static String resultLine(MemoryTask task, MemoryRun.Result r) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
        "%s: validation %s %.4f after %d steps (baseline, %s: %.4f)", r.cell().label, task.lossName(),
        r.last().loss(), r.steps(), task.baselineMeaning(), task.baseline()));
    if (!Double.isNaN(r.last().accuracy())) {
      line.append(String.format(Locale.ROOT, "; copied symbols right: %.1f%% (baseline %.1f%%)",
          100 * r.last().accuracy(), 100 * task.baselineAccuracy()));
    }
    if (!Double.isNaN(task.goal())) {
      int first = r.firstStepBelow(task.goal());
      line.append(first < 0 ? String.format(Locale.ROOT, "; never below %.2f", task.goal())
          : String.format(Locale.ROOT, "; below %.2f from step %d", task.goal(), first));
    }
    line.append(String.format(Locale.ROOT, "; %.0f s, %.1f ms/step", r.seconds(), r.msPerStep()));
    return line.toString();
  }

  private static void printTable(PrintWriter out, MemoryTask task, List<MemoryRun.Result> results) {
    boolean accuracy = !Double.isNaN(task.baselineAccuracy());
    boolean goal = !Double.isNaN(task.goal());
    String lossHeader = "validation " + task.lossName();
    String lossColumn = " %" + lossHeader.length() + ".4f";
    out.print(String.format(Locale.ROOT, "%-10s %s", "cell", lossHeader)
        + (accuracy ? String.format(Locale.ROOT, " %9s", "accuracy") : "")
        + (goal ? String.format(Locale.ROOT, " %12s", "below " + task.goal()) : ""));
    out.println(String.format(Locale.ROOT, " %8s %6s", "ms/step", "time"));
    for (MemoryRun.Result r : results) {
      out.print(String.format(Locale.ROOT, "%-10s" + lossColumn, r.cell().label, r.last().loss())
          + (accuracy ? String.format(Locale.ROOT, " %8.1f%%", 100 * r.last().accuracy()) : ""));
      if (goal) {
        int first = r.firstStepBelow(task.goal());
        out.print(String.format(Locale.ROOT, " %12s", first < 0 ? "never" : "step " + first));
      }
      out.println(String.format(Locale.ROOT, " %8.1f %5.0fs", r.msPerStep(), r.seconds()));
    }
    out.println(String.format(Locale.ROOT, "%-10s" + lossColumn, "baseline", task.baseline())
        + (accuracy ? String.format(Locale.ROOT, " %8.1f%%", 100 * task.baselineAccuracy()) : ""));
  }

  private void writePlot(MemoryTask task, List<MemoryRun.Result> results, Path file) throws IOException {
    LinePlot plot = new LinePlot(title() + ": validation " + task.lossName(), "training step",
        "validation " + task.lossName()).logY(true);
    for (MemoryRun.Result r : results) {
      plot.series(r.cell().label, r.evalSteps(), r.curve());
    }
    plot.dashed("baseline (" + task.baselineMeaning() + ")", new double[] {0, steps},
        new double[] {task.baseline(), task.baseline()});
    plot.write(file);
  }

  private Map<String, Object> summary(MemoryTask task, List<MemoryRun.Result> results, Path plot) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("task", task.name());
    s.put("T", length);
    s.put("steps", steps);
    s.put("batch", batch);
    s.put("hidden", hidden);
    s.put("lr", lr);
    s.put("init", init);
    s.put("seed", demo.seed());
    s.put("loss", task.lossName());
    s.put("baseline", task.baseline());
    List<Object> runs = new ArrayList<>();
    for (MemoryRun.Result r : results) {
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("cell", r.cell().option);
      run.put("validation_loss", r.last().loss());
      if (!Double.isNaN(r.last().accuracy())) {
        run.put("accuracy", r.last().accuracy());
      }
      if (!Double.isNaN(task.goal())) {
        run.put("first_step_below_goal", r.firstStepBelow(task.goal()));
      }
      run.put("parameters", r.parameters());
      run.put("ms_per_step", r.msPerStep());
      run.put("seconds", r.seconds());
      runs.add(run);
    }
    s.put("cells", runs);
    if (!Double.isNaN(task.goal())) {
      s.put("goal", task.goal());
    }
    s.put("plot", plot.toString());
    return s;
  }
}
