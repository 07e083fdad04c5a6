package dev.eddy.nn;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A piece of a model: named parameters, child modules, and a train/eval mode.
 *
 * <p><b>Names.</b> A module registers its own parameters under simple names ({@code weight}) and
 * its children under a name that prefixes theirs ({@code encoder} gives {@code encoder.weight}), so
 * a model's parameters form a tree of dotted names ({@code encoder.rnn.weight_ih_l0}), listed by
 * {@link #namedParameters()} in registration order. A child may instead be registered with a
 * renaming function, which puts its parameters directly under this module with other names: this is
 * how a recurrent layer gives the parameters of its cells PyTorch's names ({@code weight_ih} of the
 * reverse cell of layer 1 becomes {@code weight_ih_l1_reverse}).
 *
 * <p><b>State dict.</b> {@link #stateDict()} copies every parameter value by name;
 * {@link #loadStateDict(Map)} puts values back, strictly by default: missing names, unexpected names
 * and wrong shapes are all reported in one {@link StateDictException}. Values are converted to the
 * module's dtype, so a float64 PyTorch {@code state_dict} loads into a float32 model.
 *
 * <p><b>Generators.</b> A module that draws random numbers while training (dropout) registers a
 * {@link SplitMix64} ({@link #registerGenerator}); {@link #generatorStates()} and
 * {@link #loadGeneratorStates(Map)} read and restore where every generator of the tree is, by dotted
 * name, so that a run resumed from a checkpoint draws the same masks as one that never stopped.
 *
 * <p><b>Mode.</b> {@link #train()} and {@link #eval()} set the mode of the whole tree; modules that
 * behave differently while training (dropout) read {@link #isTraining()}. New modules are in
 * training mode, as in PyTorch.
 *
 * <p>A module holds no per-call state: forward passes read the parameters and return new values, so
 * one model in eval mode can serve many threads. Training (dropout draws, optimizer updates) is
 * single-threaded.
 */
public abstract class Module {
  /** One registration, in order: a parameter of this module or a child module. */
  private record Entry(String name, Var parameter, Module child, UnaryOperator<String> rename) {}

  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, SplitMix64> generators = new LinkedHashMap<>();
  private boolean training = true;

  protected Module() {}

  // =================================================================== registration

  /** Registers a new trainable parameter holding {@code value} under {@code name}; returns it. */
  protected final Var registerParameter(String name, Tensor value) {
    checkNewName(name);
    Var p = Var.parameter(name, value);
    entries.add(new Entry(name, p, null, null));
    return p;
  }

  /** Registers {@code child} so that its parameters appear as {@code name.<their name>}; returns it. */
  protected final <M extends Module> M registerModule(String name, M child) {
    checkNewName(name);
    Objects.requireNonNull(child, "registerModule: child '" + name + "' is null");
    entries.add(new Entry(name, null, child, n -> name + "." + n));
    return child;
  }

  /**
   * Registers {@code child} so that each of its parameters appears under {@code rename(its name)},
   * directly in this module's namespace (a recurrent layer names its cells' parameters the PyTorch
   * way). The child still follows this module's train/eval mode and dtype conversions.
   */
  protected final <M extends Module> M registerModule(M child, UnaryOperator<String> rename) {
    Objects.requireNonNull(child, "registerModule: child is null");
    entries.add(new Entry(null, null, child, rename));
    allNamedParameters(); // fails now, not later, if the renamed names collide
    return child;
  }

  /**
   * Registers a random generator seeded with {@code seed} under {@code name} and returns it: for a
   * module that draws while training (dropout), so that {@link #generatorStates()} can record where
   * it is and a checkpoint can resume it.
   */
  protected final SplitMix64 registerGenerator(String name, long seed) {
    checkNewName(name);
    SplitMix64 generator = new SplitMix64(seed);
    generators.put(name, generator);
    return generator;
  }

  /** The current Var of this module's own parameter {@code name} (see {@link #setParameter}). */
  protected final Var parameter(String name) {
    for (Entry e : entries) {
      if (e.parameter != null && e.name.equals(name)) {
        return e.parameter;
      }
    }
    throw new IllegalArgumentException(getClass().getSimpleName() + ": no parameter '" + name + "'");
  }

  private void checkNewName(String name) {
    if (name == null || name.isEmpty() || name.contains(".")) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": a parameter or child name must be non-empty"
          + " and without '.', got '" + name + "'");
    }
    for (Entry e : entries) {
      if (name.equals(e.name)) {
        throw new IllegalArgumentException(getClass().getSimpleName() + ": the name '" + name + "' is already used");
      }
    }
    if (generators.containsKey(name)) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": the name '" + name + "' is already used");
    }
  }

  /**
   * Checks that input {@code x} has the dtype of the parameters (a module without parameters takes
   * any), so a mix fails at this module's edge with its name rather than inside an op.
   */
  protected final void checkInputDtype(Var x) {
    for (Entry e : entries) {
      if (e.parameter != null && x.dtype() != e.parameter.dtype()) {
        throw new IllegalArgumentException(getClass().getSimpleName() + ": input is " + x.dtype()
            + " but the parameters are " + e.parameter.dtype() + "; convert the input or the module with to("
            + x.dtype() + ")");
      }
    }
  }

  // =================================================================== parameters

  /**
   * Every distinct parameter of this module and its children by full dotted name, in registration
   * order: what an optimizer is built over. A Var registered under two names (tied weights) appears
   * once, under the first; {@link #stateDict()} lists it under both, as PyTorch does.
   */
  public final Map<String, Var> namedParameters() {
    Map<String, Var> out = new LinkedHashMap<>();
    Map<Var, Boolean> seen = new IdentityHashMap<>();
    for (Map.Entry<String, Var> e : allNamedParameters().entrySet()) {
      if (seen.put(e.getValue(), Boolean.TRUE) == null) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** Every parameter under every name it is registered under, in registration order. */
  private Map<String, Var> allNamedParameters() {
    Map<String, Var> out = new LinkedHashMap<>();
    for (Entry e : entries) {
      if (e.parameter != null) {
        put(out, e.name, e.parameter);
      } else {
        for (Map.Entry<String, Var> c : e.child.allNamedParameters().entrySet()) {
          put(out, e.rename.apply(c.getKey()), c.getValue());
        }
      }
    }
    return out;
  }

  private void put(Map<String, Var> out, String name, Var p) {
    if (out.putIfAbsent(name, p) != null) {
      throw new IllegalStateException(getClass().getSimpleName() + ": two parameters are named '" + name + "'");
    }
  }

  /** Every distinct parameter Var, in registration order. */
  public final List<Var> parameters() {
    return new ArrayList<>(namedParameters().values());
  }

  /** The number of trainable numbers (elements of distinct parameters). */
  public final long numParameters() {
    long n = 0;
    for (Var p : parameters()) {
      n += p.numel();
    }
    return n;
  }

  /**
   * Replaces the parameter called {@code name} (a full dotted name of {@link #stateDict()})
   * with {@code value}, which must have the same shape and dtype: ties weights between modules, or
   * runs the model on Vars made elsewhere (a gradient check).
   */
  public final void setParameter(String name, Var value) {
    Objects.requireNonNull(value, "setParameter: value for '" + name + "' is null");
    if (!replace(name, value)) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ".setParameter: no parameter '" + name
          + "'; the names are " + allNamedParameters().keySet());
    }
  }

  private boolean replace(String name, Var value) {
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (e.parameter != null && e.name.equals(name)) {
        Tensor old = e.parameter.value();
        if (!old.shape().equals(value.shape()) || old.dtype() != value.dtype()) {
          throw new IllegalArgumentException(getClass().getSimpleName() + ".setParameter: '" + name + "' is "
              + old.shape() + " " + old.dtype() + ", got " + value.shape() + " " + value.dtype());
        }
        entries.set(i, new Entry(e.name, value, null, null));
        return true;
      }
      if (e.child != null) {
        for (String childName : e.child.allNamedParameters().keySet()) {
          if (e.rename.apply(childName).equals(name)) {
            return e.child.replace(childName, value);
          }
        }
      }
    }
    return false;
  }

  /** Forgets the gradients of every parameter. */
  public final void zeroGrad() {
    for (Var p : parameters()) {
      p.zeroGrad();
    }
  }

  // =================================================================== state dict

  /**
   * A copy of every parameter value by full name, in registration order (a tied Var under each of
   * its names).
   */
  public final Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Map.Entry<String, Var> e : allNamedParameters().entrySet()) {
      out.put(e.getKey(), e.getValue().value().copy());
    }
    return out;
  }

  /**
   * Loads values by name (strict): every parameter must be present with its shape and no other name
   * may appear; otherwise nothing is loaded and a {@link StateDictException} lists every problem.
   * Values are copied and converted to each parameter's dtype.
   */
  public final void loadStateDict(Map<String, Tensor> values) {
    loadStateDict(values, true);
  }

  /**
   * Loads values by name. With {@code strict} false, missing and unexpected names are allowed and
   * returned; wrong shapes are always an error. Nothing is loaded when an error is thrown.
   */
  public final LoadResult loadStateDict(Map<String, Tensor> values, boolean strict) {
    Map<String, Var> params = allNamedParameters();
    List<String> missing = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    List<String> wrongShape = new ArrayList<>();
    for (Map.Entry<String, Var> e : params.entrySet()) {
      Tensor v = values.get(e.getKey());
      if (v == null) {
        missing.add(e.getKey());
      } else if (!v.shape().equals(e.getValue().shape())) {
        wrongShape.add(e.getKey() + ": expected " + e.getValue().shape() + ", got " + v.shape());
      }
    }
    for (String name : values.keySet()) {
      if (!params.containsKey(name)) {
        unexpected.add(name);
      }
    }
    if (!wrongShape.isEmpty() || (strict && (!missing.isEmpty() || !unexpected.isEmpty()))) {
      throw new StateDictException(getClass().getSimpleName(), missing, unexpected, wrongShape);
    }
    for (Map.Entry<String, Var> e : params.entrySet()) {
      Tensor v = values.get(e.getKey());
      if (v != null) {
        Var p = e.getValue();
        p.setValue(v.dtype() == p.dtype() ? v.copy() : v.to(p.dtype()));
      }
    }
    return new LoadResult(Collections.unmodifiableList(missing), Collections.unmodifiableList(unexpected));
  }

  /** What a non-strict {@link #loadStateDict(Map, boolean)} skipped. */
  public record LoadResult(List<String> missing, List<String> unexpected) {}

  // =================================================================== generators

  /**
   * Where every random generator of this module and its children is ({@link SplitMix64#state()}), by
   * full dotted name ({@code lstm.dropout}), in registration order; empty for a module that draws
   * nothing. Saved with the parameters, it lets a resumed run draw the same dropout masks as an
   * uninterrupted one.
   */
  public final Map<String, Long> generatorStates() {
    Map<String, Long> out = new LinkedHashMap<>();
    allGenerators().forEach((name, g) -> out.put(name, g.state()));
    return out;
  }

  /**
   * Puts every generator where {@code states} says ({@link #generatorStates()} of a module of the same
   * structure); the names must be exactly this module's, otherwise nothing changes.
   *
   * @throws IllegalArgumentException naming the missing and unexpected generators
   */
  public final void loadGeneratorStates(Map<String, Long> states) {
    Map<String, SplitMix64> all = allGenerators();
    List<String> missing = new ArrayList<>();
    for (String name : all.keySet()) {
      if (states.get(name) == null) {
        missing.add(name);
      }
    }
    List<String> unexpected = states.keySet().stream().filter(name -> !all.containsKey(name)).toList();
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ".loadGeneratorStates: missing " + missing
          + ", unexpected " + unexpected + "; this module's generators are " + all.keySet());
    }
    all.forEach((name, g) -> g.setState(states.get(name)));
  }

  private Map<String, SplitMix64> allGenerators() {
    Map<String, SplitMix64> out = new LinkedHashMap<>(generators);
    for (Entry e : entries) {
      if (e.child != null) {
        e.child.allGenerators().forEach((name, g) -> out.put(e.rename.apply(name), g));
      }
    }
    return out;
  }

  // =================================================================== mode and dtype

  /** Sets training mode on this module and every child; returns this. */
  public Module train(boolean on) {
    training = on;
    for (Entry e : entries) {
      if (e.child != null) {
        e.child.train(on);
      }
    }
    return this;
  }

  /** {@code train(true)}. */
  public Module train() {
    return train(true);
  }

  /** {@code train(false)}: evaluation mode (no dropout). */
  public Module eval() {
    return train(false);
  }

  /** Whether this module is in training mode. */
  public final boolean isTraining() {
    return training;
  }

  /** Converts every parameter to {@code dtype} (gradients are dropped); returns this. */
  public Module to(DType dtype) {
    for (Var p : parameters()) {
      p.setValue(p.value().to(dtype));
    }
    return this;
  }

  /** The dtype of the parameters (F32 for a module without any). */
  public DType dtype() {
    for (Var p : namedParameters().values()) {
      return p.dtype();
    }
    return DType.F32;
  }

  /** The class name and the parameter names with shapes. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(');
    String sep = "";
    for (Map.Entry<String, Var> e : namedParameters().entrySet()) {
      sb.append(sep).append(e.getKey()).append(' ').append(e.getValue().shape());
      sep = ", ";
    }
    return sb.append(')').toString();
  }
}
