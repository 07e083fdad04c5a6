package dev.eddy.examples;

import dev.eddy.autograd.Losses;
import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.io.Json;
import dev.eddy.nn.Linear;
import dev.eddy.nn.recurrent.LSTM;
import dev.eddy.nn.recurrent.RecurrentOutput;
import dev.eddy.nn.recurrent.RecurrentState;
import dev.eddy.optim.Adam;
import dev.eddy.optim.GradClipping;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eddy bench memory}: the heap that training on long sequences and step-by-step inference
 * need. Truncated BPTT over {@code T} steps in chunks keeps one chunk's history at a time, so its
 * memory should not depend on {@code T}; full BPTT keeps all {@code T} steps (shown for contrast);
 * step-by-step inference keeps none. One JSON line per run with the peak heap ({@link HeapMeter}).
 */
@Command(
    name = "memory",
    mixinStandardHelpOptions = true,
    description = {"Heap used by truncated-BPTT training of an LSTM on long sequences (and full BPTT for contrast)"
        + " and by step-by-step inference; one JSON line per run.",
        "Fields: peak_heap_mb (sum of the heap pools' peaks, garbage included), live_heap_mb (the most heap in use"
            + " right after a full GC, sampled where a chunk's whole history is held), baseline_mb (in use before"
            + " the run), retained_mb (live minus baseline: what the run keeps), max_tape_records (ops on the"
            + " largest tape)."})
