package dev.eddy.io;

import dev.eddy.nn.Module;
import dev.eddy.optim.Optimizer;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Everything needed to continue training, in one safetensors file: a model's parameters, its
 * optimizer's state, extra tensors (such as a recurrent state carried from one batch to the next) and
 * string metadata (hyper-parameters, progress, a vocabulary: JSON text is the usual form).
 *
 * <pre>{@code
 * Checkpoint.of(model, optimizer, Map.of("h", carried), Map.of("progress", Json.write(progress)))
 *     .save(Path.of("run/checkpoint.safetensors"));
 * ...
 * Checkpoint c = Checkpoint.read(file);
 * Model model = new Model(Json.parse(c.metadata().get("config")));
 * c.restore(model, optimizer);
 * }</pre>
 *
 * <p><b>File layout.</b> Tensors {@code model.<parameter>} (the model's state dict, so a PyTorch user
 * strips the prefix to get one), {@code optimizer.<parameter>.<buffer>} ({@link Optimizer#stateTensors()})
 * and {@code extra.<name>}. Metadata: {@code checkpoint} = {@value #FORMAT}, the optimizer's
 * {@link Optimizer#stateScalars()} (keys {@code optimizer} and {@code optimizer.*}), the positions of
 * the model's random generators ({@link Module#generatorStates()}: key {@code generators}, a JSON
 * object of decimal strings, absent when the model draws nothing), and the caller's entries, which
 * may use any other key.
 *
 * <p><b>Safety.</b> {@link #of} refuses a non-finite value (a diverged model is not worth keeping
 * over a good checkpoint) and names the tensor; {@link #save} replaces the file atomically
 * ({@link AtomicFiles}), so a failed save leaves the previous checkpoint as it was; {@link #restore}
 * changes nothing when the checkpoint does not fit the model or the optimizer.
 */
public final class Checkpoint {
  /** The value of the {@code checkpoint} metadata entry that marks a file as a checkpoint of this layout. */
  public static final String FORMAT = "eddy-checkpoint-1";

  private static final String FORMAT_KEY = "checkpoint";
  private static final String OPTIMIZER_KEY = "optimizer";
  private static final String GENERATORS_KEY = "generators";
  private static final String MODEL_PREFIX = "model.";
  private static final String OPTIMIZER_PREFIX = "optimizer.";
  private static final String EXTRA_PREFIX = "extra.";

  private final Map<String, Tensor> modelState;
  private final Map<String, Tensor> optimizerTensors;
  private final Map<String, String> optimizerScalars;
  private final Map<String, Long> generators;
  private final Map<String, Tensor> extraTensors;
  private final Map<String, String> metadata;

  private Checkpoint(Map<String, Tensor> modelState, Map<String, Tensor> optimizerTensors,
      Map<String, String> optimizerScalars, Map<String, Long> generators, Map<String, Tensor> extraTensors,
      Map<String, String> metadata) {
    this.modelState = Collections.unmodifiableMap(modelState);
    this.optimizerTensors = Collections.unmodifiableMap(optimizerTensors);
    this.optimizerScalars = Collections.unmodifiableMap(optimizerScalars);
    this.generators = Collections.unmodifiableMap(generators);
    this.extraTensors = Collections.unmodifiableMap(extraTensors);
    this.metadata = Collections.unmodifiableMap(metadata);
  }

  /**
   * A snapshot (copies) of {@code model}'s parameters and generator positions, {@code optimizer}'s
   * state (null: none), the {@code extra} tensors and the {@code metadata} strings (either may be
   * null or empty).
   *
   * @throws IllegalArgumentException if a parameter, optimizer buffer or extra tensor holds NaN or
   *     infinity (naming it and the first bad element), or a metadata key is {@code checkpoint},
   *     {@code generators}, {@code optimizer} or starts with {@code optimizer.} (those are the
   *     checkpoint's own)
   */
  public static Checkpoint of(Module model, Optimizer optimizer, Map<String, Tensor> extra,
      Map<String, String> metadata) {
    Objects.requireNonNull(model, "Checkpoint.of: model is null");
    Map<String, String> userMetadata = new LinkedHashMap<>(metadata == null ? Map.of() : metadata);
    for (String key : userMetadata.keySet()) {
      if (isReserved(key)) {
        throw new IllegalArgumentException("Checkpoint.of: metadata key '" + key + "' is reserved (the checkpoint"
            + " uses '" + FORMAT_KEY + "', '" + GENERATORS_KEY + "', '" + OPTIMIZER_KEY + "' and '" + OPTIMIZER_PREFIX
            + "*')");
      }
    }
    Map<String, Tensor> modelState = model.stateDict();
    Map<String, Tensor> optimizerTensors = optimizer == null ? new LinkedHashMap<>() : optimizer.stateTensors();
    Map<String, String> optimizerScalars = optimizer == null ? new LinkedHashMap<>() : optimizer.stateScalars();
    Map<String, Tensor> extraTensors = new LinkedHashMap<>();
    if (extra != null) {
      extra.forEach((name, t) -> extraTensors.put(name, Objects.requireNonNull(t,
          "Checkpoint.of: extra tensor '" + name + "' is null").copy()));
    }
    checkFinite("parameter", modelState);
    checkFinite("optimizer buffer", optimizerTensors);
    checkFinite("extra tensor", extraTensors);
    return new Checkpoint(modelState, optimizerTensors, optimizerScalars, model.generatorStates(), extraTensors,
        userMetadata);
  }

  /** {@link #of(Module, Optimizer, Map, Map)} without extra tensors. */
  public static Checkpoint of(Module model, Optimizer optimizer, Map<String, String> metadata) {
    return of(model, optimizer, null, metadata);
  }

  // =================================================================== files

  /** Writes the checkpoint to {@code file}, atomically replacing it (the old file survives a failed save). */
  public void save(Path file) throws IOException {
    save(file, UnaryOperator.identity());
  }

  /** {@link #save(Path)} through a stream wrapper: lets tests fail a save half-way. */
  void save(Path file, UnaryOperator<OutputStream> through) throws IOException {
    AtomicFiles.write(file, out -> writeTo(through.apply(out)));
  }

  /** Writes the checkpoint's bytes (a safetensors file) to {@code out}. */
  public void writeTo(OutputStream out) throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    modelState.forEach((name, t) -> tensors.put(MODEL_PREFIX + name, t));
    optimizerTensors.forEach((name, t) -> tensors.put(OPTIMIZER_PREFIX + name, t));
    extraTensors.forEach((name, t) -> tensors.put(EXTRA_PREFIX + name, t));
    Map<String, String> allMetadata = new LinkedHashMap<>(metadata);
    allMetadata.putAll(optimizerScalars);
    if (!generators.isEmpty()) {
      Map<String, String> positions = new LinkedHashMap<>();
      generators.forEach((name, state) -> positions.put(name, Long.toString(state)));
      allMetadata.put(GENERATORS_KEY, Json.write(positions));
    }
    allMetadata.put(FORMAT_KEY, FORMAT);
    SafeTensors.write(out, tensors, allMetadata);
  }

  /**
   * Reads a checkpoint written by {@link #save}.
   *
   * @throws SafeTensorsException if the file is not a readable safetensors file, or not a checkpoint
   *     (no {@code checkpoint} entry of this format, or a tensor outside the three prefixes)
   */
  public static Checkpoint read(Path file) throws IOException {
    SafeTensorsFile contents = SafeTensors.read(file);
    String format = contents.metadata().get(FORMAT_KEY);
    if (!FORMAT.equals(format)) {
      throw new SafeTensorsException(file, format == null
          ? "not an Eddy checkpoint (its metadata has no '" + FORMAT_KEY + "' entry)"
          : "checkpoint format '" + format + "' is not the supported " + FORMAT);
    }
    Map<String, Tensor> model = new LinkedHashMap<>();
    Map<String, Tensor> optimizerTensors = new LinkedHashMap<>();
    Map<String, Tensor> extra = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : contents.tensors().entrySet()) {
      String name = e.getKey();
      Map<String, Tensor> group = name.startsWith(MODEL_PREFIX) ? model
          : name.startsWith(OPTIMIZER_PREFIX) ? optimizerTensors
          : name.startsWith(EXTRA_PREFIX) ? extra : null;
      if (group == null) {
        throw new SafeTensorsException(file, "tensor " + Json.quote(name) + " is not under '" + MODEL_PREFIX + "', '"
            + OPTIMIZER_PREFIX + "' or '" + EXTRA_PREFIX + "', so this is not an Eddy checkpoint");
      }
      group.put(name.substring(name.indexOf('.') + 1), e.getValue());
    }
    Map<String, String> optimizerScalars = new LinkedHashMap<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    contents.metadata().forEach((key, value) -> {
      if (!key.equals(FORMAT_KEY) && !key.equals(GENERATORS_KEY)) {
        (isReserved(key) ? optimizerScalars : metadata).put(key, value);
      }
    });
    return new Checkpoint(model, optimizerTensors, optimizerScalars,
        generators(file, contents.metadata().get(GENERATORS_KEY)), extra, metadata);
  }

  /** The {@code generators} entry: a JSON object of decimal strings (none: empty). */
  private static Map<String, Long> generators(Path file, String json) throws SafeTensorsException {
    Map<String, Long> out = new LinkedHashMap<>();
    if (json == null) {
      return out;
    }
    Object parsed;
    try {
      parsed = Json.parse(json);
    } catch (JsonException e) {
      throw new SafeTensorsException(file, "metadata '" + GENERATORS_KEY + "' is not valid JSON: " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> positions)) {
      throw new SafeTensorsException(file, "metadata '" + GENERATORS_KEY + "' must be a JSON object, got " + json);
    }
    for (Map.Entry<?, ?> e : positions.entrySet()) {
      try {
        out.put((String) e.getKey(), Long.parseLong(String.valueOf(e.getValue())));
      } catch (NumberFormatException notALong) {
        throw new SafeTensorsException(file, "metadata '" + GENERATORS_KEY + "': the position of " + e.getKey()
            + " must be a decimal integer, got " + e.getValue());
      }
    }
    return out;
  }

  // =================================================================== contents

  /** The model's parameters by state-dict name (PyTorch's names for the built-in layers). */
  public Map<String, Tensor> modelState() {
    return modelState;
  }

  /** Whether an optimizer's state was saved. */
  public boolean hasOptimizerState() {
    return !optimizerScalars.isEmpty();
  }

  /** The extra tensors by the names they were saved under. */
  public Map<String, Tensor> extraTensors() {
    return extraTensors;
  }

  /** The positions of the model's random generators by name ({@link Module#generatorStates()}). */
  public Map<String, Long> generatorStates() {
    return generators;
  }

  /** The caller's metadata (without the checkpoint's own entries). */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Loads the parameters into {@code model} (strictly: the same names and shapes), its generators'
   * positions when the checkpoint has them (a model without dropout has none), and, unless
   * {@code optimizer} is null, the optimizer state into {@code optimizer} (built with the same kind
   * and hyper-parameters over the model's parameters; the learning rate comes from the checkpoint).
   * If either does not fit, both are left as they were and the exception says what differs.
   *
   * @throws dev.eddy.nn.StateDictException if the parameters do not fit the model
   * @throws IllegalArgumentException if the optimizer state does not fit, or there is none
   */
  public void restore(Module model, Optimizer optimizer) {
    Objects.requireNonNull(model, "Checkpoint.restore: model is null");
    if (optimizer != null && !hasOptimizerState()) {
      throw new IllegalArgumentException("Checkpoint.restore: the checkpoint has no optimizer state; pass null to"
          + " load only the model");
    }
    Map<String, Tensor> before = model.stateDict();
    Map<String, Long> generatorsBefore = model.generatorStates();
    model.loadStateDict(modelState);
    try {
      if (!generators.isEmpty()) {
        model.loadGeneratorStates(generators);
      }
      if (optimizer != null) {
        optimizer.loadState(optimizerTensors, optimizerScalars);
      }
    } catch (RuntimeException e) {
      model.loadStateDict(before);
      model.loadGeneratorStates(generatorsBefore);
      throw e;
    }
  }

  private static boolean isReserved(String key) {
    return key.equals(FORMAT_KEY) || key.equals(GENERATORS_KEY) || key.equals(OPTIMIZER_KEY)
        || key.startsWith(OPTIMIZER_PREFIX);
  }

  private static void checkFinite(String what, Map<String, Tensor> tensors) {
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      Tensor t = e.getValue();
      int bad = t.firstNonFinite();
      if (bad >= 0) {
        double value = t.dtype() == DType.F64 ? t.f64()[bad] : t.f32()[bad];
        throw new IllegalArgumentException("Checkpoint: " + what + " '" + e.getKey() + "' " + t.shape() + " holds "
            + value + " at flat index " + bad + "; refusing to save a non-finite model");
      }
    }
  }
}
