package dev.eddy.examples.memory;

import dev.eddy.autograd.Losses;
import dev.eddy.autograd.Var;
import dev.eddy.examples.support.AddingProblem;
import dev.eddy.tensor.DType;
import java.util.random.RandomGenerator;

/**
 * The adding problem ({@link AddingProblem}) as a memory task: the model reads the whole sequence and
 * answers at the end; the loss is the mean squared error, against the baseline 1/6 of always
 * answering 1. Inputs {@code [T, batch, 2]} (value, marker), targets {@code [batch, 1]}.
 */
record AddingTask(int length) implements MemoryTask {

  AddingTask {
    if (length < 2) {
      throw new IllegalArgumentException("adding problem: T must be at least 2 (one marker in each half), got " + length);
    }
  }

  @Override
  public String name() {
    return "adding";
  }

  @Override
  public String lossName() {
    return "MSE";
  }

  @Override
  public int inputSize() {
    return 2;
  }

  @Override
  public int outputSize() {
    return 1;
  }

  @Override
  public Batch sample(RandomGenerator rng, int batch) {
    AddingProblem b = AddingProblem.sample(rng, length, batch, DType.F32);
    return new Batch(b.x(), b.target());
  }

  @Override
  public Var loss(MemoryModel model, Batch batch) {
    return Losses.mse(model.lastStep(Var.constant(batch.inputs())), Var.constant(batch.targets()));
  }

  @Override
  public Score score(MemoryModel model, Batch batch) {
    return new Score(loss(model, batch).item(), Double.NaN);
  }

  @Override
  public double baseline() {
    return AddingProblem.BASELINE_MSE;
  }

  @Override
  public String baselineMeaning() {
    return "always predict 1";
  }

  @Override
  public double baselineAccuracy() {
    return Double.NaN;
  }

  /** MSE 0.01: 6% of the baseline, where the answer is within about 0.1 of the sum. */
  @Override
  public double goal() {
    return 0.01;
  }
}
