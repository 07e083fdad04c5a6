package dev.eddy.examples.memory;

import dev.eddy.examples.memory.MemoryTask.Batch;
import dev.eddy.examples.memory.MemoryTask.Score;
import dev.eddy.examples.support.ProgressBar;
import dev.eddy.examples.support.Trainer;
import dev.eddy.optim.Adam;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Training one model on a memory task: a fresh batch drawn from a seeded generator at every step,
 * Adam at a constant learning rate with the gradient norm clipped, and the validation score every
 * few steps (and before the first), shown by a progress bar.
 */
final class MemoryRun {
  private MemoryRun() {}

  /**
   * @param steps optimizer steps
   * @param batch sequences per step
   * @param lr Adam's learning rate
   * @param maxGradNorm the gradient norm is clipped to this
   * @param evalEvery steps between validation scores
   */
  record Settings(int steps, int batch, double lr, double maxGradNorm, int evalEvery) {}

  /**
   * What a run gave.
   *
   * @param evalSteps the steps after which the validation set was scored (0: before training)
   * @param curve the validation loss at those steps
   * @param last the validation score at the end
   * @param trainSeconds the time spent in training steps (not scoring)
   * @param seconds the whole run's time
   */
  record Result(CellKind cell, long parameters, int steps, double[] evalSteps, double[] curve, Score last,
      double trainSeconds, double seconds) {

    double msPerStep() {
      return 1000 * trainSeconds / steps;
    }

    /** The first scored step whose validation loss is below {@code goal}, or -1. */
    int firstStepBelow(double goal) {
      for (int i = 0; i < curve.length; i++) {
        if (curve[i] < goal) {
          return (int) evalSteps[i];
        }
      }
      return -1;
    }
  }

  /** Trains {@code model} (a {@code cell}) on {@code task}, drawing batches from {@code seed}; progress on {@code out}. */
  static Result train(MemoryTask task, CellKind cell, MemoryModel model, Batch validation, Settings s, long seed,
      PrintWriter out) {
    long start = System.nanoTime();
    Trainer trainer = new Trainer(Adam.builder(model.namedParameters()).lr(s.lr()).build(), null, s.maxGradNorm());
    SplittableRandom rng = new SplittableRandom(seed);
    int points = s.steps() / s.evalEvery() + (s.steps() % s.evalEvery() == 0 ? 1 : 2);
    double[] evalSteps = new double[points];
    double[] curve = new double[points];
    Score score = score(task, model, validation);
    curve[0] = score.loss();
    int scored = 1;
    ProgressBar bar = new ProgressBar(out, s.steps(), "seq/s");
    long trainNanos = 0;
    for (int step = 1; step <= s.steps(); step++) {
      Batch batch = task.sample(rng, s.batch());
      long t0 = System.nanoTime();
      trainer.step(() -> task.loss(model, batch));
      trainNanos += System.nanoTime() - t0;
      if (step % s.evalEvery() == 0 || step == s.steps()) {
        score = score(task, model, validation);
        evalSteps[scored] = step;
        curve[scored++] = score.loss();
      }
      bar.update(step, score.loss(), (long) step * s.batch());
    }
    bar.finish();
    return new Result(cell, model.numParameters(), s.steps(), Arrays.copyOf(evalSteps, scored),
        Arrays.copyOf(curve, scored), score, trainNanos / 1e9, (System.nanoTime() - start) / 1e9);
  }

  private static Score score(MemoryTask task, MemoryModel model, Batch validation) {
    model.eval();
    try {
      return task.score(model, validation);
    } finally {
      model.train();
    }
  }
}
