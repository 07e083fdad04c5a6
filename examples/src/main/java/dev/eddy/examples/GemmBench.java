package dev.eddy.examples;

import dev.eddy.tensor.Parallel;
import dev.eddy.tensor.gemm.Gemm;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eddy bench gemm}: times {@code C = op(A) · op(B)} for each shape {@code MxNxK}
 * ({@code A} is {@code M × K}, {@code B} is {@code K × N}) and prints one JSON line per shape with
 * the median time and {@code 2·M·N·K / median} in GFLOP/s.
 */
@Command(
    name = "gemm",
    mixinStandardHelpOptions = true,
    description = "Times GEMM C = op(A)·op(B) per shape MxNxK; one JSON line per shape.")
public final class GemmBench implements Runnable {

  /** The default shapes: squares, and the products of recurrent layers (batch 32 or 64). */
  static final List<String> DEFAULT_SHAPES = List.of(
      "128x128x128", "256x256x256", "512x512x512", "1024x1024x1024", "2048x2048x2048",
      "32x1024x256", "64x2048x512", "32x512x512", "32x512x128", "32x2048x512");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--dtype", description = "f32 or f64 (default: ${DEFAULT-VALUE})")
  String dtype = "f32";

  @Option(names = "--threads", description = "threads (default: all processors)")
  Integer threads;

  @Option(names = "--shape", paramLabel = "MxNxK", converter = ShapeConverter.class,
      description = "a shape MxNxK, repeatable (default: squares 128..2048 and recurrent shapes)")
  List<int[]> shapes = new ArrayList<>();

  @Option(names = "--trans", description = "NN, NT, TN or TT: whether A and B are stored "
      + "transposed (default: ${DEFAULT-VALUE})")
  String trans = "NN";

  @Option(names = "--iters", description = "at least this many timed runs (default: ${DEFAULT-VALUE})")
  int iters = 20;

  @Option(names = "--warmup", description = "untimed runs of every shape before any is timed "
      + "(up to --seconds/4 each), then again before each shape, for at least half of --seconds, "
      + "so the JIT has compiled the kernels (default: ${DEFAULT-VALUE})")
  int warmup = 10;

  @Option(names = "--seconds", description = "keep timing a shape up to this long, up to "
      + "10×iters runs (default: ${DEFAULT-VALUE})")
  double seconds = 1.0;

  /** Parses {@code MxNxK} into three positive integers. */
  static final class ShapeConverter implements CommandLine.ITypeConverter<int[]> {
    @Override
    public int[] convert(String text) {
      String[] parts = text.toLowerCase(Locale.ROOT).split("x", -1);
      if (parts.length == 3) {
        try {
          int[] shape = {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
              Integer.parseInt(parts[2])};
          if (shape[0] > 0 && shape[1] > 0 && shape[2] > 0) {
            return shape;
          }
        } catch (NumberFormatException ignored) {
          // reported below
        }
      }
      throw new CommandLine.TypeConversionException(
          "shape must be MxNxK with three positive integers, e.g. 32x1024x256, got '" + text + "'");
    }
  }

  @Override
  public void run() {
    CommandLine cl = spec.commandLine();
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (t < 1) {
      throw new CommandLine.ParameterException(cl, "--threads must be at least 1, got " + t);
    }
    if (!dtype.equals("f32") && !dtype.equals("f64")) {
      throw new CommandLine.ParameterException(cl, "--dtype must be f32 or f64, got '" + dtype + "'");
    }
    String tr = trans.toUpperCase(Locale.ROOT);
    if (!tr.matches("[NT][NT]")) {
      throw new CommandLine.ParameterException(cl, "--trans must be NN, NT, TN or TT, got '" + trans + "'");
    }
    if (iters < 1 || warmup < 0 || !(seconds >= 0)) {
      throw new CommandLine.ParameterException(cl, "--iters must be at least 1 and --warmup, "
          + "--seconds not negative, got " + iters + ", " + warmup + ", " + seconds);
    }
    List<int[]> list = shapes.isEmpty()
        ? DEFAULT_SHAPES.stream().map(s -> new ShapeConverter().convert(s)).toList()
        : shapes;
    PrintWriter out = cl.getOut();
    int saved = Parallel.threads();
    Parallel.setThreads(t);
    try {
      // Every shape runs a little first, so the JIT has seen all paths before any is timed.
      long perShape = (long) (seconds * 1e9 / 4);
      for (int[] s : list) {
        Runnable product = product(s[0], s[1], s[2], tr.charAt(0) == 'T', tr.charAt(1) == 'T');
        long start = System.nanoTime();
        for (int i = 0; i < warmup && System.nanoTime() - start < perShape; i++) {
          product.run();
        }
      }
      for (int[] s : list) {
        double ms = medianMillis(product(s[0], s[1], s[2], tr.charAt(0) == 'T', tr.charAt(1) == 'T'));
        double gflops = 2.0 * s[0] * s[1] * s[2] / (ms * 1e6);
        out.printf(Locale.ROOT, "{\"op\":\"gemm\",\"dtype\":\"%s\",\"trans\":\"%s\",\"m\":%d,"
                + "\"n\":%d,\"k\":%d,\"threads\":%d,\"ms_median\":%.4f,\"gflops\":%.2f}%n",
            dtype, tr, s[0], s[1], s[2], t, ms, gflops);
        out.flush();
      }
    } finally {
      Parallel.setThreads(saved);
    }
  }

  /** {@code C = op(A)·op(B)} on random operands of the shape. */
  private Runnable product(int m, int n, int k, boolean transA, boolean transB) {
    SplittableRandom random = new SplittableRandom(42);
    int lda = transA ? m : k;
    int ldb = transB ? k : n;
    Runnable product;
    if (dtype.equals("f32")) {
      float[] a = new float[m * k];
      float[] b = new float[k * n];
      float[] c = new float[m * n];
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) random.nextDouble(-1, 1);
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = (float) random.nextDouble(-1, 1);
      }
      product = () -> Gemm.sgemm(transA, transB, m, n, k, a, 0, lda, b, 0, ldb, c, 0, n, false);
    } else {
      double[] a = random.doubles(m * k, -1, 1).toArray();
      double[] b = random.doubles(k * n, -1, 1).toArray();
      double[] c = new double[m * n];
      product = () -> Gemm.dgemm(transA, transB, m, n, k, a, 0, lda, b, 0, ldb, c, 0, n, false);
    }
    return product;
  }

  /** Warm-up runs, then the median of timed runs, in milliseconds. */
  private double medianMillis(Runnable product) {
    long budget = (long) (seconds * 1e9);
    long warmupStart = System.nanoTime();
    for (int i = 0; i < warmup || (warmup > 0 && System.nanoTime() - warmupStart < budget / 2); i++) {
      product.run();
    }
    long start = System.nanoTime();
    double[] samples = new double[10 * iters];
    int count = 0;
    while (count < iters || (count < samples.length && System.nanoTime() - start < budget)) {
      long t0 = System.nanoTime();
      product.run();
      samples[count++] = (System.nanoTime() - t0) / 1e6;
    }
    double[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
  }
}
