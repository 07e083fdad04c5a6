package dev.eddy.nn.recurrent;

import dev.eddy.autograd.Var;
import dev.eddy.nn.Module;
import java.util.Arrays;
import java.util.Objects;

/**
 * Any cell run both ways over a sequence: one cell forward in time, another from each sequence's last
 * real step back to its first, their outputs merged step by step ({@link Merge}).
 *
 * <pre>{@code
 * Bidirectional bi = new Bidirectional(GruCell.builder(4, 8).seed(1).build(),
 *                                      GruCell.builder(4, 8).seed(2).build());
 * RecurrentOutput out = bi.forward(x, null, lengths);   // output [time, batch, 16], hN [2, batch, 8]
 * }</pre>
 *
 * <p>Parameters keep the cells' names, the reverse cell's with {@code _reverse} appended
 * ({@code weight_ih}, ..., {@code weight_ih_reverse}, ...). States follow the layer layout of
 * {@link RecurrentState}: parts {@code [2, batch, size]}, index 0 forward, 1 reverse.
 */
public final class Bidirectional extends Module {
  private final RecurrentCell[] cells;
  private final Merge merge;
  private final boolean batchFirst;

  /** Outputs concatenated {@code [forward | reverse]}, time-major. */
  public Bidirectional(RecurrentCell forward, RecurrentCell reverse) {
    this(forward, reverse, Merge.CONCAT, false);
  }

  /**
   * @param forward the cell run forward in time
   * @param reverse the cell run backward; same input size and state sizes as {@code forward}
   * @param merge how the two outputs of a step are combined
   * @param batchFirst whether inputs and outputs are {@code [batch, time, features]}
   */
  public Bidirectional(RecurrentCell forward, RecurrentCell reverse, Merge merge, boolean batchFirst) {
    Objects.requireNonNull(forward, "Bidirectional: forward cell is null");
    Objects.requireNonNull(reverse, "Bidirectional: reverse cell is null");
    this.merge = Objects.requireNonNull(merge, "Bidirectional: merge is null");
    if (forward.inputSize() != reverse.inputSize() || !Arrays.equals(forward.stateSizes(), reverse.stateSizes())) {
      throw new IllegalArgumentException("Bidirectional: both cells need the same input size and state sizes, got "
          + forward.inputSize() + " " + Arrays.toString(forward.stateSizes()) + " and " + reverse.inputSize() + " "
          + Arrays.toString(reverse.stateSizes()));
    }
    this.cells = new RecurrentCell[] {forward, reverse};
    this.batchFirst = batchFirst;
    registerModule(forward, name -> name);
    registerModule(reverse, name -> name + "_reverse");
  }

  /** From zero states, every sequence full length. */
  public RecurrentOutput forward(Var x) {
    return forward(x, null, null);
  }

  /** From {@code initial} (parts {@code [2, batch, size]}; null: zeros). */
  public RecurrentOutput forward(Var x, RecurrentState initial) {
    return forward(x, initial, null);
  }

  /**
   * @param x {@code [time, batch, inputSize]} (or batch-first)
   * @param initial parts {@code [2, batch, size]} (forward, reverse), or null for zeros
   * @param lengths per-sequence lengths in {@code [1, time]}, or null when all are full
   * @return output {@code [time, batch, merged]} and the final states, parts {@code [2, batch, size]}
   */
  public RecurrentOutput forward(Var x, RecurrentState initial, int[] lengths) {
    String what = "Bidirectional";
    InputCheck.sequence(what, x, cells[0].inputSize(), batchFirst, InputCheck.parameterDtype(this));
    Var tm = batchFirst ? x.transpose(0, 1) : x;
    int batch = tm.dim(1);
    RecurrentState[] start;
    if (initial == null) {
      start = new RecurrentState[] {cells[0].zeroState(batch, x.dtype()), cells[1].zeroState(batch, x.dtype())};
    } else {
      int[] sizes = cells[0].stateSizes();
      StackedStates.check(what, initial, 2, batch, sizes, x.dtype(), StackedStates.names(sizes.length));
      start = StackedStates.unstack(initial, 2);
    }
    RecurrentState[] finals = new RecurrentState[2];
    Var out = SequenceLoop.runLayer(cells, merge, tm, start, 0, Lengths.of(what, lengths, tm.dim(0), batch), finals,
        true);
    return new RecurrentOutput(batchFirst ? out.transpose(0, 1) : out, StackedStates.stack(finals));
  }

  /** The cell run forward in time. */
  public RecurrentCell forwardCell() {
    return cells[0];
  }

  /** The cell run backward in time. */
  public RecurrentCell reverseCell() {
    return cells[1];
  }

  public Merge merge() {
    return merge;
  }

  /** Features of a merged output step. */
  public int outputSize() {
    return merge.outputSize(cells[0].outputSize());
  }
}
