package dev.eddy.autograd;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Checks the analytic gradients of any function of {@link Var}s against central differences in
 * float64.
 *
 * <pre>{@code
 * GradCheck.of("affine", v -> v.get(0).matmul(v.get(1)).add(v.get(2)).tanh())
 *     .input("x", x).input("w", w).input("b", b)
 *     .check();                     // throws GradCheck.Failure naming the input and worst element
 * }</pre>
 *
 * <p>The inputs are converted to F64 and passed to the function as parameters, in order; the function
 * must return an F64 Var (anything else it uses, such as masks or targets, it captures, in F64). Its
 * output {@code y} of any shape is reduced against a fixed random seed {@code r} to the scalar
 * {@code L = Σ r·y}; the analytic gradient of L comes from one {@link Tape#backward(Var, Tensor)},
 * the numeric one from {@code (L(x + εe) - L(x - εe)) / 2ε}, either for every element of every input
 * (the default) or along a few random unit directions per input ({@link #randomDirections}), which
 * costs two evaluations per direction instead of two per element. An element passes when
 * {@code |analytic - numeric| <= atol + rtol · max(|analytic|, |numeric|)}.
 *
 * <p>The function is evaluated many times and must be deterministic (dropout: make a new seeded
 * generator inside it). The check opens its own tape, so it cannot run while one is open.
 */
public final class GradCheck {
  /** A gradient disagreed with finite differences; the message names the input and the worst element. */
  public static final class Failure extends AssertionError {
    Failure(String message) {
      super(message);
    }
  }

  private final String name;
  private final Function<List<Var>, Var> function;
  private final List<String> names = new ArrayList<>();
  private final List<Tensor> inputs = new ArrayList<>();
  private double eps = 1e-6;
  private double rtol = 1e-6;
  private double atol = 1e-7;
  private int directions;
  private long seed = 0x5EED;

  private GradCheck(String name, Function<List<Var>, Var> function) {
    this.name = name;
    this.function = function;
  }

  /** A check of {@code function}, called {@code name} in failure messages. */
  public static GradCheck of(String name, Function<List<Var>, Var> function) {
    return new GradCheck(name, function);
  }

  /** Adds an input (converted to F64), passed to the function at the next position of its list. */
  public GradCheck input(String inputName, Tensor value) {
    names.add(inputName);
    inputs.add(value.to(DType.F64));
    return this;
  }

  /** Adds several unnamed inputs (they are called {@code #0}, {@code #1}, ... in messages). */
  public GradCheck inputs(Tensor... values) {
    for (Tensor v : values) {
      input("#" + inputs.size(), v);
    }
    return this;
  }

  /** The finite-difference step (default 1e-6). */
  public GradCheck eps(double step) {
    if (!(step > 0)) {
      throw new IllegalArgumentException("GradCheck.eps: the step must be positive, got " + step);
    }
    this.eps = step;
    return this;
  }

  /** The tolerance {@code atol + rtol · max(|analytic|, |numeric|)} (defaults 1e-6 and 1e-7). */
  public GradCheck tolerance(double relative, double absolute) {
    if (!(relative >= 0) || !(absolute >= 0)) {
      throw new IllegalArgumentException("GradCheck.tolerance: rtol " + relative + " and atol " + absolute
          + " must be non-negative");
    }
    this.rtol = relative;
    this.atol = absolute;
    return this;
  }

  /** Checks {@code count} random unit directions per input instead of every element. */
  public GradCheck randomDirections(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("GradCheck.randomDirections: need at least 1 direction, got " + count);
    }
    this.directions = count;
    return this;
  }

  /** The seed of the output weights {@code r} and of the random directions (default fixed). */
  public GradCheck seed(long newSeed) {
    this.seed = newSeed;
    return this;
  }

  /**
   * Runs the check.
   *
   * @return the largest ratio {@code |analytic - numeric| / tolerance} seen (at most 1 on success)
   * @throws Failure when an input's gradient is out of tolerance
   */
  public double check() {
    SplittableRandom rng = new SplittableRandom(seed);
    Tensor[] analytic = new Tensor[inputs.size()];
    Tensor weights = analytic(rng, analytic);
    double worst = 0;
    for (int i = 0; i < inputs.size(); i++) {
      worst = Math.max(worst, directions == 0
          ? checkElements(i, analytic[i], weights)
          : checkDirections(i, analytic[i], weights, rng));
    }
    return worst;
  }

  /** Fills {@code grads} with the analytic gradients of {@code Σ r·y}; returns the weights r. */
  private Tensor analytic(SplittableRandom rng, Tensor[] grads) {
    List<Var> vars = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      vars.add(Var.parameter(names.get(i), inputs.get(i)));
    }
    Tensor weights;
    try (Tape tape = Tape.open()) {
      Var y = apply(vars);
      weights = Tensor.normal(rng, DType.F64, 0, 1, y.shape().dims());
      if (y.requiresGrad()) {
        tape.backward(y, weights);
      }
    }
    for (int i = 0; i < grads.length; i++) {
      Tensor g = vars.get(i).grad();
      grads[i] = g != null ? g : Tensor.zerosLike(inputs.get(i));
    }
    return weights;
  }

  private Var apply(List<Var> vars) {
    Var y = function.apply(vars);
    if (y == null || y.dtype() != DType.F64) {
      throw new IllegalArgumentException("GradCheck of '" + name + "': the function must return an F64 Var, got "
          + (y == null ? "null" : y.dtype() + " " + y.shape()) + "; make the constants it captures F64");
    }
    return y;
  }

  /** {@code Σ r·y} with input {@code i} replaced by {@code values}. */
  private double loss(int i, double[] values, Tensor weights) {
    List<Var> vars = new ArrayList<>(inputs.size());
    for (int j = 0; j < inputs.size(); j++) {
      Tensor v = j == i ? Tensor.of(values, inputs.get(j).shape().dims()) : inputs.get(j);
      vars.add(Var.constant(v));
    }
    double[] y = apply(vars).value().f64();
    double[] r = weights.f64();
    double sum = 0;
    for (int k = 0; k < y.length; k++) {
      sum += r[k] * y[k];
    }
    return sum;
  }

  private double checkElements(int i, Tensor analytic, Tensor weights) {
    double[] x = inputs.get(i).toDoubleArray();
    double[] a = analytic.f64();
    double worstRatio = 0;
    int worstAt = -1;
    double worstNumeric = 0;
    int failing = 0;
    for (int k = 0; k < x.length; k++) {
      double numeric = centralDifference(i, x, k, null, weights);
      double ratio = ratio(a[k], numeric);
      if (ratio > 1) {
        failing++;
      }
      if (ratio > worstRatio || worstAt < 0) {
        worstRatio = ratio;
        worstAt = k;
        worstNumeric = numeric;
      }
    }
    if (failing > 0) {
      throw failure(i, "worst element " + Arrays.toString(Anomalies.unravel(worstAt, inputs.get(i).shape())),
          a[worstAt], worstNumeric, failing + " of " + x.length + " elements out of tolerance");
    }
    return worstRatio;
  }

  private double checkDirections(int i, Tensor analytic, Tensor weights, SplittableRandom rng) {
    double[] x = inputs.get(i).toDoubleArray();
    double[] a = analytic.f64();
    double worstRatio = 0;
    for (int d = 0; d < directions; d++) {
      double[] dir = Tensor.normal(rng, DType.F64, 0, 1, x.length).toDoubleArray();
      double norm = 0;
      for (double v : dir) {
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      double along = 0;
      for (int k = 0; k < x.length; k++) {
        dir[k] = norm > 0 ? dir[k] / norm : 0;
        along += a[k] * dir[k];
      }
      double numeric = centralDifference(i, x, -1, dir, weights);
      double ratio = ratio(along, numeric);
      if (ratio > 1) {
        throw failure(i, "along random direction " + d + " of " + directions + " (seed " + seed + ")", along, numeric,
            "directional derivative out of tolerance");
      }
      worstRatio = Math.max(worstRatio, ratio);
    }
    return worstRatio;
  }

  /** {@code (L(x + ε·v) - L(x - ε·v)) / 2ε} for v the unit vector at {@code k} or {@code dir}. */
  private double centralDifference(int i, double[] x, int k, double[] dir, Tensor weights) {
    double[] plus = x.clone();
    double[] minus = x.clone();
    if (dir == null) {
      plus[k] += eps;
      minus[k] -= eps;
    } else {
      for (int j = 0; j < x.length; j++) {
        plus[j] += eps * dir[j];
        minus[j] -= eps * dir[j];
      }
    }
    return (loss(i, plus, weights) - loss(i, minus, weights)) / (2 * eps);
  }

  private double ratio(double analytic, double numeric) {
    double diff = Math.abs(analytic - numeric);
    double tol = atol + rtol * Math.max(Math.abs(analytic), Math.abs(numeric));
    return Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff / tol;
  }

  private Failure failure(int i, String where, double analytic, double numeric, String summary) {
    double diff = Math.abs(analytic - numeric);
    double tol = atol + rtol * Math.max(Math.abs(analytic), Math.abs(numeric));
    return new Failure(String.format(
        "GradCheck failed for input '%s' (#%d, shape %s) of '%s': %s: analytic %.10g, numeric %.10g, |diff| %.3g > tol %.3g"
            + " (rtol %.1g, atol %.1g, eps %.1g); %s",
        names.get(i), i, inputs.get(i).shape(), name, where, analytic, numeric, diff, tol, rtol, atol, eps, summary));
  }
}
