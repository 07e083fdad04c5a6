package dev.eddy.examples;

import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.nn.recurrent.GRU;
import dev.eddy.nn.recurrent.LSTM;
import dev.eddy.nn.recurrent.LayerBuilder;
import dev.eddy.nn.recurrent.RNN;
import dev.eddy.nn.recurrent.RecurrentStack;
import dev.eddy.optim.Sgd;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Parallel;
import dev.eddy.tensor.Tensor;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eddy bench rnn}: times one training step (forward over the whole sequence, loss
 * {@code (y*y).mean()}, backward, SGD update) or one inference pass (forward, no tape) of an
 * {@link LSTM}, {@link GRU} or tanh {@link RNN} on a time-major input {@code [seq, batch, input]},
 * and prints one JSON line, the same as {@code bench/rnn_torch.py} prints for PyTorch.
 */
@Command(
    name = "rnn",
    mixinStandardHelpOptions = true,
    description = {
        "Times one train step (forward, (y*y).mean(), backward, SGD lr 0.01) or one inference pass of an"
            + " LSTM, GRU or tanh RNN layer on a time-major [seq, batch, input] input; prints one JSON line.",
        "Warm-up first, then the median of at least --iters steps. peak_heap_mb: the JVM's heap peak during"
            + " one more step, measured after a GC (sum of the heap pools' peak usage)."})
