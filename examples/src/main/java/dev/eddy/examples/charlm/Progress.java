package dev.eddy.examples.charlm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far a run has come: what a checkpoint records so that {@code --resume} starts the next step
 * exactly where the run stopped.
 *
 * @param step optimizer steps taken
 * @param position where the next chunk starts in every training stream
 * @param epoch completed passes over the training streams
 * @param characters characters trained on so far
 * @param seconds time spent in training steps so far
 * @param history every evaluation so far, in step order
 * @param pendingLoss the summed training losses of the steps since the last evaluation
 * @param pendingSteps how many steps those are
 */
record Progress(int step, int position, int epoch, long characters, double seconds, List<Evaluation> history,
    double pendingLoss, int pendingSteps) {

  Progress {
    history = List.copyOf(history);
  }

  /** A run that has not started. */
  static Progress start() {
    return new Progress(0, 0, 0, 0, 0, List.of(), 0, 0);
  }

  /**
   * One evaluation.
   *
   * @param trainNats the mean training loss of the steps since the previous evaluation (NaN at step 0)
   * @param validationNats the mean validation loss
   */
  record Evaluation(int step, double trainNats, double validationNats) {}

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("step", step);
    m.put("position", position);
    m.put("epoch", epoch);
    m.put("characters", characters);
    m.put("seconds", seconds);
    List<Object> evaluations = new ArrayList<>();
    for (Evaluation e : history) {
      Map<String, Object> em = new LinkedHashMap<>();
      em.put("step", e.step());
      em.put("train", Double.isNaN(e.trainNats()) ? null : e.trainNats());
      em.put("validation", e.validationNats());
      evaluations.add(em);
    }
    m.put("history", evaluations);
    m.put("pending_loss", pendingLoss);
    m.put("pending_steps", pendingSteps);
    return m;
  }

  static Progress fromJson(Map<?, ?> m) {
    List<Evaluation> history = new ArrayList<>();
    if (!(m.get("history") instanceof List<?> list)) {
      throw new IllegalArgumentException("'history' must be a list");
    }
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> em)) {
        throw new IllegalArgumentException("'history' must hold objects, got " + o);
      }
      double train = em.get("train") == null ? Double.NaN : JsonValues.number(em, "train");
      history.add(new Evaluation(JsonValues.integer(em, "step"), train, JsonValues.number(em, "validation")));
    }
    return new Progress(JsonValues.integer(m, "step"), JsonValues.integer(m, "position"),
        JsonValues.integer(m, "epoch"), JsonValues.longValue(m, "characters"), JsonValues.number(m, "seconds"),
        history, JsonValues.number(m, "pending_loss"), JsonValues.integer(m, "pending_steps"));
  }
}
