package dev.eddy.examples.mingru;

import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.nn.recurrent.Recurrence;
import dev.eddy.nn.recurrent.RecurrentState;
import dev.eddy.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;

/**
 * The two forms of one {@link MinGruCell} on the same input, side by side: the sequence driver running
 * {@link MinGruCell#step} and the log-space {@link MinGruCell#scan}. Each is run under a tape with the
 * loss {@code Σ r ⊙ h} (fixed random weights {@code r}), and the outputs and every gradient (each
 * parameter, the input x and the initial state h0) are compared element by element.
 *
 * @param differences by name ({@code output}, {@code weight_ih}, {@code bias_ih}, {@code x}, {@code h0}),
 *     in that order
 */
public record FormComparison(Map<String, Difference> differences) {

  /** The largest {@code |sequential - parallel|} of one quantity, and its largest magnitude for scale. */
  public record Difference(double maxAbs, double maxMagnitude) {
    /** {@code maxAbs} relative to the largest magnitude (at least 1, so values near 0 are not blown up). */
    public double relative() {
      return maxAbs / Math.max(1, maxMagnitude);
    }
  }

  /**
   * Runs both forms from {@code x [time, batch, in]} and {@code h0 [batch, hidden]}; {@code seed}
   * draws the loss weights.
   */
  public static FormComparison of(MinGruCell cell, Tensor x, Tensor h0, long seed) {
    Tensor r = Tensor.uniform(new SplittableRandom(seed), x.dtype(), -1, 1, x.dim(0), x.dim(1), cell.hiddenSize());
    Map<String, Tensor> sequential = run(cell, x, h0, r,
        (xv, hv) -> Recurrence.of(cell).run(xv, RecurrentState.of(hv)).output());
    Map<String, Tensor> parallel = run(cell, x, h0, r, cell::scan);
    Map<String, Difference> out = new LinkedHashMap<>();
    for (String name : sequential.keySet()) {
      Tensor a = sequential.get(name);
      Tensor b = parallel.get(name);
      out.put(name, new Difference(a.sub(b).abs().max().item(), a.abs().max().item()));
    }
    return new FormComparison(out);
  }

  /** The largest difference among the outputs. */
  public Difference output() {
    return differences.get("output");
  }

  /** The gradient with the largest relative difference. */
  public Difference worstGradient() {
    Difference worst = null;
    for (Map.Entry<String, Difference> e : differences.entrySet()) {
      if (!e.getKey().equals("output") && (worst == null || e.getValue().relative() > worst.relative())) {
        worst = e.getValue();
      }
    }
    return worst;
  }

  /** One form's output and gradients, from fresh copies of x and h0 and zeroed parameter gradients. */
  private static Map<String, Tensor> run(MinGruCell cell, Tensor x, Tensor h0, Tensor r, BinaryOperator<Var> form) {
    Var xv = Var.parameter(x);
    Var hv = Var.parameter(h0);
    cell.zeroGrad();
    Map<String, Tensor> out = new LinkedHashMap<>();
    try (Tape tape = Tape.open()) {
      Var h = form.apply(xv, hv);
      out.put("output", h.value());
      tape.backward(h.mul(Var.constant(r)).sum());
    }
    cell.namedParameters().forEach((name, p) -> out.put(name, p.grad()));
    out.put("x", xv.grad());
    out.put("h0", hv.grad());
    cell.zeroGrad();
    return out;
  }
}
