package dev.eddy.nn.recurrent;

import dev.eddy.autograd.ElementwiseOps;
import dev.eddy.autograd.ShapeOps;
import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Shape;
import dev.eddy.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The one loop that runs a cell over time, for every caller ({@link Recurrence},
 * {@link Bidirectional}, {@link RecurrentStack}). Inputs arrive checked and time-major.
 *
 * <p>The inputs of all steps are projected with one {@link RecurrentCell#projectInput} call and cut
 * into per-step blocks by one {@code chunk}. With lengths, a sequence that has ended keeps its state
 * ({@code where(running, next, previous)}, so no gradient reaches the steps it skipped) and outputs
 * zeros; steps past the longest sequence are not run at all. The reverse direction reverses each
 * sequence within its own length (one row permutation before and after), so it starts at the
 * sequence's last real step.
 */
final class SequenceLoop {
  private SequenceLoop() {}

  /**
   * Runs {@code cell} over {@code x [time, batch, in]} from {@code initial}; output time-major. With
   * {@code fastPath}, a built-in cell runs as one fused op ({@link FusedPath}).
   */
  static SequenceResult run(RecurrentCell cell, Var x, RecurrentState initial, Lengths lengths, boolean reverse,
      boolean fastPath) {
    if (fastPath && FusedPath.supports(cell)) {
      return FusedPath.run(cell, x, initial, lengths, reverse);
    }
    int time = x.dim(0);
    int batch = x.dim(1);
    int in = x.dim(2);
    int[] order = reverse && lengths != null ? lengths.reversal() : null;
    Var input = !reverse ? x
        : order == null ? x.flip(0)
        : x.reshape(time * batch, in).indexSelect(0, order).reshape(time, batch, in);
    int steps = lengths == null ? time : lengths.max();
    if (steps < time) {
      input = input.narrow(0, 0, steps);
    }
    List<Var> blocks = steps == 0 ? List.of() : cell.projectInput(input.reshape(steps * batch, in)).chunk(steps, 0);

    DType dtype = x.dtype();
    Var zero = Var.constant(Tensor.zeros(dtype));
    RecurrentState state = initial;
    List<Var> outputs = new ArrayList<>(time);
    for (int t = 0; t < steps; t++) {
      RecurrentState next = cell.stepProjected(blocks.get(t), state);
      checkStep(cell, next, state);
      Tensor running = lengths == null ? null : lengths.runningMask(t, dtype);
      if (running == null) {
        state = next;
        outputs.add(next.output());
      } else {
        List<Var> parts = new ArrayList<>(state.size());
        for (int i = 0; i < state.size(); i++) {
          parts.add(ElementwiseOps.where(running, next.part(i), state.part(i)));
        }
        state = RecurrentState.of(parts);
        outputs.add(ElementwiseOps.where(running, next.output(), zero));
      }
    }
    if (steps < time) {
      Var idle = Var.constant(Tensor.zeros(dtype, batch, cell.outputSize()));
      for (int t = steps; t < time; t++) {
        outputs.add(idle);
      }
    }
    Var out = ShapeOps.stack(0, outputs);
    if (reverse) {
      int size = out.dim(2);
      out = order == null ? out.flip(0) : out.reshape(time * batch, size).indexSelect(0, order).reshape(time, batch, size);
    }
    return new SequenceResult(out, state);
  }

  /**
   * One layer over {@code x [time, batch, in]}: {@code cells[0]} forward and, if there is a second,
   * {@code cells[1]} reversed, their outputs merged. Cell {@code k} starts from
   * {@code initial[offset + k]} and its final state is stored at {@code finals[offset + k]}.
   */
  static Var runLayer(RecurrentCell[] cells, Merge merge, Var x, RecurrentState[] initial, int offset,
      Lengths lengths, RecurrentState[] finals, boolean fastPath) {
    SequenceResult forward = run(cells[0], x, initial[offset], lengths, false, fastPath);
    finals[offset] = forward.state();
    if (cells.length == 1) {
      return forward.output();
    }
    SequenceResult reverse = run(cells[1], x, initial[offset + 1], lengths, true, fastPath);
    finals[offset + 1] = reverse.state();
    return merge.apply(forward.output(), reverse.output());
  }

  /** A user's cell must return a state shaped like the one it was given. */
  private static void checkStep(RecurrentCell cell, RecurrentState next, RecurrentState previous) {
    if (next == null || next.size() != previous.size()) {
      throw new IllegalStateException(cell.label() + ".step returned " + (next == null ? "null" : next.size()
          + " state part(s)") + " for a state of " + previous.size());
    }
    for (int i = 0; i < next.size(); i++) {
      Shape want = previous.part(i).shape();
      if (!next.part(i).shape().equals(want)) {
        throw new IllegalStateException(cell.label() + ".step returned state part " + i + " of shape "
            + next.part(i).shape() + ", expected " + want);
      }
    }
  }
}
