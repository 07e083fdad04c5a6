package dev.eddy.nn.recurrent;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.List;

/**
 * The fast path of {@link SequenceLoop}: a built-in cell over a whole sequence as one fused op
 * ({@link FusedLstm}, {@link FusedGru}, {@link FusedRnn}) instead of a few ops per step. It gives
 * what the composed cells give, within rounding (property-tested against them), for every option
 * the driver has: initial states, lengths, reverse direction, batch-first (handled by the callers),
 * stacking and both directions. Not fused: an {@link LstmCell} with a projection, and any other cell.
 *
 * <p>The system property {@code eddy.recurrent.fused=false} turns it off for the whole JVM; layers
 * turn it off one by one with their builders' {@code fastPath(false)}.
 */
final class FusedPath {
  private FusedPath() {}

  /** The system property that, set to {@code false}, forces the composed path everywhere. */
  static final String PROPERTY = "eddy.recurrent.fused";

  private static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());

  /** Whether {@code cell} runs fused when its caller allows it. */
  static boolean supports(RecurrentCell cell) {
    return ENABLED && (cell instanceof RnnCell || cell instanceof GruCell
        || (cell instanceof LstmCell lstm && lstm.projSize() == 0));
  }

  /**
   * Runs {@code cell} (which {@link #supports}) over {@code x [time, batch, in]} from
   * {@code initial}, as {@link SequenceLoop#run} does.
   */
  static SequenceResult run(RecurrentCell cell, Var x, RecurrentState initial, Lengths lengths, boolean reverse) {
    int time = x.dim(0);
    int batch = x.dim(1);
    int in = x.dim(2);
    // Padded sequences are reversed within their own lengths by a row permutation, as the composed path does.
    int[] order = reverse && lengths != null ? lengths.reversal() : null;
    Var input = order == null ? x : x.reshape(time * batch, in).indexSelect(0, order).reshape(time, batch, in);
    FusedSteps steps = new FusedSteps(time, batch, lengths, reverse && order == null);
    if (steps.steps == 0) {
      return new SequenceResult(Var.constant(Tensor.zeros(x.dtype(), time, batch, cell.outputSize())), initial);
    }
    List<Var> out = x.dtype() == DType.F32
        ? fused(FusedKernelsF32.INSTANCE, steps, cell, input, initial).run()
        : fused(FusedKernelsF64.INSTANCE, steps, cell, input, initial).run();
    Var y = out.get(0);
    if (order != null) {
      int h = y.dim(2);
      y = y.reshape(time * batch, h).indexSelect(0, order).reshape(time, batch, h);
    }
    return new SequenceResult(y, RecurrentState.of(out.subList(1, out.size())));
  }

  private static <T> FusedSequence<T> fused(FusedKernels<T> k, FusedSteps steps, RecurrentCell cell, Var x,
      RecurrentState initial) {
    return switch (cell) {
      case LstmCell lstm -> new FusedLstm<>(k, steps, lstm, x, initial.part(0), initial.part(1));
      case GruCell gru -> new FusedGru<>(k, steps, gru, x, initial.part(0));
      case RnnCell rnn -> new FusedRnn<>(k, steps, rnn, x, initial.part(0));
      default -> throw new IllegalArgumentException("FusedPath: no fused op for " + cell.label());
    };
  }
}
