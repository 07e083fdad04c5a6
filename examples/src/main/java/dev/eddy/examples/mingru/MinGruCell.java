package dev.eddy.examples.mingru;

import dev.eddy.autograd.ElementwiseOps;
import dev.eddy.autograd.MatMulOps;
import dev.eddy.autograd.Op;
import dev.eddy.autograd.Var;
import dev.eddy.nn.Init;
import dev.eddy.nn.recurrent.RecurrentCell;
import dev.eddy.nn.recurrent.RecurrentState;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * minGRU (Feng et al. 2024, "Were RNNs All We Needed?"), written the way a user extends Eddy: outside
 * the library, through the public cell interface only.
 *
 * <pre>
 * z  = σ(x W_zᵀ + b_z)
 * h̃  = g(x W_hᵀ + b_h),   g(v) = v + 1/2 for v ≥ 0, σ(v) for v &lt; 0
 * h' = (1 - z) ⊙ h + z ⊙ h̃
 * </pre>
 *
 * <p>This is the paper's log-space variant: {@code g} keeps {@code h̃} positive so that its logarithm
 * exists, and the step uses the same {@code g}, so the two forms below compute the same function.
 *
 * <ul>
 *   <li><b>Step by step</b> ({@link #step}): a {@link RecurrentCell} like the built-in ones, so the
 *       sequence driver ({@code Recurrence}: lengths, reverse direction), {@code Bidirectional},
 *       {@code RecurrentStack} and state dicts all work with it unchanged.
 *   <li><b>All steps at once</b> ({@link #scan}): no gate sees {@code h}, so
 *       {@code h_t = a_t ⊙ h_{t-1} + b_t} with {@code a_t = 1 - z_t} and {@code b_t = z_t ⊙ h̃_t} is a
 *       linear recurrence, computed for every t by {@link LogSpaceScan} from {@code log a_t} and
 *       {@code log b_t}: a few whole-sequence ops instead of a few per step.
 * </ul>
 *
 * <p>State {@code (h [batch, hidden])}. Parameters {@code weight_ih [2·hidden, in]} and
 * {@code bias_ih [2·hidden]}, the z block then the h̃ block (one matrix product gives both),
 * initialised as PyTorch's {@code nn.Linear}: {@code U(-1/√in, 1/√in)}.
 */
public final class MinGruCell extends RecurrentCell {
  static final String WEIGHT = "weight_ih";
  static final String BIAS = "bias_ih";

  private final int inputSize;
  private final int hiddenSize;

  /** A cell of {@code inputSize} features and {@code hiddenSize} units, its parameters drawn from {@code seed}. */
  public MinGruCell(int inputSize, int hiddenSize, DType dtype, long seed) {
    if (inputSize < 1 || hiddenSize < 1) {
      throw new IllegalArgumentException("MinGruCell: input and hidden sizes must be at least 1, got " + inputSize
          + " and " + hiddenSize);
    }
    Objects.requireNonNull(dtype, "MinGruCell: dtype is null");
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    SplittableRandom rng = new SplittableRandom(seed);
    double bound = 1 / Math.sqrt(inputSize);
    registerParameter(WEIGHT, Init.uniform(rng, dtype, bound, 2 * hiddenSize, inputSize));
    registerParameter(BIAS, Init.uniform(rng, dtype, bound, 2 * hiddenSize));
  }

  @Override
  public int inputSize() {
    return inputSize;
  }

  /** The number of units. */
  public int hiddenSize() {
    return hiddenSize;
  }

  @Override
  public int[] stateSizes() {
    return new int[] {hiddenSize};
  }

  @Override
  public RecurrentState step(Var x, RecurrentState state) {
    checkStep(x, state);
    return stepProjected(projectInput(x), state);
  }

  /** Both pre-activations of many rows at once: {@code [n, in] -> [n, 2·hidden]} (z block, then h̃ block). */
  @Override
  protected Var projectInput(Var x) {
    return MatMulOps.matmul(x, false, parameter(WEIGHT), true).add(parameter(BIAS));
  }

  @Override
  protected RecurrentState stepProjected(Var projected, RecurrentState state) {
    List<Var> zh = projected.chunk(2, 1);
    Var z = zh.get(0).sigmoid();
    Var candidate = g(zh.get(1));
    Var h = state.output();
    return RecurrentState.of(h.add(z.mul(candidate.sub(h)))); // (1 - z) h + z h̃
  }

  /**
   * Every step at once, in log space: the same outputs as running {@link #step} over time (to rounding),
   * in a fixed number of whole-sequence ops. Sequences are full length (no {@code lengths}).
   *
   * @param x {@code [time, batch, inputSize]}, time-major as the driver's default
   * @param h0 the initial state {@code [batch, hidden]} (any sign), or null for zeros
   * @return h for every step, {@code [time, batch, hidden]}; the last step is the final state
   */
  public Var scan(Var x, Var h0) {
    if (x.rank() != 3 || x.dim(2) != inputSize) {
      throw new IllegalArgumentException("MinGruCell.scan: input must be [time, batch, " + inputSize + "], got "
          + x.shape());
    }
    if (x.dtype() != dtype()) {
      throw new IllegalArgumentException("MinGruCell.scan: input is " + x.dtype() + " but the parameters are "
          + dtype());
    }
    int time = x.dim(0);
    int batch = x.dim(1);
    if (h0 != null && (h0.rank() != 2 || h0.dim(0) != batch || h0.dim(1) != hiddenSize || h0.dtype() != x.dtype())) {
      throw new IllegalArgumentException("MinGruCell.scan: h0 must be [batch, hidden] = [" + batch + ", " + hiddenSize
          + "] of " + x.dtype() + ", got " + h0.shape() + " of " + h0.dtype());
    }
    List<Var> zh = projectInput(x.reshape(time * batch, inputSize)).reshape(time, batch, 2 * hiddenSize).chunk(2, 2);
    List<Var> gates = logGates(zh.get(0));
    Var logA = gates.get(1); // log(1 - z)
    Var logB = gates.get(0).add(logG(zh.get(1))); // log z + log h̃
    return LogSpaceScan.linearRecurrence(logA, logB, h0);
  }

  /** The paper's {@code g}: {@code v + 1/2} for {@code v ≥ 0}, {@code σ(v)} below; continuous, positive, rising. */
  static Var g(Var v) {
    return ElementwiseOps.where(v.value().ge(0), v.add(0.5), v.sigmoid());
  }

  /**
   * {@code log g(v)}, without forming {@code g(v)}: {@code log(v + 1/2)} for {@code v ≥ 0} and
   * {@code log σ(v)} below. Both branches are computed for every element, finite ({@code v} is clamped
   * at 0 in the first, whose gradient still passes at 0 as {@link #g}'s does), and blended by the
   * constant 0/1 mask {@code m} as {@code m ⊙ first + (1 - m) ⊙ second}: exact, and three vectorised
   * ops where {@code where} is a scalar loop.
   */
  static Var logG(Var v) {
    Tensor nonNegative = v.value().ge(0);
    Var positiveBranch = v.clamp(0, Double.POSITIVE_INFINITY).add(0.5).log();
    Var negativeBranch = logGates(v).get(0);
    return positiveBranch.mul(Var.constant(nonNegative)).add(negativeBranch.mul(Var.constant(nonNegative.rsub(1))));
  }

  /**
   * {@code log σ(k)} and {@code log(1 - σ(k)) = log σ(-k)}: a custom op with two outputs (forward and
   * backward on tensors, see docs/extending.md). Both share {@code L = log(1 + e^-|k|)}:
   * {@code log σ(k) = min(k, 0) - L} and {@code log σ(-k) = -max(k, 0) - L}, finite for every k, where
   * {@code log(sigmoid(k))} would be {@code -∞} once {@code σ(k)} underflows. Derivatives
   * {@code σ(-k)} and {@code -σ(k)}.
   */
  static List<Var> logGates(Var k) {
    Tensor x = k.value();
    Tensor shared = x.abs().neg().exp().add(1).log();
    List<Tensor> outputs = List.of(x.minimum(0).sub(shared), x.maximum(0).neg().sub(shared));
    return Op.results("logGates", outputs, (g, needsGrad) -> {
      Tensor z = x.sigmoid();
      return new Tensor[] {g[0].mul(z.rsub(1)).sub(g[1].mul(z))};
    }, k);
  }
}
