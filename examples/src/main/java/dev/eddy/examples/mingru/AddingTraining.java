package dev.eddy.examples.mingru;

import dev.eddy.autograd.Losses;
import dev.eddy.autograd.Var;
import dev.eddy.examples.support.AddingProblem;
import dev.eddy.examples.support.ProgressBar;
import dev.eddy.examples.support.Trainer;
import dev.eddy.optim.Adam;
import dev.eddy.tensor.DType;
import java.io.PrintWriter;
import java.util.SplittableRandom;

/**
 * Trains one model on the adding problem. Every model gets the same batches (drawn from the seed),
 * the same validation set, Adam and gradient-norm clipping, so their curves compare step for step.
 */
final class AddingTraining {
  private AddingTraining() {}

  /** How to train: sequence length, steps, batch, Adam's learning rate, clipping norm, evaluation. */
  record Settings(int length, int steps, int batch, double lr, double clip, int evalEvery, int validation, long seed) {}

  /**
   * What training gave: validation MSE at each evaluation, and the mean wall time of a training step
   * (forward, backward, clipping, update; data and evaluation not counted).
   */
  record Result(String name, long parameters, double[] evalSteps, double[] validationMse, double msPerStep) {
    double finalMse() {
      return validationMse[validationMse.length - 1];
    }
  }

  static Result run(String name, LastStepRegressor model, Settings s, PrintWriter out) {
    SplittableRandom data = new SplittableRandom(s.seed());
    AddingProblem validation = AddingProblem.sample(new SplittableRandom(s.seed() + 1), s.length(), s.validation(),
        DType.F32);
    Trainer trainer = new Trainer(Adam.builder(model.namedParameters()).lr(s.lr()).build(), null, s.clip());
    int evaluations = (s.steps() + s.evalEvery() - 1) / s.evalEvery() + 1;
    double[] evalSteps = new double[evaluations];
    double[] mse = new double[evaluations];
    mse[0] = validationMse(model, validation);
    int evaluated = 1;
    long trainingNanos = 0;
    ProgressBar bar = new ProgressBar(out, s.steps(), "seq/s");
    for (int step = 1; step <= s.steps(); step++) {
      AddingProblem batch = AddingProblem.sample(data, s.length(), s.batch(), DType.F32);
      long start = System.nanoTime();
      Var x = Var.constant(batch.x());
      Var target = Var.constant(batch.target());
      double loss = trainer.step(() -> Losses.mse(model.forward(x), target));
      trainingNanos += System.nanoTime() - start;
      if (step % s.evalEvery() == 0 || step == s.steps()) {
        evalSteps[evaluated] = step;
        mse[evaluated++] = validationMse(model, validation);
      }
      bar.update(step, loss, (long) step * s.batch());
    }
    bar.finish();
    return new Result(name, model.numParameters(), evalSteps, mse, trainingNanos / 1e6 / s.steps());
  }

  /** The mean squared error on the validation set; no tape, so nothing is recorded. */
  static double validationMse(LastStepRegressor model, AddingProblem validation) {
    return Losses.mse(model.forward(Var.constant(validation.x())), Var.constant(validation.target())).item();
  }
}
