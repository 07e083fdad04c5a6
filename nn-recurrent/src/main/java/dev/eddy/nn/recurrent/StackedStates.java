package dev.eddy.nn.recurrent;

import dev.eddy.autograd.ShapeOps;
import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between a layer's state (parts {@code [layers * directions, batch, size]}, PyTorch's
 * {@code h_0} layout) and the per-cell states (parts {@code [batch, size]}) the loop carries.
 */
final class StackedStates {
  private StackedStates() {}

  /** Checks a layer's initial state; {@code names} name the parts in messages (e.g. h0, c0). */
  static void check(String what, RecurrentState stacked, int cells, int batch, int[] sizes, DType dtype,
      String[] names) {
    if (stacked.size() != sizes.length) {
      throw new IllegalArgumentException(what + ": the initial state must have " + sizes.length + " part(s) ("
          + String.join(", ", names) + "), got " + stacked.size());
    }
    for (int i = 0; i < sizes.length; i++) {
      Var p = stacked.part(i);
      if (!p.shape().equals(Shape.of(cells, batch, sizes[i]))) {
        throw new IllegalArgumentException(what + ": " + names[i] + " must be [layers*directions, batch, size] = ["
            + cells + ", " + batch + ", " + sizes[i] + "], got " + p.shape());
      }
      if (p.dtype() != dtype) {
        throw new IllegalArgumentException(what + ": " + names[i] + " is " + p.dtype() + " but the input is " + dtype);
      }
    }
  }

  /** The per-cell states, in index order {@code layer * directions + direction}. */
  static RecurrentState[] unstack(RecurrentState stacked, int cells) {
    RecurrentState[] out = new RecurrentState[cells];
    List<List<Var>> parts = new ArrayList<>();
    for (int c = 0; c < cells; c++) {
      parts.add(new ArrayList<>());
    }
    for (Var p : stacked.parts()) {
      List<Var> pieces = cells == 1 ? List.of(p) : p.chunk(cells, 0);
      for (int c = 0; c < cells; c++) {
        parts.get(c).add(pieces.get(c).squeeze(0));
      }
    }
    for (int c = 0; c < cells; c++) {
      out[c] = RecurrentState.of(parts.get(c));
    }
    return out;
  }

  /** The layer state of per-cell states. */
  static RecurrentState stack(RecurrentState[] states) {
    List<Var> parts = new ArrayList<>(states[0].size());
    for (int i = 0; i < states[0].size(); i++) {
      List<Var> column = new ArrayList<>(states.length);
      for (RecurrentState s : states) {
        column.add(s.part(i));
      }
      parts.add(ShapeOps.stack(0, column));
    }
    return RecurrentState.of(parts);
  }

  /** Default part names for messages: h0 for part 0, c0 for part 1, then part2, ... */
  static String[] names(int parts) {
    String[] n = new String[parts];
    for (int i = 0; i < parts; i++) {
      n[i] = i == 0 ? "h0" : i == 1 ? "c0" : "part" + i;
    }
    return n;
  }
}
