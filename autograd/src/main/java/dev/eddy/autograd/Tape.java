package dev.eddy.autograd;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Shape;
import dev.eddy.tensor.ShapeException;
import dev.eddy.tensor.Tensor;
import java.util.ArrayList;

/**
 * Records the differentiable ops run on its thread while it is open, so that {@link #backward} can
 * run reverse-mode differentiation over them.
 *
 * <pre>{@code
 * try (Tape tape = Tape.open()) {
 *   Var loss = Losses.mse(x.matmul(w).add(b), y);
 *   tape.backward(loss);            // w.grad() and b.grad() now hold dloss/dw and dloss/db
 * }                                 // closing frees everything the ops saved for backward
 * }</pre>
 *
 * <p><b>What is recorded.</b> An op is recorded when a tape is open on the current thread and at
 * least one of its inputs requires a gradient (a parameter, or a result of recorded ops). With no
 * tape open nothing is recorded and every result is a plain value ({@code requiresGrad() == false}),
 * so inference needs no special mode and keeps no history. Tapes are confined to the thread that
 * opened them and do not nest: opening a second tape on a thread with one open is an error.
 *
 * <p><b>Backward.</b> {@code backward} walks the records in reverse order of recording (a topological
 * order), sums the gradients that reach each intermediate result, and adds those that reach
 * parameters into {@link Var#grad()}, so gradients accumulate across uses of a {@code Var} and across
 * backward calls until {@link Var#zeroGrad()}. Records whose inputs need no gradient are never
 * recorded, records that no gradient reaches are skipped, and an op is asked only for the input
 * gradients that are needed. Each record that backward ran is then released (what it saved is
 * freed), so running backward through the same records twice, or through records of a closed tape,
 * is an error that names the op.
 *
 * <p><b>Anomaly mode</b> ({@link #detectAnomalies()}, off by default) checks every op's output and
 * every gradient for NaN and infinity and reports the op with the line of user code that called it.
 */
public final class Tape implements AutoCloseable {
  private static final ThreadLocal<Tape> OPEN = new ThreadLocal<>();

  private final Thread owner = Thread.currentThread();
  private final ArrayList<Record> records = new ArrayList<>();
  private boolean closed;
  private boolean anomalies;

  private Tape() {}

  /** Opens a tape on the current thread; use it in try-with-resources. */
  public static Tape open() {
    Tape current = OPEN.get();
    if (current != null) {
      throw new IllegalStateException("Tape.open: a tape is already open on thread '" + Thread.currentThread().getName()
          + "' (" + current.records.size() + " records); tapes do not nest, close that one first");
    }
    Tape tape = new Tape();
    OPEN.set(tape);
    return tape;
  }

  /**
   * Turns on anomaly mode for this tape: every op's output and every gradient is checked for NaN and
   * infinity, and each record remembers where it was called (which makes recording several times
   * slower). The first bad value throws an {@link AnomalyException}. Returns this tape.
   */
  public Tape detectAnomalies() {
    checkUsable("detectAnomalies");
    anomalies = true;
    return this;
  }

  /** Whether anomaly mode is on. */
  public boolean detectsAnomalies() {
    return anomalies;
  }

  /** Whether a tape is open on the current thread (ops run now may be recorded). */
  public static boolean isRecording() {
    return OPEN.get() != null;
  }

  /** The tape open on the current thread, or null. */
  static Tape current() {
    return OPEN.get();
  }

  /** The number of ops recorded so far. */
  public int size() {
    return records.size();
  }

  /** Whether {@link #close()} has run. */
  public boolean isClosed() {
    return closed;
  }

  Record record(String op, Var[] inputs, Object backward, Shape[] outShapes, DType[] outDtypes) {
    CallSite site = anomalies ? CallSite.capture() : null;
    Record r = new Record(this, op, records.size(), inputs, backward, outShapes, outDtypes, site);
    records.add(r);
    return r;
  }

  /**
   * Reverse mode from a scalar {@code loss} (any shape with one element): adds d loss / d p to
   * {@code p.grad()} for every parameter {@code p} that influenced it.
   */
  public void backward(Var loss) {
    if (loss.value().numel() != 1) {
      throw new ShapeException("backward: the loss must be a single element, got shape " + loss.value().shape()
          + "; reduce it (sum, mean) or pass a seed of its shape with backward(output, seed)");
    }
    backward(loss, Tensor.onesLike(loss.value()));
  }

