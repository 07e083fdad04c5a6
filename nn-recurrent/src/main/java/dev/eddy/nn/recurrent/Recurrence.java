package dev.eddy.nn.recurrent;

import dev.eddy.autograd.Var;
import java.util.Objects;

/**
 * Runs any {@link RecurrentCell} over a batch of sequences: the one sequence driver.
 *
 * <pre>{@code
 * SequenceResult r = Recurrence.of(cell).run(x);                  // x [time, batch, in], zero state
 * Var outputs = r.output();                                        // [time, batch, outputSize]
 * RecurrentState last = r.state();                                 // parts [batch, size]
 *
 * Recurrence.of(cell).batchFirst(true).reversed(true).run(x, initial, lengths);
 * }</pre>
 *
 * <p><b>Lengths.</b> With {@code lengths} (one per sequence, in {@code [1, time]}), a padded batch
 * gives for each sequence exactly what running it alone gives: outputs past its length are zero, the
 * final state is the state after its last real step, and padding receives no gradient. Reversed, each
 * sequence is processed from its own last real step back to step 0, and outputs are returned in the
 * input's time order.
 *
 * <p><b>Step by step.</b> For generation, call {@link RecurrentCell#step} in a loop, feeding each
 * output back: the states it returns are exactly those this driver carries (a property test checks
 * it).
 *
 * <p>Immutable; the methods that set options return a new driver.
 */
public final class Recurrence {
  private final RecurrentCell cell;
  private final boolean batchFirst;
  private final boolean reversed;
  private final boolean fastPath;

  private Recurrence(RecurrentCell cell, boolean batchFirst, boolean reversed, boolean fastPath) {
    this.cell = Objects.requireNonNull(cell, "Recurrence: cell is null");
    this.batchFirst = batchFirst;
    this.reversed = reversed;
    this.fastPath = fastPath;
  }

  /** A driver for {@code cell}: time-major, forward in time, fused where the cell allows. */
  public static Recurrence of(RecurrentCell cell) {
    return new Recurrence(cell, false, false, true);
  }

  /** Inputs and outputs {@code [batch, time, features]} instead of {@code [time, batch, features]}. */
  public Recurrence batchFirst(boolean on) {
    return new Recurrence(cell, on, reversed, fastPath);
  }

  /** Runs from the last step to the first (outputs stay in input order). */
  public Recurrence reversed(boolean on) {
    return new Recurrence(cell, batchFirst, on, fastPath);
  }

  /**
   * Whether a built-in cell may run as one fused op over the sequence (default true; an LSTM cell with
   * a projection never does); false always runs the cell's composed step, which defines the results.
   */
  public Recurrence fastPath(boolean on) {
    return new Recurrence(cell, batchFirst, reversed, on);
  }

  /** From the zero state, every sequence full length. */
  public SequenceResult run(Var x) {
    return run(x, null, null);
  }

  /** From {@code initial} (parts {@code [batch, size]}; null means zeros), every sequence full length. */
  public SequenceResult run(Var x, RecurrentState initial) {
    return run(x, initial, null);
  }

  /**
   * From {@code initial} (null: zeros) with per-sequence {@code lengths} (null: all full).
   *
   * @param x {@code [time, batch, inputSize]}, or {@code [batch, time, inputSize]} batch-first
   */
  public SequenceResult run(Var x, RecurrentState initial, int[] lengths) {
    String what = cell.label();
    InputCheck.sequence(what, x, cell.inputSize(), batchFirst, InputCheck.parameterDtype(cell));
    Var tm = batchFirst ? x.transpose(0, 1) : x;
    int batch = tm.dim(1);
    RecurrentState start = initial == null ? cell.zeroState(batch, x.dtype()) : initial;
    if (initial != null) {
      cell.checkState(what, initial, batch, x.dtype());
    }
    SequenceResult r = SequenceLoop.run(cell, tm, start, Lengths.of(what, lengths, tm.dim(0), batch), reversed,
        fastPath);
    return batchFirst ? new SequenceResult(r.output().transpose(0, 1), r.state()) : r;
  }

  public RecurrentCell cell() {
    return cell;
  }
}
