package dev.eddy.nn.recurrent;

/**
 * The steps a fused op runs over a time-major batch {@code [time, batch, ...]}: how many, which time
 * index step s reads and writes, and which rows run at each step.
 *
 * <p>Forward, step s is time index s. Reversed (only without lengths: the driver reverses padded
 * sequences itself, see {@link Lengths#reversal()}), step s is time index {@code time - 1 - s}. With
 * lengths, row b runs at the steps {@code s < lengths[b]} and steps past the longest are not run.
 * Either way the time indices run form one block {@code [first(), first() + steps)}.
 */
final class FusedSteps {
  final int time;
  final int batch;
  /** The number of steps run. */
  final int steps;
  private final boolean reverse;
  private final Lengths lengths;

  FusedSteps(int time, int batch, Lengths lengths, boolean reverse) {
    if (reverse && lengths != null) {
      throw new IllegalArgumentException("FusedSteps: reverse padded sequences before, not here");
    }
    this.time = time;
    this.batch = batch;
    this.lengths = lengths;
    this.reverse = reverse;
    this.steps = lengths == null ? time : lengths.max();
  }

  /** The time index of step {@code s}. */
  int timeOf(int s) {
    return reverse ? time - 1 - s : s;
  }

  /** The lowest time index run. */
  int first() {
    return reverse ? time - steps : 0;
  }

  /** Whether the time index before step s's ({@code timeOf(s - 1)}) is {@code timeOf(s) + 1}. */
  boolean reversed() {
    return reverse;
  }

  /** Whether some row stops before the last step (so rows must be checked with {@link #runs}). */
  boolean masked() {
    return lengths != null;
  }

  /** Whether row {@code b} runs at step {@code s}. */
  boolean runs(int s, int b) {
    return lengths == null || s < lengths.length(b);
  }

  /** The last step row {@code b} runs, or -1 if none. */
  int lastStep(int b) {
    return lengths == null ? steps - 1 : lengths.length(b) - 1;
  }
}