public final class MemoryBench implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--lengths", split = ",", defaultValue = "1000,10000", paramLabel = "T",
      description = "Sequence lengths trained with truncated BPTT (default: ${DEFAULT-VALUE}).")
  List<Integer> lengths;

  @Option(names = "--chunk", defaultValue = "100", description = "Truncated-BPTT chunk length (default: ${DEFAULT-VALUE}).")
  int chunk;

  @Option(names = "--full-bptt", split = ",", defaultValue = "1000", paramLabel = "T",
      description = "Sequence lengths also trained with full BPTT, one tape over all steps (default: ${DEFAULT-VALUE};"
          + " 0 for none).")
  List<Integer> fullBptt;

  @Option(names = "--inference-steps", defaultValue = "10000", paramLabel = "N",
      description = "Steps of step-by-step inference (default: ${DEFAULT-VALUE}; 0 for none).")
  int inferenceSteps;

  @Option(names = "--batch", defaultValue = "8", description = "Sequences per batch (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--features", defaultValue = "16", description = "Input features (default: ${DEFAULT-VALUE}).")
  int features;

  @Option(names = "--hidden", defaultValue = "64", description = "LSTM hidden units (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--composed", description = "Run the LSTM's composed cell ops instead of its fused fast path.")
  boolean composed;

  @Option(names = "--seed", defaultValue = "42", description = "Seeds weights and data (default: ${DEFAULT-VALUE}).")
  long seed;

  /** How often the live heap is sampled per run (each sample is a full GC). */
  private static final int SAMPLES = 4;

  @Override
  public void run() {
    checkOptions();
    PrintWriter out = spec.commandLine().getOut();
    // Warm up first: the JIT, the kernels' per-thread buffers and the worker pool, so that what they
    // keep is in every run's baseline rather than in the first run's figures.
    train("warm-up", Math.min(2 * chunk, 1000), Math.min(chunk, 500));
    for (int t : lengths) {
      print(out, train("tbptt", t, Math.min(chunk, t)));
    }
    for (int t : fullBptt) {
      if (t > 0) {
        print(out, train("full-bptt", t, t));
      }
    }
    if (inferenceSteps > 0) {
      print(out, infer(inferenceSteps));
    }
  }

  private void checkOptions() {
    CommandLine cl = spec.commandLine();
    for (int t : lengths) {
      if (t < 1) {
        throw new CommandLine.ParameterException(cl, "--lengths must be at least 1, got " + t);
      }
    }
    for (int t : fullBptt) {
      if (t < 0) {
        throw new CommandLine.ParameterException(cl, "--full-bptt must be at least 0, got " + t);
      }
    }
    int[][] atLeast = {{chunk, 1}, {inferenceSteps, 0}, {batch, 1}, {features, 1}, {hidden, 1}};
    String[] names = {"--chunk", "--inference-steps", "--batch", "--features", "--hidden"};
    for (int i = 0; i < names.length; i++) {
      if (atLeast[i][0] < atLeast[i][1]) {
        throw new CommandLine.ParameterException(cl, names[i] + " must be at least " + atLeast[i][1] + ", got "
            + atLeast[i][0]);
      }
    }
  }

  /** Trains over {@code steps} steps in chunks of {@code chunkLength}, each on its own tape from the detached state. */
  private Map<String, Object> train(String mode, int steps, int chunkLength) {
    LSTM lstm = LSTM.builder(features, hidden).seed(seed).fastPath(!composed).build();
    Linear head = new Linear(hidden, features, seed + 1);
    List<Var> parameters = new ArrayList<>(lstm.parameters());
    parameters.addAll(head.parameters());
    Adam adam = Adam.builder(parameters).lr(1e-3).build();
    int chunks = (steps + chunkLength - 1) / chunkLength;
    int sampleEvery = Math.max(1, chunks / SAMPLES);

    long baseline = HeapMeter.liveBytes();
    HeapMeter.resetPeaks();
    long start = System.nanoTime();
    long live = 0;
    int maxRecords = 0;
    double loss = 0;
    RecurrentState state = null;
    for (int c = 0; c < chunks; c++) {
      int length = Math.min(chunkLength, steps - c * chunkLength);
      SplittableRandom data = new SplittableRandom(seed * 31 + c);
      Var x = Var.constant(Tensor.normal(data, DType.F32, 0, 1, length, batch, features));
      Var y = Var.constant(Tensor.normal(data, DType.F32, 0, 1, length, batch, features));
      try (Tape tape = Tape.open()) {
        RecurrentOutput o = lstm.forward(x, state);
        Var l = Losses.mse(head.forward(o.output()), y);
        maxRecords = Math.max(maxRecords, tape.size());
        if ((c + 1) % sampleEvery == 0 || c == chunks - 1) {
          live = Math.max(live, HeapMeter.liveBytes()); // the chunk's whole history is held here
        }
        adam.zeroGrad();
        tape.backward(l);
        loss = l.item();
        state = o.state().detach();
      }
      GradClipping.clipGradNorm(parameters, 1.0);
      adam.step();
    }
    Map<String, Object> line = line(mode, steps, chunkLength, baseline, live, start);
    line.put("max_tape_records", maxRecords);
    line.put("final_loss", round(loss, 4));
    return line;
  }

  /** Runs {@code steps} single steps without a tape, feeding each output back, as a generator does. */
  private Map<String, Object> infer(int steps) {
    LSTM lstm = LSTM.builder(features, hidden).seed(seed).fastPath(!composed).build();
    Linear head = new Linear(hidden, features, seed + 1);
    lstm.eval();
    int sampleEvery = Math.max(1, steps / SAMPLES);
    long baseline = HeapMeter.liveBytes();
    HeapMeter.resetPeaks();
    long start = System.nanoTime();
    List<Double> samples = new ArrayList<>();
    Var x = Var.constant(Tensor.normal(new SplittableRandom(seed), DType.F32, 0, 1, batch, features));
    RecurrentState state = null;
    for (int t = 0; t < steps; t++) {
      RecurrentOutput o = lstm.step(x, state);
      state = o.state();
      x = head.forward(o.output()).tanh();
      if ((t + 1) % sampleEvery == 0 || t == steps - 1) {
        samples.add(megabytes(HeapMeter.liveBytes()));
      }
    }
    double live = samples.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    Map<String, Object> line = line("inference", steps, 1, baseline, (long) (live * (1 << 20)), start);
    line.put("live_heap_mb_samples", samples);
    return line;
  }

  private Map<String, Object> line(String mode, int steps, int chunkLength, long baseline, long live, long start) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("bench", "memory");
    line.put("mode", mode);
    line.put("steps", steps);
    line.put("chunk", chunkLength);
    line.put("batch", batch);
    line.put("features", features);
    line.put("hidden", hidden);
    line.put("path", composed ? "composed" : "fused");
    line.put("peak_heap_mb", megabytes(HeapMeter.peakBytes()));
    line.put("live_heap_mb", megabytes(live));
    line.put("baseline_mb", megabytes(baseline));
    line.put("retained_mb", megabytes(Math.max(0, live - baseline)));
    line.put("max_heap_mb", megabytes(HeapMeter.maxBytes()));
    line.put("seconds", round((System.nanoTime() - start) / 1e9, 2));
    return line;
  }

  private static void print(PrintWriter out, Map<String, Object> line) {
    out.println(Json.write(line));
    out.flush();
  }

  private static double megabytes(long bytes) {
    return round(bytes / (double) (1 << 20), 1);
  }

  private static double round(double v, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(v * scale) / scale;
  }
}
