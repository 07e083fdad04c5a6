package dev.eddy.nn.recurrent;

import dev.eddy.autograd.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * The state a recurrent cell carries from one step to the next: an immutable list of parts, of
 * which part 0 is the output of the step. An RNN or GRU state is {@code (h)}, an LSTM state
 * {@code (h, c)}. A cell's step takes one state and returns a new one; nothing is stored in the cell.
 *
 * <p>For a cell, each part is {@code [batch, size]} ({@link RecurrentCell#stateSizes()}). For a
 * layer ({@link RecurrentStack}, {@link Bidirectional}, {@link LSTM}, ...), each part holds the
 * states of every layer and direction, {@code [layers * directions, batch, size]} with index
 * {@code layer * directions + direction}, which is PyTorch's {@code h_n} / {@code c_n} layout.
 *
 * <p>Truncated backpropagation through time carries {@link #detach()} of the last state into the
 * next chunk.
 */
public final class RecurrentState {
  private final List<Var> parts;

  private RecurrentState(List<Var> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("RecurrentState: needs at least one part (the output)");
    }
    this.parts = List.copyOf(parts);
  }

  /** A state of the given parts; part 0 is the output ({@code h}). */
  public static RecurrentState of(Var... parts) {
    return new RecurrentState(List.of(parts));
  }

  /** A state of the given parts; part 0 is the output ({@code h}). */
  public static RecurrentState of(List<Var> parts) {
    return new RecurrentState(parts);
  }

  /** Part 0: what the step outputs ({@code h}). */
  public Var output() {
    return parts.get(0);
  }

  /** Part {@code i} (LSTM: 0 is {@code h}, 1 is {@code c}). */
  public Var part(int i) {
    if (i < 0 || i >= parts.size()) {
      throw new IndexOutOfBoundsException("RecurrentState: part " + i + " of a state with " + parts.size() + " parts");
    }
    return parts.get(i);
  }

  /** Every part, in order. */
  public List<Var> parts() {
    return parts;
  }

  /** The number of parts. */
  public int size() {
    return parts.size();
  }

  /** The same values with no history: where a truncated-BPTT chunk starts. */
  public RecurrentState detach() {
    List<Var> out = new ArrayList<>(parts.size());
    for (Var p : parts) {
      out.add(p.detach());
    }
    return new RecurrentState(out);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RecurrentState(");
    for (int i = 0; i < parts.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(parts.get(i).shape());
    }
    return sb.append(')').toString();
  }
}
