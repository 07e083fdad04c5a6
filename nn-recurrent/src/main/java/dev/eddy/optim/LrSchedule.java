package dev.eddy.optim;

/**
 * A learning-rate schedule in closed form: the learning rate after a number of scheduler steps, for
 * an optimizer whose learning rate was {@code baseLr} when the schedule started. The forms are
 * PyTorch 1.13's {@code _get_closed_form_lr} of the scheduler of the same name, so the values match
 * PyTorch's (which steps most schedulers recursively) to within rounding.
 *
 * <p>A schedule holds only its settings; {@link LrScheduler} counts the steps and sets the
 * optimizer's learning rate. Because each schedule is a pure function of the step, schedules compose
 * ({@link SequentialLr}: warm-up then cosine) and a saved run needs only the step count. Each is a
 * record whose {@code toString()} names it with its settings; saved state is checked against it.
 */
public interface LrSchedule {
  /** The learning rate after {@code step} scheduler steps ({@code step >= 0}; 0 is the start). */
  double lr(double baseLr, long step);
}