public final class RnnBench implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--cell", required = true, description = "lstm, gru or rnn (tanh)")
  String cell;

  @Option(names = "--batch", required = true, description = "sequences per batch")
  int batch;

  @Option(names = "--seq", required = true, description = "time steps")
  int seq;

  @Option(names = "--input", required = true, description = "input features")
  int input;

  @Option(names = "--hidden", required = true, description = "hidden units")
  int hidden;

  @Option(names = "--layers", description = "stacked layers (default: ${DEFAULT-VALUE})")
  int layers = 1;

  @Option(names = "--bidirectional", description = "both directions, outputs concatenated")
  boolean bidirectional;

  @Option(names = "--threads", description = "threads (default: all processors)")
  Integer threads;

  @Option(names = "--mode", required = true, description = "train or infer")
  String mode;

  @Option(names = "--iters", description = "timed steps, at least 10 (default: ${DEFAULT-VALUE})")
  int iters = 10;

  @Option(names = "--warmup", description = "untimed steps first, at least this many and for at least "
      + "--warmup-seconds (default: ${DEFAULT-VALUE})")
  int warmup = 3;

  @Option(names = "--warmup-seconds", description = "keep warming up this long, up to 100 steps, so the JIT has"
      + " compiled and settled the hot paths (default: ${DEFAULT-VALUE})")
  double warmupSeconds = 5.0;

  @Option(names = "--dtype", description = "f32 or f64 (default: ${DEFAULT-VALUE})")
  String dtype = "f32";

  @Option(names = "--impl", description = "fused (the layer's fast path where it applies) or composed (the"
      + " cells' differentiable ops, the definition) (default: ${DEFAULT-VALUE})")
  String impl = "fused";

  @Option(names = "--seed", description = "seed of the parameters and the input (default: ${DEFAULT-VALUE})")
  long seed = 1234;

  @Override
  public void run() {
    CommandLine cl = spec.commandLine();
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    check(cl, t);
    DType type = dtype.equals("f32") ? DType.F32 : DType.F64;
    RecurrentStack layer = layer(type);
    Tensor x = Tensor.normal(new SplittableRandom(seed + 1), type, 0, 1, seq, batch, input);
    Runnable step = mode.equals("train") ? trainStep(layer, x) : inferStep(layer, x);
    int saved = Parallel.threads();
    Parallel.setThreads(t);
    try {
      long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
      for (int i = 0; i < warmup || (i < 100 && System.nanoTime() < warmupEnd); i++) {
        step.run();
      }
      double[] ms = new double[iters];
      for (int i = 0; i < iters; i++) {
        long t0 = System.nanoTime();
        step.run();
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
      double peakMb = peakHeapMegabytes(step);
      double median = median(ms);
      double min = Arrays.stream(ms).min().orElseThrow();
      PrintWriter out = cl.getOut();
      out.printf(Locale.ROOT, "{\"cell\":\"%s\",\"batch\":%d,\"seq\":%d,\"input\":%d,\"hidden\":%d,\"layers\":%d,"
              + "\"bidirectional\":%b,\"threads\":%d,\"mode\":\"%s\",\"ms_median\":%.3f,\"ms_min\":%.3f,"
              + "\"tokens_per_s\":%.1f,\"impl\":\"%s\",\"dtype\":\"%s\",\"iters\":%d,\"peak_heap_mb\":%.1f}%n",
          cell, batch, seq, input, hidden, layers, bidirectional, t, mode, median, min,
          batch * (double) seq / (median / 1e3), impl, dtype, iters, peakMb);
      out.flush();
    } finally {
      Parallel.setThreads(saved);
    }
  }

  private void check(CommandLine cl, int t) {
    if (!cell.equals("lstm") && !cell.equals("gru") && !cell.equals("rnn")) {
      throw new CommandLine.ParameterException(cl, "--cell must be lstm, gru or rnn, got '" + cell + "'");
    }
    if (!mode.equals("train") && !mode.equals("infer")) {
      throw new CommandLine.ParameterException(cl, "--mode must be train or infer, got '" + mode + "'");
    }
    if (!dtype.equals("f32") && !dtype.equals("f64")) {
      throw new CommandLine.ParameterException(cl, "--dtype must be f32 or f64, got '" + dtype + "'");
    }
    if (!impl.equals("fused") && !impl.equals("composed")) {
      throw new CommandLine.ParameterException(cl, "--impl must be fused or composed, got '" + impl + "'");
    }
    int[] sizes = {batch, seq, input, hidden, layers, t};
    String[] names = {"--batch", "--seq", "--input", "--hidden", "--layers", "--threads"};
    for (int i = 0; i < sizes.length; i++) {
      if (sizes[i] < 1) {
        throw new CommandLine.ParameterException(cl, names[i] + " must be at least 1, got " + sizes[i]);
      }
    }
    if (iters < 10) {
      throw new CommandLine.ParameterException(cl, "--iters must be at least 10 (the median of fewer steps is too "
          + "noisy), got " + iters);
    }
    if (warmup < 0 || !(warmupSeconds >= 0)) {
      throw new CommandLine.ParameterException(cl, "--warmup and --warmup-seconds must not be negative, got "
          + warmup + " and " + warmupSeconds);
    }
  }

  /** The layer, with PyTorch's default initialisation. */
  private RecurrentStack layer(DType type) {
    return switch (cell) {
      case "lstm" -> configure(LSTM.builder(input, hidden), type).build();
      case "gru" -> configure(GRU.builder(input, hidden), type).build();
      default -> configure(RNN.builder(input, hidden), type).build();
    };
  }

  private <B extends LayerBuilder<B, ?>> B configure(B builder, DType type) {
    return builder.numLayers(layers).bidirectional(bidirectional).dtype(type).seed(seed)
        .fastPath(impl.equals("fused"));
  }

  private static Runnable trainStep(RecurrentStack layer, Tensor x) {
    Sgd sgd = Sgd.builder(layer.namedParameters()).lr(0.01).build();
    Var input = Var.constant(x);
    return () -> {
      try (Tape tape = Tape.open()) {
        Var y = layer.forward(input).output();
        tape.backward(y.mul(y).mean());
      }
      sgd.step();
      sgd.zeroGrad();
    };
  }

  private static Runnable inferStep(RecurrentStack layer, Tensor x) {
    Var input = Var.constant(x);
    return () -> layer.forward(input);
  }

  /**
   * The most heap in use at any time during one more step, after a full GC: the sum of the heap
   * pools' peak usage since a reset (an upper bound when the pools peak at different times; with
   * no collection during the step it is what was live before plus everything the step allocated).
   */
  private static double peakHeapMegabytes(Runnable step) {
    var pools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
    System.gc();
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    step.run();
    long bytes = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    return bytes / (1024.0 * 1024.0);
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
