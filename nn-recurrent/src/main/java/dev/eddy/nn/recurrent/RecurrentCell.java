package dev.eddy.nn.recurrent;

import dev.eddy.autograd.Var;
import dev.eddy.nn.Module;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Shape;
import dev.eddy.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * One time step of a recurrent network: {@code state = cell.step(x_t, state)}.
 *
 * <p>A cell says how many input features it takes ({@link #inputSize()}), what its state is made of
 * ({@link #stateSizes()}: one {@code [batch, size]} part per entry, part 0 being the output), and how
 * one step maps an input {@code [batch, inputSize]} and a state to the next state
 * ({@link #step}), composed from differentiable ops. The state is passed in and returned, never kept
 * in the cell. Those three methods are all a new cell needs: the sequence driver
 * ({@link Recurrence}: zero initial states, per-sequence lengths, reverse direction),
 * {@link Bidirectional}, stacking ({@link RecurrentStack}) and gradient checks then work for it
 * unchanged. A cell's {@code step} checks its arguments with {@link #checkStep}.
 *
 * <p>Parameters are registered as in any {@link Module}; the built-in cells use PyTorch's cell names
 * ({@code weight_ih}, {@code weight_hh}, {@code bias_ih}, {@code bias_hh}).
 *
 * <p><b>Input projection.</b> A cell whose step starts with a transform of the input alone (the
 * built-in cells compute {@code x W_ihᵀ + b_ih}) may override {@link #projectInput} and
 * {@link #stepProjected}; the driver then projects the inputs of all time steps in one matrix product
 * instead of one per step. Both have defaults that leave a new cell correct without them.
 */
public abstract class RecurrentCell extends Module {

  protected RecurrentCell() {}

  /** The number of input features of one step. */
  public abstract int inputSize();

  /** The sizes of the state's parts, each {@code [batch, size]}; part 0 is the output. */
  public abstract int[] stateSizes();

  /** One step: {@code x [batch, inputSize]} and the previous state give the next state. */
  public abstract RecurrentState step(Var x, RecurrentState state);

  /** The size of the step's output, {@code stateSizes()[0]}. */
  public final int outputSize() {
    return stateSizes()[0];
  }

  /** The all-zero state for {@code batch} sequences: constants, one {@code [batch, size]} per part. */
  public final RecurrentState zeroState(int batch, DType dtype) {
    int[] sizes = stateSizes();
    List<Var> parts = new ArrayList<>(sizes.length);
    for (int size : sizes) {
      parts.add(Var.constant(Tensor.zeros(dtype, batch, size)));
    }
    return RecurrentState.of(parts);
  }

  /**
   * The input-only part of a step for many rows at once: {@code x [n, inputSize] -> [n, any]}. The
   * driver calls it once with the inputs of every time step ({@code n = time * batch}) and hands row
   * block t to {@link #stepProjected}. Default: the input itself.
   */
  protected Var projectInput(Var x) {
    return x;
  }

  /**
   * The rest of a step, from a block of {@link #projectInput}'s rows {@code [batch, any]}; must equal
   * {@code step(x, state)} for {@code projected = projectInput(x)}. Default: {@code step(projected, state)}.
   */
  protected RecurrentState stepProjected(Var projected, RecurrentState state) {
    return step(projected, state);
  }

  /**
   * Checks the arguments of {@link #step} at its public edge, with messages that name the cell:
   * {@code x} must be {@code [batch, inputSize]} of the parameters' dtype and {@code state} must have
   * this cell's parts, each {@code [batch, size]} of that dtype. The driver checks whole sequences
   * itself; a cell calls this first in its {@code step}, which users may call directly.
   *
   * @throws IllegalArgumentException e.g. {@code "MinGruCell: input must be [batch, 4], got [3, 5]"}
   */
  protected final void checkStep(Var x, RecurrentState state) {
    if (x.rank() != 2 || x.dim(1) != inputSize()) {
      throw new IllegalArgumentException(label() + ": input must be [batch, " + inputSize() + "], got " + x.shape());
    }
    DType dtype = InputCheck.parameterDtype(this);
    if (dtype != null && x.dtype() != dtype) {
      throw new IllegalArgumentException(label() + ": input is " + x.dtype() + " but the parameters are " + dtype);
    }
    checkState(label(), state, x.dim(0), x.dtype());
  }

  /**
   * Checks that {@code state} fits this cell for {@code batch} rows of {@code dtype}; {@code what}
   * names the caller in the message.
   */
  final void checkState(String what, RecurrentState state, int batch, DType dtype) {
    int[] sizes = stateSizes();
    if (state.size() != sizes.length) {
      throw new IllegalArgumentException(what + ": the state must have " + sizes.length + " part(s), got "
          + state.size());
    }
    for (int i = 0; i < sizes.length; i++) {
      Var p = state.part(i);
      if (!p.shape().equals(Shape.of(batch, sizes[i]))) {
        throw new IllegalArgumentException(what + ": state part " + i + " must be [batch, size] = [" + batch + ", "
            + sizes[i] + "], got " + p.shape());
      }
      if (p.dtype() != dtype) {
        throw new IllegalArgumentException(what + ": state part " + i + " is " + p.dtype() + " but the input is "
            + dtype);
      }
    }
  }

  /** The name used in messages: the class name. */
  String label() {
    return getClass().getSimpleName();
  }
}
