package dev.eddy.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Drives an optimizer's learning rate along an {@link LrSchedule}, like a PyTorch
 * {@code lr_scheduler}: the base learning rate is the optimizer's when the scheduler is made, the
 * optimizer's rate is set to the schedule's value at step 0 at once, and each {@link #step()}
 * (usually once per optimizer step or per epoch) advances one step and sets the new rate.
 *
 * <pre>
 *   var scheduler = new LrScheduler(optimizer, SequentialLr.warmupThen(100, 0.01, new CosineAnnealingLr(5_000, 0)));
 *   for (...) { ... optimizer.step(); scheduler.step(); }
 * </pre>
 *
 * <p><b>State</b> ({@link #state()}) is three strings under keys starting with {@code lr_scheduler}:
 * the schedule with its settings, the step count and the base learning rate. They do not collide
 * with {@link Optimizer#stateScalars()}, so both can go in one file's metadata. {@link #loadState}
 * checks the schedule, restores the count and base rate, and sets the optimizer's rate.
 */
public final class LrScheduler {
  private static final String SCHEDULE_KEY = "lr_scheduler";
  private static final String STEP_KEY = "lr_scheduler.step";
  private static final String BASE_LR_KEY = "lr_scheduler.base_lr";

  private final Optimizer optimizer;
  private final LrSchedule schedule;
  private double baseLr;
  private long step;

  /** Starts {@code schedule} from {@code optimizer}'s current learning rate, setting it to the value at step 0. */
  public LrScheduler(Optimizer optimizer, LrSchedule schedule) {
    this.optimizer = Objects.requireNonNull(optimizer, "LrScheduler: optimizer is null");
    this.schedule = Objects.requireNonNull(schedule, "LrScheduler: schedule is null");
    this.baseLr = optimizer.lr();
    apply();
  }

  /** Advances one step and sets the optimizer's learning rate to the schedule's value there. */
  public void step() {
    step++;
    apply();
  }

  /** The learning rate at the current step (the optimizer's, unless someone else changed it since). */
  public double lr() {
    return schedule.lr(baseLr, step);
  }

  /** Steps taken so far. */
  public long stepCount() {
    return step;
  }

  /** The learning rate the schedule started from. */
  public double baseLr() {
    return baseLr;
  }

  public LrSchedule schedule() {
    return schedule;
  }

  /** {@code lr_scheduler} (the schedule's {@code toString()}), {@code lr_scheduler.step}, {@code lr_scheduler.base_lr}. */
  public Map<String, String> state() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(SCHEDULE_KEY, schedule.toString());
    out.put(STEP_KEY, Long.toString(step));
    out.put(BASE_LR_KEY, Double.toString(baseLr));
    return out;
  }

  /**
   * Restores {@link #state()} saved by a scheduler with an equal schedule, and sets the optimizer's
   * learning rate to the restored step's value. Other keys are ignored. On a mismatch throws
   * {@link IllegalArgumentException} naming the key, the expected and the actual value, and changes
   * nothing.
   */
  public void loadState(Map<String, String> state) {
    String saved = required(state, SCHEDULE_KEY);
    if (!saved.equals(schedule.toString())) {
      throw new IllegalArgumentException("LrScheduler.loadState: the state is for " + saved + ", this scheduler runs "
          + schedule);
    }
    String stepText = required(state, STEP_KEY);
    String baseText = required(state, BASE_LR_KEY);
    long savedStep;
    double savedBase;
    try {
      savedStep = Long.parseLong(stepText);
      savedBase = Double.parseDouble(baseText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("LrScheduler.loadState: '" + STEP_KEY + "' must be an integer and '"
          + BASE_LR_KEY + "' a number, got '" + stepText + "' and '" + baseText + "'", e);
    }
    if (savedStep < 0 || !(savedBase > 0) || savedBase == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("LrScheduler.loadState: '" + STEP_KEY + "' must be >= 0 and '"
          + BASE_LR_KEY + "' a finite number > 0, got " + savedStep + " and " + savedBase);
    }
    step = savedStep;
    baseLr = savedBase;
    apply();
  }

  private static String required(Map<String, String> state, String key) {
    String value = state.get(key);
    if (value == null) {
      throw new IllegalArgumentException("LrScheduler.loadState: missing entry '" + key + "'");
    }
    return value;
  }

  private void apply() {
    optimizer.setLr(lr());
  }

  @Override
  public String toString() {
    return "LrScheduler(" + schedule + ", step " + step + ", lr " + lr() + ")";
  }
}
