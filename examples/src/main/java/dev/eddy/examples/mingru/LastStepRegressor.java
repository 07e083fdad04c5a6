package dev.eddy.examples.mingru;

import dev.eddy.autograd.Var;
import dev.eddy.nn.Linear;
import dev.eddy.nn.Module;
import dev.eddy.nn.recurrent.RecurrentStack;
import java.util.SplittableRandom;

/**
 * A recurrent layer and a linear read-out of its last step: {@code [T, batch, in] -> [batch, 1]}.
 *
 * <p>With {@code scan}, a one-way stack of {@link MinGruCell}s runs each layer with
 * {@link MinGruCell#scan} instead of the sequence driver: the same parameters and (to rounding) the
 * same outputs, computed for all steps at once.
 */
final class LastStepRegressor extends Module {
  private final RecurrentStack rnn;
  private final Linear head;
  private final boolean scan;

  LastStepRegressor(RecurrentStack rnn, boolean scan, long seed) {
    if (scan && (rnn.isBidirectional() || !(rnn.cell(0, 0) instanceof MinGruCell))) {
      throw new IllegalArgumentException("LastStepRegressor: the scan needs a one-way stack of minGRU cells");
    }
    this.rnn = registerModule("rnn", rnn);
    this.head = registerModule("head", new Linear(rnn.outputSize(), 1, true, rnn.dtype(), new SplittableRandom(seed)));
    this.scan = scan;
  }

  /** {@code x [T, batch, in]} to one prediction per sequence, {@code [batch, 1]}. */
  Var forward(Var x) {
    Var h = x;
    if (scan) {
      for (int layer = 0; layer < rnn.numLayers(); layer++) {
        h = ((MinGruCell) rnn.cell(layer, 0)).scan(h, null);
      }
    } else {
      h = rnn.forward(x).output();
    }
    return head.forward(h.select(0, h.dim(0) - 1));
  }
}
