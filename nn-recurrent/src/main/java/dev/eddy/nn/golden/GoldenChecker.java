package dev.eddy.nn.golden;

import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.nn.Module;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks Eddy's recurrent layers against PyTorch reference cases ({@link GoldenCase}): builds the
 * layer or cell the case describes in the chosen dtype, loads the case's parameters by their PyTorch
 * names, runs forward on its inputs, runs backward from its loss, and compares the loss, every output
 * and the gradient of every parameter and input with {@link RelativeError}.
 *
 * <pre>{@code
 * GoldenResult r = new GoldenChecker(DType.F64).check(Path.of("lstm.json"));
 * System.out.println(r.line());          // PASS lstm max_rel_err=2.31e-16
 * }</pre>
 *
 * <p>Default tolerances: 1e-9 in float64, 1e-4 in float32 (the reference values are cast to float).
 * A file that cannot be read or does not follow the format gives a failed result naming the reason,
 * never an exception. Needs the current thread to have no open {@link Tape}.
 */
public final class GoldenChecker {
  private final DType dtype;
  private final double tolerance;
  private final boolean fastPath;

  /** A checker computing in {@code dtype} with the default tolerance (1e-9 for F64, 1e-4 for F32). */
  public GoldenChecker(DType dtype) {
    this(dtype, dtype == DType.F64 ? 1e-9 : 1e-4);
  }

  /** A checker computing in {@code dtype} that fails any relative error above {@code tolerance}. */
  public GoldenChecker(DType dtype, double tolerance) {
    this(dtype, tolerance, true);
  }

  private GoldenChecker(DType dtype, double tolerance, boolean fastPath) {
    this.dtype = Objects.requireNonNull(dtype, "dtype");
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException("GoldenChecker: tolerance must be positive, got " + tolerance);
    }
    this.tolerance = tolerance;
    this.fastPath = fastPath;
  }

  /**
   * This checker with layers that run their fused fast path where it applies (true, the default, as
   * layers do) or always the composed cells (false).
   */
  public GoldenChecker fastPath(boolean on) {
    return new GoldenChecker(dtype, tolerance, on);
  }

  public double tolerance() {
    return tolerance;
  }

  /** Reads and checks one case file. */
  public GoldenResult check(Path file) {
    String fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    GoldenCase c;
    try {
      c = GoldenCase.read(file);
    } catch (GoldenFormatException e) {
      return GoldenResult.fail(fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName,
          Double.NaN, e.getMessage());
    }
    return check(c);
  }

  /** Checks one parsed case. */
  public GoldenResult check(GoldenCase c) {
    try {
      return compare(c.name(), run(c));
    } catch (GoldenFormatException e) {
      return GoldenResult.fail(c.name(), Double.NaN, e.getMessage());
    } catch (RuntimeException e) {
      return GoldenResult.fail(c.name(), Double.NaN, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** Every comparison of the case: loss, outputs, parameter gradients, input gradients. */
  private List<Compared> run(GoldenCase c) throws GoldenFormatException {
    Module model = GoldenModel.build(c, dtype, fastPath);
    model.loadStateDict(c.parameters());
    Map<String, Var> inputs = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : c.inputs().entrySet()) {
      inputs.put(e.getKey(), Var.parameter(e.getKey(), e.getValue().to(dtype)));
    }
    List<Compared> out = new ArrayList<>();
    try (Tape tape = Tape.open()) {
      Map<String, Var> outputs = GoldenModel.forward(model, c, inputs);
      Var loss = null;
      for (GoldenCase.LossTerm term : c.loss()) {
        Var y = outputs.get(term.output());
        if (y == null) {
          throw new GoldenFormatException("the loss uses output '" + term.output() + "', which " + c.kind().module()
              + " does not have (it gives " + outputs.keySet() + ")");
        }
        Var t = y.mul(Var.constant(term.weight().to(dtype))).sum();
        loss = loss == null ? t : loss.add(t);
      }
      if (!Double.isNaN(c.lossValue())) {
        out.add(new Compared("loss", loss.value(), Tensor.scalar(DType.F64, c.lossValue())));
      }
      for (Map.Entry<String, Tensor> e : c.outputs().entrySet()) {
        Var y = outputs.get(e.getKey());
        if (y == null) {
          throw new GoldenFormatException("outputs." + e.getKey() + " is not an output of " + c.kind().module()
              + " (it gives " + outputs.keySet() + ")");
        }
        out.add(new Compared(e.getKey(), y.value(), e.getValue()));
      }
      tape.backward(loss);
    }
    Map<String, Var> params = model.namedParameters();
    for (Map.Entry<String, Tensor> e : c.parameterGrads().entrySet()) {
      out.add(new Compared("grad " + e.getKey(), gradOf(params.get(e.getKey())), e.getValue()));
    }
    for (Map.Entry<String, Tensor> e : c.inputGrads().entrySet()) {
      out.add(new Compared("grad " + e.getKey(), gradOf(inputs.get(e.getKey())), e.getValue()));
    }
    return out;
  }

  private static Tensor gradOf(Var v) {
    return v.grad() != null ? v.grad() : Tensor.zerosLike(v.value());
  }

  private record Compared(String name, Tensor actual, Tensor expected) {}

  private GoldenResult compare(String name, List<Compared> compared) {
    double max = 0;
    RelativeError worst = null;
    int[] worstDims = null;
    List<String> failing = new ArrayList<>();
    for (Compared c : compared) {
      RelativeError e = RelativeError.of(c.name(), c.actual(), c.expected());
      if (e.max() > tolerance || Double.isNaN(e.max())) {
        failing.add(c.name());
      }
      if (worst == null || e.max() > worst.max()) {
        worst = e;
        worstDims = c.expected().shape().dims();
      }
      max = Math.max(max, e.max());
    }
    if (failing.isEmpty()) {
      return GoldenResult.pass(name, max);
    }
    failing.remove(worst.tensor());
    String also = failing.isEmpty() ? "" : "; also differ: " + String.join(", ", failing);
    return GoldenResult.fail(name, max, worst.describe(worstDims, tolerance) + also);
  }
}
