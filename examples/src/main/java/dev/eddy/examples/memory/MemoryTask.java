package dev.eddy.examples.memory;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * A synthetic long-memory task: how to draw a batch of sequences, the training loss of a model on
 * it, how to score a model on a validation batch, and the score of the best memoryless answer.
 */
interface MemoryTask {

  /**
   * A batch of sequences.
   *
   * @param inputs {@code [time, batch, inputSize]}
   * @param targets what the loss compares with, in the task's layout
   */
  record Batch(Tensor inputs, Tensor targets) {
    int size() {
      return inputs.dim(1);
    }
  }

  /**
   * A validation score.
   *
   * @param loss the training loss on the validation batch (its figure of merit)
   * @param accuracy the fraction of symbols recalled, or NaN for a task without symbols
   */
  record Score(double loss, double accuracy) {}

  /** The command's name of the task, e.g. {@code adding}. */
  String name();

  /** The name of the loss in output, e.g. {@code MSE}. */
  String lossName();

  /** Time steps per sequence. */
  int length();

  int inputSize();

  /** Outputs of the model's head: 1 for a regression, the number of classes otherwise. */
  int outputSize();

  /** A fresh batch of {@code batch} sequences drawn from {@code rng}. */
  Batch sample(RandomGenerator rng, int batch);

  /** The differentiable training loss of {@code model} on {@code batch} (a scalar). */
  Var loss(MemoryModel model, Batch batch);

  /** The loss and, where the task has one, the accuracy of {@code model} on {@code batch}. */
  Score score(MemoryModel model, Batch batch);

  /** The loss of the best answer that remembers nothing. */
  double baseline();

  /** How the baseline answers, e.g. {@code always predict 1}. */
  String baselineMeaning();

  /** The accuracy of the baseline, or NaN for a task without symbols. */
  double baselineAccuracy();

  /** A validation loss that counts as solved, whose first step the summary reports, or NaN for none. */
  double goal();
}