  /**
   * The vector–Jacobian product: adds {@code seed · d output / d p} to {@code p.grad()} for every
   * parameter {@code p} that influenced {@code output}. {@code seed} has the output's shape and dtype
   * (all ones gives the gradient of {@code output.sum()}).
   */
  public void backward(Var output, Tensor seed) {
    checkUsable("backward");
    Tensor value = output.value();
    if (!seed.shape().equals(value.shape())) {
      throw new ShapeException("backward: seed shape " + seed.shape() + " differs from the output's shape " + value.shape());
    }
    if (seed.dtype() != value.dtype()) {
      throw new IllegalArgumentException("backward: seed is " + seed.dtype() + " but the output is " + value.dtype());
    }
    if (!output.requiresGrad()) {
      throw new IllegalArgumentException("backward: " + output.label() + " does not require a gradient: no parameter"
          + " (Var.parameter) influenced it while a tape was open");
    }
    Record top = output.producer();
    if (top == null) {
      output.accumulateGrad(seed);
      return;
    }
    try {
      deliver(output, seed);
      for (int i = top.index; i >= 0; i--) {
        Record r = records.get(i);
        if (r.hasGradient()) {
          propagate(r);
        }
      }
    } catch (RuntimeException | Error e) {
      // a failed pass must not leave half-delivered gradients for the next backward to pick up
      for (int i = Math.min(top.index, records.size() - 1); i >= 0; i--) {
        records.get(i).dropGradients();
      }
      throw e;
    }
  }

  /** Runs one record's backward and hands each needed input gradient on; then releases the record. */
  private void propagate(Record r) {
    Var[] inputs = r.inputs();
    boolean[] needs = new boolean[inputs.length];
    for (int j = 0; j < inputs.length; j++) {
      needs[j] = inputs[j].requiresGrad();
    }
    Tensor[] grads = r.runBackward(needs);
    if (grads == null || grads.length != inputs.length) {
      throw new IllegalStateException("backward of op '" + r.op + "' returned " + (grads == null ? "null" : grads.length
          + " gradients") + " for " + inputs.length + " inputs");
    }
    r.release();
    for (int j = 0; j < inputs.length; j++) {
      if (needs[j]) {
        Tensor g = checked(r, j, inputs[j].value(), grads[j]);
        deliver(inputs[j], g);
      }
    }
  }

  private Tensor checked(Record r, int j, Tensor input, Tensor g) {
    if (g == null) {
      throw new IllegalStateException("backward of op '" + r.op + "' gave no gradient for input #" + j
          + ", which requires one");
    }
    if (!g.shape().equals(input.shape()) || g.dtype() != input.dtype()) {
      throw new ShapeException("backward of op '" + r.op + "': the gradient of input #" + j + " is " + g.shape() + " "
          + g.dtype() + " but the input is " + input.shape() + " " + input.dtype()
          + " (sum broadcast gradients back with Tensor.sumTo)");
    }
    if (anomalies) {
      Anomalies.checkGradient(r, j, g);
    }
    return g;
  }

  private void deliver(Var to, Tensor g) {
    Record p = to.producer();
    if (p == null) {
      to.accumulateGrad(g);
    } else if (p.tape != this && !p.isReleased()) {
      throw new IllegalStateException("backward: " + to.label() + " was produced by op '" + p.op + "' on another tape"
          + " (still open, on thread '" + p.tape.owner.getName() + "'); use detach() to cross tapes");
    } else {
      p.receive(to.outputIndex(), g, to);
    }
  }

  private void checkUsable(String what) {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(what + ": this tape belongs to thread '" + owner.getName() + "', not '"
          + Thread.currentThread().getName() + "'");
    }
    if (closed) {
      throw new IllegalStateException(what + ": the tape is closed; call it inside the try-with-resources block that"
          + " opened the tape");
    }
  }

  /** Releases every record (and so every saved tensor) and stops recording on this thread. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("close: this tape belongs to thread '" + owner.getName() + "', not '"
          + Thread.currentThread().getName() + "'");
    }
    closed = true;
    for (Record r : records) {
      r.release();
    }
    records.clear();
    records.trimToSize();
    OPEN.remove();
  }
}
