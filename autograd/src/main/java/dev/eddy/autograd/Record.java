package dev.eddy.autograd;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Shape;
import dev.eddy.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * One op run on an open {@link Tape}: its inputs, its backward (whose captures are what the op saved),
 * and, while a backward pass runs, the gradients arriving at its outputs. Releasing a record drops
 * everything it saved; a released record refuses further gradients.
 */
final class Record {
  final Tape tape;
  final String op;
  /** Position on the tape; records are in the order they ran, which is a topological order. */
  final int index;
  /** Shapes and dtypes of the outputs; kept only for multi-output records (unused outputs get zeros). */
  private final Shape[] outShapes;
  private final DType[] outDtypes;

  private Var[] inputs;
  /** A {@link Backward}, {@link MultiBackward} or {@code UnaryOperator<Tensor>}. */
  private Object backward;
  /** Where the forward call was made; only captured in anomaly mode. */
  final CallSite site;

  private Tensor[] grads;
  /** Whether grads[i] was allocated by the backward pass itself (and may be added to in place). */
  private boolean[] owned;
  private boolean released;

  Record(Tape tape, String op, int index, Var[] inputs, Object backward, Shape[] outShapes,
      DType[] outDtypes, CallSite site) {
    this.tape = tape;
    this.op = op;
    this.index = index;
    this.inputs = inputs;
    this.backward = backward;
    this.outShapes = outShapes;
    this.outDtypes = outDtypes;
    this.site = site;
  }

  boolean isReleased() {
    return released;
  }

  boolean hasGradient() {
    return grads != null;
  }

  Var[] inputs() {
    return inputs;
  }

  /** Adds {@code g} to the gradient of output {@code output}; never writes into a tensor it did not allocate. */
  void receive(int output, Tensor g, Var from) {
    if (released) {
      throw new IllegalStateException("backward: " + from.label() + " was produced by op '" + op + "'"
          + (tape.isClosed() ? " on a tape that is closed" : " whose saved tensors an earlier backward call already freed")
          + ", so no gradient can flow through it; call detach() on it to use its value as a constant"
          + " (e.g. a recurrent state carried into the next chunk)");
    }
    if (grads == null) {
      int n = outShapes == null ? 1 : outShapes.length;
      grads = new Tensor[n];
      owned = new boolean[n];
    }
    Tensor have = grads[output];
    if (have == null) {
      grads[output] = g;
    } else if (owned[output]) {
      have.addInPlace(g);
    } else {
      grads[output] = have.add(g);
      owned[output] = true;
    }
  }

  /** Runs the backward on the gradients received so far; {@code needsGrad} flags the inputs that want one. */
  @SuppressWarnings("unchecked")
  Tensor[] runBackward(boolean[] needsGrad) {
    return switch (backward) {
      case Backward b -> b.gradients(grads[0], needsGrad);
      case MultiBackward m -> {
        for (int i = 0; i < grads.length; i++) {
          if (grads[i] == null) {
            grads[i] = Tensor.zeros(outDtypes[i], outShapes[i].dims());
          }
        }
        yield m.gradients(grads, needsGrad);
      }
      case UnaryOperator<?> u -> new Tensor[] {((UnaryOperator<Tensor>) u).apply(grads[0])};
      default -> throw new IllegalStateException("record of '" + op + "' has no backward");
    };
  }

  /** Forgets the gradients received so far (after a failed backward pass). */
  void dropGradients() {
    grads = null;
    owned = null;
  }

  /** Drops the inputs, the backward (and with it every saved tensor) and any pending gradients. */
  void release() {
    released = true;
    inputs = null;
    backward = null;
    grads = null;
    owned = null;
  }
}
