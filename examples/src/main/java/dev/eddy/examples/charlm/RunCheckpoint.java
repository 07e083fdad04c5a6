package dev.eddy.examples.charlm;

import dev.eddy.autograd.Var;
import dev.eddy.io.Checkpoint;
import dev.eddy.io.Json;
import dev.eddy.io.SafeTensorsException;
import dev.eddy.nn.recurrent.RecurrentState;
import dev.eddy.optim.LrScheduler;
import dev.eddy.optim.Optimizer;
import dev.eddy.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A charlm run in one {@link Checkpoint} file: the model's parameters, Adam's state, the recurrent
 * state carried into the next chunk (extra tensors {@code rnn_state.0} = h, {@code rnn_state.1} = c
 * for an LSTM; none at the start of an epoch), and metadata as JSON strings: {@code charlm.model}
 * ({@link CharLmConfig}), {@code charlm.vocabulary} (the known characters in id order),
 * {@code charlm.training} ({@link TrainingSettings}), {@code charlm.progress} ({@link Progress}) and the
 * learning-rate scheduler's {@code lr_scheduler*} entries.
 */
final class RunCheckpoint {
  private static final String MODEL_KEY = "charlm.model";
  private static final String VOCABULARY_KEY = "charlm.vocabulary";
  private static final String TRAINING_KEY = "charlm.training";
  private static final String PROGRESS_KEY = "charlm.progress";
  private static final String STATE_PREFIX = "rnn_state.";

  private final Checkpoint checkpoint;
  private final CharLmConfig config;
  private final Vocabulary vocabulary;

  private RunCheckpoint(Checkpoint checkpoint, CharLmConfig config, Vocabulary vocabulary) {
    this.checkpoint = checkpoint;
    this.config = config;
    this.vocabulary = vocabulary;
  }

  /** Writes the run's state to {@code file} atomically. */
  static void save(Path file, CharLm model, Vocabulary vocabulary, TrainingSettings settings, Optimizer optimizer,
      LrScheduler scheduler, Progress progress, RecurrentState carried) throws IOException {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(MODEL_KEY, Json.write(model.config().toJson()));
    metadata.put(VOCABULARY_KEY, Json.write(vocabulary.symbols()));
    metadata.put(TRAINING_KEY, Json.write(settings.toJson()));
    metadata.put(PROGRESS_KEY, Json.write(progress.toJson()));
    if (scheduler != null) {
      metadata.putAll(scheduler.state());
    }
    Map<String, Tensor> extra = new LinkedHashMap<>();
    if (carried != null) {
      for (int i = 0; i < carried.size(); i++) {
        extra.put(STATE_PREFIX + i, carried.part(i).value());
      }
    }
    Checkpoint.of(model, optimizer, extra, metadata).save(file);
  }

  /**
   * Reads a charlm checkpoint.
   *
   * @throws IOException if the file cannot be read or is not a charlm checkpoint (the message says why)
   */
  static RunCheckpoint read(Path file) throws IOException {
    Checkpoint c = Checkpoint.read(file);
    try {
      CharLmConfig config = CharLmConfig.fromJson(JsonValues.object(c.metadata().get(MODEL_KEY), MODEL_KEY));
      Vocabulary vocabulary = Vocabulary.fromSymbols(JsonValues.strings(c.metadata().get(VOCABULARY_KEY),
          VOCABULARY_KEY));
      if (vocabulary.size() != config.classes()) {
        throw new IllegalArgumentException(VOCABULARY_KEY + " has " + vocabulary.size() + " symbols with the unknown"
            + " one, but the model predicts " + config.classes() + " classes");
      }
      return new RunCheckpoint(c, config, vocabulary);
    } catch (IllegalArgumentException e) {
      throw new SafeTensorsException(file, "not a charlm checkpoint: " + e.getMessage());
    }
  }

  CharLmConfig config() {
    return config;
  }

  Vocabulary vocabulary() {
    return vocabulary;
  }

  /** The training settings (only a checkpoint written by training has them). */
  TrainingSettings settings() {
    return TrainingSettings.fromJson(JsonValues.object(checkpoint.metadata().get(TRAINING_KEY), TRAINING_KEY));
  }

  Progress progress() {
    return Progress.fromJson(JsonValues.object(checkpoint.metadata().get(PROGRESS_KEY), PROGRESS_KEY));
  }

  /** The model with the saved parameters. */
  CharLm model() {
    CharLm model = new CharLm(config, 0);
    checkpoint.restore(model, null);
    return model;
  }

  /** Loads the parameters into {@code model}, Adam's state into {@code optimizer} and the schedule's position. */
  void restore(CharLm model, Optimizer optimizer, LrScheduler scheduler) {
    checkpoint.restore(model, optimizer);
    if (scheduler != null) {
      scheduler.loadState(checkpoint.metadata());
    }
  }

  /** The recurrent state to carry into the next chunk, or null to start from zeros. */
  RecurrentState carried() {
    List<Var> parts = new ArrayList<>();
    for (int i = 0; checkpoint.extraTensors().containsKey(STATE_PREFIX + i); i++) {
      parts.add(Var.constant(checkpoint.extraTensors().get(STATE_PREFIX + i)));
    }
    return parts.isEmpty() ? null : RecurrentState.of(parts);
  }
}
