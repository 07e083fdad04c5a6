package dev.eddy.optim;

import dev.eddy.autograd.Var;
import dev.eddy.io.Json;
import dev.eddy.io.JsonException;
import dev.eddy.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Updates named parameters from their gradients: the common part of {@link Sgd}, {@link Adam},
 * {@link AdamW}, {@link RmsProp} and {@link Adagrad}, which follow PyTorch 1.13's update rules
 * step for step.
 *
 * <p><b>Parameters</b> are given as a {@code Map<String, Var>} in a stable order (a module's named
 * parameters) or as a {@code List<Var>}, then named {@code "0"}, {@code "1"}, ... Each must be a
 * leaf that requires a gradient, and appear once.
 *
 * <p><b>A step</b> ({@link #step()}) updates every parameter that has a gradient, in place: the
 * parameter's value tensor and the optimizer's state buffers are written, nothing is allocated per
 * element, and large parameters are split across {@link dev.eddy.tensor.Parallel} threads with
 * results that do not depend on the thread count. A parameter without a gradient is skipped: its
 * value, its state and its step count stay as they are (as in PyTorch, where state is created at a
 * parameter's first update). F32 parameters are updated in double and rounded once per stored
 * value; state buffers have the parameter's dtype and shape. Replacing a parameter's value
 * ({@link Var#setValue}) by one of another shape or dtype after the first step is an error at the
 * next step.
 *
 * <p><b>Learning rate.</b> {@link #setLr} changes it between steps, which is what the schedules
 * ({@link LrScheduler}) do. The builder requires {@code lr > 0}; a schedule may later set 0.
 *
 * <p><b>State</b> is saved as tensors ({@link #stateTensors()}: {@code <parameter>.<buffer>}, e.g.
 * {@code encoder.weight.exp_avg}, using PyTorch's buffer names) plus strings
 * ({@link #stateScalars()}: the kind, lr, hyper-parameters, parameter names and step counts, under
 * keys starting with {@code optimizer}), which together fit a safetensors file's tensors and
 * {@code __metadata__}. {@link #loadState} restores them into an optimizer built with the same
 * hyper-parameters over parameters of the same names, shapes and dtypes; the learning rate comes
 * from the state. A run continued from restored state is bitwise the same as one never interrupted.
 *
 * <p>Not thread-safe: one thread steps an optimizer at a time.
 */
public abstract class Optimizer {
  private static final String KIND_KEY = "optimizer";
  private static final String PREFIX = "optimizer.";
  private static final String LR_KEY = PREFIX + "lr";
  private static final String PARAMETERS_KEY = PREFIX + "parameters";
  private static final String STEPS_KEY = PREFIX + "steps";

  private final String kind;
  private final Map<String, Var> parameters;
  private final String[] names;
  private final Var[] params;
  private final List<String> bufferNames;
  /** Per parameter: its state buffers in {@link #bufferNames} order, or null before its first update. */
  private final Tensor[][] state;
  /** Per parameter: how many updates it has received. */
  private final long[] steps;
  private double lr;

  Optimizer(String kind, Map<String, Var> params, double lr, List<String> bufferNames) {
    this.kind = kind;
    this.parameters = NamedParameters.forOptimizer(kind, params);
    this.names = parameters.keySet().toArray(String[]::new);
    this.params = parameters.values().toArray(Var[]::new);
    this.lr = Checks.positive(kind, "lr", lr);
    this.bufferNames = List.copyOf(bufferNames);
    this.state = new Tensor[names.length][];
    this.steps = new long[names.length];
  }

  // =================================================================== what subclasses define

  /** Hyper-parameters other than lr, by PyTorch's names, as exact strings ({@link #text}). */
  abstract Map<String, String> hyperParameters();

  /** Updates one parameter in place; {@code step} counts this update (1 for the first). */
  abstract void update(Tensor param, Tensor grad, Tensor[] buffers, long step);

  /** The value of buffer {@code index} before a parameter's first update: zeros unless overridden. */
  Tensor initialBuffer(int index, Tensor param) {
    return Tensor.zerosLike(param);
  }

  /** A number as saved state writes it: the shortest decimal that reads back to the same double. */
  static String text(double value) {
    return Double.toString(value);
  }

  // =================================================================== training

  /** Updates every parameter that has a gradient; see the class documentation. */
  public final void step() {
    for (int i = 0; i < params.length; i++) {
      Tensor grad = params[i].grad();
      if (grad == null) {
        continue;
      }
      Tensor value = params[i].value();
      if (grad.dtype() != value.dtype() || !grad.shape().equals(value.shape())) {
        throw new IllegalStateException(kind + ".step: gradient of '" + names[i] + "' is " + grad.shape() + " "
            + grad.dtype() + " but its value is " + value.shape() + " " + value.dtype());
      }
      if (state[i] == null) {
        state[i] = newBuffers(value);
      } else {
        checkBuffersMatch(i, value);
      }
      steps[i]++;
      update(value, grad, state[i], steps[i]);
    }
  }

  /** Forgets every parameter's gradient ({@link Var#zeroGrad()}); call before each backward pass. */
  public final void zeroGrad() {
    for (Var p : params) {
      p.zeroGrad();
    }
  }

  /** The learning rate the next step uses. */
  public final double lr() {
    return lr;
  }

  /** Sets the learning rate for the next steps: a finite number {@code >= 0}. */
  public final void setLr(double newLr) {
    lr = Checks.nonNegative(kind, "lr", newLr);
  }

  /** PyTorch's name for this optimizer: {@code SGD}, {@code Adam}, {@code AdamW}, {@code RMSprop}, {@code Adagrad}. */
  public final String kind() {
    return kind;
  }

  /** The parameters by name, in the order given (unmodifiable). */
  public final Map<String, Var> parameters() {
    return parameters;
  }

  /** How many updates parameter {@code name} has received (0 before its first gradient). */
  public final long stepCount(String name) {
    return steps[indexOf(name)];
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(kind).append("(lr=").append(text(lr));
    hyperParameters().forEach((k, v) -> sb.append(", ").append(k).append('=').append(v));
    return sb.append(", ").append(names.length).append(names.length == 1 ? " parameter)" : " parameters)").toString();
  }

  // =================================================================== state

  /**
   * Copies of the state buffers of every parameter updated so far, named {@code <parameter>.<buffer>}
   * in parameter order, e.g. {@code fc.weight.exp_avg}, {@code fc.weight.exp_avg_sq}. SGD without
   * momentum has none.
   */
  public final Map<String, Tensor> stateTensors() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      if (state[i] != null) {
        for (int b = 0; b < bufferNames.size(); b++) {
          out.put(tensorName(i, b), state[i][b].copy());
        }
      }
    }
    return out;
  }

  /**
   * The rest of the state as strings, numbers written so they read back to the same bits:
   * {@code optimizer} (the kind), {@code optimizer.lr}, {@code optimizer.<hyper-parameter>} (PyTorch's
   * names: {@code beta1}, {@code weight_decay}, ...), {@code optimizer.parameters} (a JSON array of the
   * names) and {@code optimizer.steps} (a JSON object: name to update count, for parameters updated so
   * far). Every key starts with {@code optimizer}, so the map can share a file's metadata with others.
   */
  public final Map<String, String> stateScalars() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(KIND_KEY, kind);
    out.put(LR_KEY, text(lr));
    hyperParameters().forEach((k, v) -> out.put(PREFIX + k, v));
    out.put(PARAMETERS_KEY, Json.write(List.of(names)));
    Map<String, Long> stepped = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      if (steps[i] > 0) {
        stepped.put(names[i], steps[i]);
      }
    }
    out.put(STEPS_KEY, Json.write(stepped));
    return out;
  }

  /**
   * Restores state saved by {@link #stateTensors()} and {@link #stateScalars()} of an optimizer of the
   * same kind and hyper-parameters over parameters of the same names (in any order), shapes and dtypes.
   * The learning rate is taken from the state (a schedule may have changed it). Keys of
   * {@code scalars} not starting with {@code optimizer} are ignored (they may belong to a schedule or a
   * model). Everything is checked before anything changes: on a mismatch this throws
   * {@link IllegalArgumentException} naming the key, the expected and the actual value, and the
   * optimizer is untouched. The tensors are copied.
   */
  public final void loadState(Map<String, Tensor> tensors, Map<String, String> scalars) {
    String where = kind + ".loadState: ";
    Objects.requireNonNull(tensors, where + "tensors is null");
    Objects.requireNonNull(scalars, where + "scalars is null");
    String savedKind = scalars.get(KIND_KEY);
    if (savedKind == null) {
      throw new IllegalArgumentException(where + "no '" + KIND_KEY + "' entry; these are not an optimizer's state scalars");
    }
    if (!savedKind.equals(kind)) {
      throw new IllegalArgumentException(where + "the state is " + savedKind + " state, this optimizer is " + kind);
    }
    Map<String, String> own = hyperParameters();
    for (String key : scalars.keySet()) {
      if (key.startsWith(PREFIX) && !key.equals(LR_KEY) && !key.equals(PARAMETERS_KEY) && !key.equals(STEPS_KEY)
          && !own.containsKey(key.substring(PREFIX.length()))) {
        throw new IllegalArgumentException(where + "unknown entry '" + key + "'; " + kind + " has hyper-parameters "
            + own.keySet());
      }
    }
    for (Map.Entry<String, String> e : own.entrySet()) {
      String saved = required(scalars, PREFIX + e.getKey());
      if (!saved.equals(e.getValue())) {
        throw new IllegalArgumentException(where + "the state has " + e.getKey() + "=" + saved + ", this optimizer has "
            + e.getKey() + "=" + e.getValue());
      }
    }
    double savedLr = parseLr(where, required(scalars, LR_KEY));
    checkParameterNames(where, parseNames(where, required(scalars, PARAMETERS_KEY)));
    long[] savedSteps = parseSteps(where, required(scalars, STEPS_KEY));
    Tensor[][] savedState = matchTensors(where, tensors, savedSteps);

    lr = savedLr;
    System.arraycopy(savedSteps, 0, steps, 0, steps.length);
    System.arraycopy(savedState, 0, state, 0, state.length);
  }

  private String required(Map<String, String> scalars, String key) {
    String value = scalars.get(key);
    if (value == null) {
      throw new IllegalArgumentException(kind + ".loadState: missing entry '" + key + "'");
    }
    return value;
  }

  private double parseLr(String where, String text) {
    try {
      double v = Double.parseDouble(text);
      if (v >= 0 && v < Double.POSITIVE_INFINITY) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(where + "'" + LR_KEY + "' must be a finite number >= 0, got '" + text + "'");
  }

  private static List<String> parseNames(String where, String json) {
    try {
      if (Json.parse(json) instanceof List<?> list) {
        List<String> out = new ArrayList<>();
        for (Object o : list) {
          if (!(o instanceof String s)) {
            break;
          }
          out.add(s);
        }
        if (out.size() == list.size()) {
          return out;
        }
      }
    } catch (JsonException e) {
      throw new IllegalArgumentException(where + "'" + PARAMETERS_KEY + "' is not valid JSON: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(where + "'" + PARAMETERS_KEY + "' must be a JSON array of names, got " + json);
  }

  private void checkParameterNames(String where, List<String> saved) {
    Set<String> mine = parameters.keySet();
    Set<String> theirs = new LinkedHashSet<>(saved);
    if (theirs.size() == saved.size() && theirs.equals(mine)) {
      return;
    }
    Set<String> missing = new LinkedHashSet<>(mine);
    missing.removeAll(theirs);
    Set<String> extra = new LinkedHashSet<>(theirs);
    extra.removeAll(mine);
    throw new IllegalArgumentException(where + "the state is for " + saved.size() + " parameters, this optimizer has "
        + mine.size() + (missing.isEmpty() ? "" : "; not in the state: " + first(missing))
        + (extra.isEmpty() ? "" : "; not in this optimizer: " + first(extra))
        + (theirs.size() == saved.size() ? "" : "; the state names a parameter twice"));
  }

  private static String first(Set<String> names) {
    List<String> list = new ArrayList<>(names);
    return list.size() <= 5 ? list.toString() : list.subList(0, 5) + " and " + (list.size() - 5) + " more";
  }

  private long[] parseSteps(String where, String json) {
    Object parsed;
    try {
      parsed = Json.parse(json);
    } catch (JsonException e) {
      throw new IllegalArgumentException(where + "'" + STEPS_KEY + "' is not valid JSON: " + e.getMessage(), e);
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(where + "'" + STEPS_KEY + "' must be a JSON object, got " + json);
    }
    long[] out = new long[names.length];
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String name = (String) e.getKey();
      if (!parameters.containsKey(name)) {
        throw new IllegalArgumentException(where + "'" + STEPS_KEY + "' names '" + name + "', not a parameter of this optimizer");
      }
      if (!(e.getValue() instanceof Long n) || n < 1) {
        throw new IllegalArgumentException(where + "'" + STEPS_KEY + "' for '" + name + "' must be an integer >= 1, got "
            + e.getValue());
      }
      out[indexOf(name)] = n;
    }
    return out;
  }

  private Tensor[][] matchTensors(String where, Map<String, Tensor> tensors, long[] savedSteps) {
    Tensor[][] out = new Tensor[names.length][];
    int used = 0;
    for (int i = 0; i < names.length; i++) {
      if (savedSteps[i] == 0) {
        continue;
      }
      Tensor value = params[i].value();
      out[i] = new Tensor[bufferNames.size()];
      for (int b = 0; b < bufferNames.size(); b++) {
        String name = tensorName(i, b);
        Tensor t = tensors.get(name);
        if (t == null) {
          throw new IllegalArgumentException(where + "missing tensor '" + name + "' (" + kind + " keeps " + bufferNames
              + " for each updated parameter)");
        }
        if (t.dtype() != value.dtype() || !t.shape().equals(value.shape())) {
          throw new IllegalArgumentException(where + "tensor '" + name + "' is " + t.shape() + " " + t.dtype()
              + ", parameter '" + names[i] + "' is " + value.shape() + " " + value.dtype());
        }
        out[i][b] = t.copy();
        used++;
      }
    }
    if (used != tensors.size()) {
      for (String name : tensors.keySet()) {
        if (!isExpected(name, savedSteps)) {
          throw new IllegalArgumentException(where + "unexpected tensor '" + name + "'; " + kind + " state has "
              + (bufferNames.isEmpty() ? "no tensors" : "<parameter>." + bufferNames + " for each updated parameter"));
        }
      }
    }
    return out;
  }

  private boolean isExpected(String tensorName, long[] savedSteps) {
    for (int i = 0; i < names.length; i++) {
      for (int b = 0; b < bufferNames.size() && savedSteps[i] > 0; b++) {
        if (tensorName(i, b).equals(tensorName)) {
          return true;
        }
      }
    }
    return false;
  }

  // =================================================================== internals

  private String tensorName(int param, int buffer) {
    return names[param] + "." + bufferNames.get(buffer);
  }

  private int indexOf(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(kind + ": no parameter named '" + name + "'");
  }

  private Tensor[] newBuffers(Tensor value) {
    Tensor[] buffers = new Tensor[bufferNames.size()];
    for (int b = 0; b < buffers.length; b++) {
      buffers[b] = initialBuffer(b, value);
    }
    return buffers;
  }

  private void checkBuffersMatch(int i, Tensor value) {
    for (int b = 0; b < bufferNames.size(); b++) {
      Tensor buffer = state[i][b];
      if (buffer.dtype() != value.dtype() || !buffer.shape().equals(value.shape())) {
        throw new IllegalStateException(kind + ".step: parameter '" + names[i] + "' is now " + value.shape() + " "
            + value.dtype() + " but its " + bufferNames.get(b) + " is " + buffer.shape() + " " + buffer.dtype()
            + "; its value was replaced after it was first updated (build a new optimizer)");
      }
    }
  }

  /** Ordered hyper-parameter map for {@link #hyperParameters()}: alternating names and values. */
  static Map<String, String> ordered(Object... namesAndValues) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      Object v = namesAndValues[i + 1];
      out.put((String) namesAndValues[i], v instanceof Double d ? text(d) : String.valueOf(v));
    }
    return Collections.unmodifiableMap(out);
  }

  // =================================================================== builders

  /**
   * What every optimizer's builder has: the parameters, the learning rate and the weight decay
   * (applied as each optimizer's documentation says).
   *
   * @param <O> the optimizer built
   * @param <B> the concrete builder, returned by the setters
   */
  public abstract static class Builder<O extends Optimizer, B extends Builder<O, B>> {
    final Map<String, Var> params;
    double lr;
    double weightDecay;
    private final Function<B, O> constructor;

    Builder(Map<String, Var> params, double lr, double weightDecay, Function<B, O> constructor) {
      this.params = params;
      this.lr = lr;
      this.weightDecay = weightDecay;
      this.constructor = constructor;
    }

    /** The learning rate, a finite number {@code > 0}. */
    public final B lr(double value) {
      lr = value;
      return self();
    }

    /** The weight decay, a finite number {@code >= 0} (0 turns it off). */
    public final B weightDecay(double value) {
      weightDecay = value;
      return self();
    }

    @SuppressWarnings("unchecked")
    final B self() {
      return (B) this; // B is the concrete builder by construction: each extends Builder<O, itself>
    }

    /** The optimizer; hyper-parameters are checked here, with messages naming the one at fault. */
    public final O build() {
      return constructor.apply(self());
    }
  }
}
