package dev.eddy.examples.charlm;

import dev.eddy.optim.CosineAnnealingLr;
import dev.eddy.optim.LrSchedule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a run trains: everything besides the model's shape that decides its parameters, recorded in
 * the checkpoint so that {@code --resume} continues the same run.
 *
 * @param text {@link #BUILTIN_TEXT} or the path of the text file
 * @param textSha256 the SHA-256 of the text ({@link Corpus#sha256()})
 * @param batch parallel streams per step
 * @param bptt time steps per chunk (truncated backpropagation through time)
 * @param steps optimizer steps in the whole run
 * @param lr Adam's learning rate (the start of the cosine schedule)
 * @param clip the largest gradient norm; larger gradients are scaled down to it
 * @param cosine whether the learning rate follows a cosine from {@code lr} to {@code lr / 10}
 * @param seed seeds the initial values, the dropout masks and the printed samples
 */
record TrainingSettings(String text, String textSha256, int batch, int bptt, int steps, double lr, double clip,
    boolean cosine, long seed) {
  /** The {@code text} of a run on the built-in corpus. */
  static final String BUILTIN_TEXT = "builtin";

  /** The learning-rate schedule, or null for a constant rate. */
  LrSchedule schedule() {
    return cosine ? new CosineAnnealingLr(steps, lr / 10) : null;
  }

  /** The same settings for the text at {@code path} (the same text, moved, or a new run's file). */
  TrainingSettings withText(String path) {
    return new TrainingSettings(path, textSha256, batch, bptt, steps, lr, clip, cosine, seed);
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", text);
    m.put("text_sha256", textSha256);
    m.put("batch", batch);
    m.put("bptt", bptt);
    m.put("steps", steps);
    m.put("lr", lr);
    m.put("clip", clip);
    m.put("schedule", cosine ? "cosine" : "constant");
    m.put("seed", seed);
    return m;
  }

  static TrainingSettings fromJson(Map<?, ?> m) {
    String schedule = JsonValues.string(m, "schedule");
    if (!schedule.equals("cosine") && !schedule.equals("constant")) {
      throw new IllegalArgumentException("'schedule' must be cosine or constant, got " + schedule);
    }
    return new TrainingSettings(JsonValues.string(m, "text"), JsonValues.string(m, "text_sha256"),
        JsonValues.integer(m, "batch"), JsonValues.integer(m, "bptt"), JsonValues.integer(m, "steps"),
        JsonValues.number(m, "lr"), JsonValues.number(m, "clip"), schedule.equals("cosine"),
        JsonValues.longValue(m, "seed"));
  }
}
