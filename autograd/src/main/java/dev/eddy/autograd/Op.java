package dev.eddy.autograd;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Shape;
import dev.eddy.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How a differentiable op is made, built-in or your own: compute the forward on tensors, then hand
 * the output, its backward and the inputs to {@code Op.result}.
 *
 * <pre>{@code
 * static Var softplus(Var x) {
 *   Tensor xv = x.value();
 *   Tensor y = xv.exp().add(1).log();                      // forward
 *   return Op.result("softplus", y, g -> g.mul(xv.sigmoid()), x); // backward: dy/dx = sigmoid(x)
 * }
 * }</pre>
 *
 * <p>If a tape is open on this thread and some input requires a gradient, the op is recorded and the
 * result requires a gradient; otherwise the backward is dropped and the result is a constant. The
 * backward runs at most once, during {@link Tape#backward}; whatever it captures is what the op
 * "saves", and is freed when the tape is done with the record. See {@code docs/extending.md}.
 */
public final class Op {
  private Op() {}

  /** A single-input op: {@code backward} maps the output gradient to the input gradient. */
  public static Var result(String op, Tensor output, UnaryOperator<Tensor> backward, Var input) {
    Tape tape = Tape.current();
    if (tape == null) {
      return Var.constant(output);
    }
    if (tape.detectsAnomalies()) {
      checkOutput(op, output);
    }
    if (input == null) {
      throw new NullPointerException(op + ": input #0 is null");
    }
    if (!input.requiresGrad()) {
      return Var.constant(output);
    }
    return Var.result(output, tape.record(op, new Var[] {input}, backward, null, null), 0);
  }

  /** An op of any number of inputs with one output; see {@link Backward}. */
  public static Var result(String op, Tensor output, Backward backward, Var... inputs) {
    Tape tape = Tape.current();
    if (tape == null) {
      return Var.constant(output);
    }
    if (tape.detectsAnomalies()) {
      checkOutput(op, output);
    }
    if (!anyRequiresGrad(op, inputs)) {
      return Var.constant(output);
    }
    return Var.result(output, tape.record(op, inputs.clone(), backward, null, null), 0);
  }

  /**
   * An op with several outputs (split, chunk, a fused cell step returning h and c); see
   * {@link MultiBackward}, which receives zeros for outputs that no gradient reached.
   */
  public static List<Var> results(String op, List<Tensor> outputs, MultiBackward backward, Var... inputs) {
    Var[] in = inputs.clone();
    Tape tape = Tape.current();
    Record r = null;
    if (tape != null) {
      if (tape.detectsAnomalies()) {
        for (Tensor t : outputs) {
          checkOutput(op, t);
        }
      }
      if (anyRequiresGrad(op, in)) {
        Shape[] shapes = new Shape[outputs.size()];
        DType[] dtypes = new DType[outputs.size()];
        for (int i = 0; i < shapes.length; i++) {
          shapes[i] = outputs.get(i).shape();
          dtypes[i] = outputs.get(i).dtype();
        }
        r = tape.record(op, in, backward, shapes, dtypes);
      }
    }
    List<Var> out = new ArrayList<>(outputs.size());
    for (int i = 0; i < outputs.size(); i++) {
      out.add(r == null ? Var.constant(outputs.get(i)) : Var.result(outputs.get(i), r, i));
    }
    return out;
  }

  private static boolean anyRequiresGrad(String op, Var[] inputs) {
    boolean any = false;
    for (int i = 0; i < inputs.length; i++) {
      if (inputs[i] == null) {
        throw new NullPointerException(op + ": input #" + i + " is null");
      }
      any |= inputs[i].requiresGrad();
    }
    return any;
  }

  private static void checkOutput(String op, Tensor output) {
    if (output.firstNonFinite() >= 0) {
      Anomalies.checkOutput(op, output, CallSite.capture());
    }
  }
}
