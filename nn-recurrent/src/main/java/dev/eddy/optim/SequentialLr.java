package dev.eddy.optim;

import java.util.List;

/**
 * Runs schedules one after another, PyTorch's {@code SequentialLR}: schedule {@code k} takes over at
 * step {@code milestones[k - 1]} and starts from its own step 0 there, with the same base learning
 * rate. {@code SequentialLr.warmupThen(500, 0.01, new CosineAnnealingLr(10_000, 1e-5))} warms up
 * linearly for 500 steps, then anneals over the next 10,000.
 *
 * @param schedules the schedules in order, at least one
 * @param milestones the steps at which the next schedule starts: one fewer than the schedules,
 *     increasing, each at least 1
 */
public record SequentialLr(List<LrSchedule> schedules, List<Long> milestones) implements LrSchedule {
  public SequentialLr {
    schedules = List.copyOf(schedules);
    milestones = List.copyOf(milestones);
    if (schedules.isEmpty() || milestones.size() != schedules.size() - 1) {
      throw new IllegalArgumentException("SequentialLr: needs one milestone fewer than schedules, got "
          + schedules.size() + " schedules and " + milestones.size() + " milestones " + milestones);
    }
    long previous = 0;
    for (long m : milestones) {
      if (m <= previous) {
        throw new IllegalArgumentException("SequentialLr: milestones must be increasing and at least 1, got " + milestones);
      }
      previous = m;
    }
  }

  /** A linear warm-up from {@code startFactor * baseLr} to {@code baseLr} over {@code warmupSteps}, then {@code after}. */
  public static SequentialLr warmupThen(long warmupSteps, double startFactor, LrSchedule after) {
    return new SequentialLr(List.of(new LinearLr(startFactor, 1, warmupSteps), after), List.of(warmupSteps));
  }

  @Override
  public double lr(double baseLr, long step) {
    int k = 0;
    while (k < milestones.size() && milestones.get(k) <= step) {
      k++;
    }
    long start = k == 0 ? 0 : milestones.get(k - 1);
    return schedules.get(k).lr(baseLr, step - start);
  }
}
