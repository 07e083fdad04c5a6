package dev.eddy.examples.memory;

import dev.eddy.autograd.Var;
import dev.eddy.nn.Linear;
import dev.eddy.nn.Module;
import dev.eddy.nn.recurrent.RecurrentOutput;
import dev.eddy.nn.recurrent.RecurrentStack;
import java.util.SplittableRandom;

/**
 * A recurrent layer and a {@link Linear} head: the model of the memory tasks. Parameters
 * {@code rnn.*} (PyTorch's names) and {@code head.weight}, {@code head.bias}.
 */
final class MemoryModel extends Module {
  private final RecurrentStack rnn;
  private final Linear head;

  /** {@code rnn} (time-major) with a head from its output size to {@code outputs}, drawn from {@code seed}. */
  MemoryModel(RecurrentStack rnn, int outputs, long seed) {
    this.rnn = registerModule("rnn", rnn);
    this.head = registerModule("head", new Linear(rnn.outputSize(), outputs, true, rnn.dtype(),
        new SplittableRandom(seed)));
  }

  /** The head on the last state: {@code x [time, batch, in] -> [batch, outputs]}. */
  Var lastStep(Var x) {
    RecurrentOutput out = rnn.forward(x);
    return head.forward(out.output().select(0, x.dim(0) - 1));
  }

  /** The head on every step: {@code x [time, batch, in] -> [time * batch, outputs]}, time-major rows. */
  Var everyStep(Var x) {
    Var h = rnn.forward(x).output();
    return head.forward(h.reshape(h.dim(0) * h.dim(1), h.dim(2)));
  }
}
