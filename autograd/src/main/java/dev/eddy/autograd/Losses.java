package dev.eddy.autograd;

import dev.eddy.tensor.ShapeException;
import dev.eddy.tensor.Tensor;

/**
 * Loss functions as fused ops with hand-written backward: each is one record on the tape, computed
 * stably, with the gradient in closed form.
 */
public final class Losses {
  private Losses() {}

  /** The ignore index of the short cross-entropy overloads, as in PyTorch: targets equal to it are skipped. */
  public static final int DEFAULT_IGNORE_INDEX = -100;

  /** Mean cross-entropy of {@code logits [N, C]} against class indices {@code targets} (N of them); -100 is ignored. */
  public static Var crossEntropy(Var logits, int[] targets) {
    return crossEntropy(logits, targets, DEFAULT_IGNORE_INDEX, null, Reduction.MEAN);
  }

  /** {@link #crossEntropy(Var, int[])} with targets as a tensor {@code [N]} of integral values. */
  public static Var crossEntropy(Var logits, Tensor targets) {
    return crossEntropy(logits, targets, DEFAULT_IGNORE_INDEX, null, Reduction.MEAN);
  }

  /** {@link #crossEntropy(Var, int[], int, Tensor, Reduction)} with targets as a tensor {@code [N]} of integral values. */
  public static Var crossEntropy(Var logits, Tensor targets, int ignoreIndex, Tensor mask, Reduction reduction) {
    if (targets.rank() != 1) {
      throw new ShapeException("crossEntropy: targets must be [N] (one class index per row), got " + targets.shape());
    }
    return crossEntropy(logits, targets.toIntArray(), ignoreIndex, mask, reduction);
  }

  /**
   * Cross-entropy {@code -log softmax(logits)[i, targets[i]]} of class scores {@code logits [N, C]}
   * (for a sequence, reshape {@code [batch, time, C]} to {@code [batch * time, C]}). Row i is kept
   * unless {@code targets[i] == ignoreIndex} or {@code mask} ({@code [N]}, optional, nonzero = keep)
   * drops it; kept targets must be in {@code [0, C)}.
   *
   * @param reduction MEAN averages over the kept rows (0 when none is kept, with zero gradient), SUM
   *     adds them, NONE returns {@code [N]} with 0 for dropped rows
   */
  public static Var crossEntropy(Var logits, int[] targets, int ignoreIndex, Tensor mask, Reduction reduction) {
    checkReduction("crossEntropy", reduction);
    Tensor lv = logits.value();
    if (lv.rank() != 2) {
      throw new ShapeException("crossEntropy: logits must be [N, C] (a row of class scores per target), got "
          + lv.shape() + "; reshape [batch, time, C] to [batch * time, C]");
    }
    int n = lv.dim(0);
    int c = lv.dim(1);
    if (targets.length != n) {
      throw new ShapeException("crossEntropy: " + targets.length + " targets for " + n + " rows of logits " + lv.shape());
    }
    if (mask != null && (mask.rank() != 1 || mask.dim(0) != n)) {
      throw new ShapeException("crossEntropy: mask must be [" + n + "] (one flag per row of logits " + lv.shape()
          + "), got " + mask.shape());
    }
    double[] maskValues = mask == null ? null : mask.toDoubleArray();
    int[] kept = new int[n]; // the target of each kept row, -1 for dropped rows
    int keptCount = 0;
    for (int i = 0; i < n; i++) {
      boolean keep = targets[i] != ignoreIndex && (maskValues == null || maskValues[i] != 0);
      if (keep && (targets[i] < 0 || targets[i] >= c)) {
        throw new IllegalArgumentException("crossEntropy: target " + targets[i] + " of row " + i + " is not a class in [0, "
            + c + ") nor the ignore index " + ignoreIndex);
      }
      kept[i] = keep ? targets[i] : -1;
      keptCount += keep ? 1 : 0;
    }
    double[] logProbs = lv.logSoftmax(1).toDoubleArray();
    double[] rowLoss = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      if (kept[i] >= 0) {
        rowLoss[i] = -logProbs[i * c + kept[i]];
        total += rowLoss[i];
      }
    }
    double divisor = reduction == Reduction.MEAN ? Math.max(keptCount, 1) : 1;
    Tensor y = reduction == Reduction.NONE
        ? Tensor.wrap(rowLoss, n).to(lv.dtype())
        : Tensor.scalar(lv.dtype(), total / divisor);
    return Op.result("crossEntropy", y, g -> {
      double[] rowWeight = reduction == Reduction.NONE ? g.toDoubleArray() : null;
      double weight = reduction == Reduction.NONE ? 0 : g.item() / divisor;
      double[] grad = new double[n * c];
      for (int i = 0; i < n; i++) {
        if (kept[i] < 0) {
          continue;
        }
        double w = rowWeight != null ? rowWeight[i] : weight;
        for (int j = 0; j < c; j++) {
          grad[i * c + j] = w * Math.exp(logProbs[i * c + j]);
        }
        grad[i * c + kept[i]] -= w;
      }
      return Tensor.wrap(grad, n, c).to(lv.dtype());
    }, logits);
  }

  /** Mean squared error of {@code prediction} against {@code target} (same shape). */
  public static Var mse(Var prediction, Var target) {
    return mse(prediction, target, Reduction.MEAN);
  }

  /** Squared error {@code (prediction - target)²} of two Vars of the same shape, reduced as asked. */
  public static Var mse(Var prediction, Var target, Reduction reduction) {
    checkReduction("mse", reduction);
    checkSameShape("mse", prediction, target);
    Tensor diff = prediction.value().sub(target.value());
    int n = diff.numel();
    return Op.result("mse", reduce(diff.square(), reduction), (g, needs) -> {
      Tensor gp = weighted(diff, g, reduction, n).mul(2);
      return new Tensor[] {needs[0] ? gp : null, needs[1] ? gp.neg() : null};
    }, prediction, target);
  }

  /** Mean binary cross-entropy of {@code logits} against {@code targets} in [0, 1] (same shape). */
  public static Var bceWithLogits(Var logits, Var targets) {
    return bceWithLogits(logits, targets, Reduction.MEAN);
  }

  /**
   * Binary cross-entropy of {@code sigmoid(logits)} against {@code targets} (same shape, values in
   * [0, 1]), computed stably from the logits as {@code max(x, 0) - x·t + log(1 + e^-|x|)}.
   */
  public static Var bceWithLogits(Var logits, Var targets, Reduction reduction) {
    checkReduction("bceWithLogits", reduction);
    checkSameShape("bceWithLogits", logits, targets);
    Tensor x = logits.value();
    Tensor t = targets.value();
    Tensor terms = x.relu().sub(x.mul(t)).add(x.abs().neg().exp().add(1).log());
    int n = x.numel();
    return Op.result("bceWithLogits", reduce(terms, reduction), (g, needs) -> new Tensor[] {
        needs[0] ? weighted(x.sigmoid().sub(t), g, reduction, n) : null,
        needs[1] ? weighted(x.neg(), g, reduction, n) : null}, logits, targets);
  }

  private static void checkReduction(String op, Reduction reduction) {
    if (reduction == null) {
      throw new NullPointerException(op + ": reduction is null; use Reduction.MEAN, SUM or NONE");
    }
  }

  private static Tensor reduce(Tensor terms, Reduction reduction) {
    return switch (reduction) {
      case MEAN -> terms.mean();
      case SUM -> terms.sum();
      case NONE -> terms;
    };
  }

  /** {@code d} times the output gradient {@code g} spread over the terms of the reduction. */
  private static Tensor weighted(Tensor d, Tensor g, Reduction reduction, int n) {
    return switch (reduction) {
      case MEAN -> d.mul(g.item() / n);
      case SUM -> d.mul(g.item());
      case NONE -> d.mul(g);
    };
  }

  private static void checkSameShape(String op, Var a, Var b) {
    if (!a.shape().equals(b.shape())) {
      throw new ShapeException(op + ": input " + a.shape() + " and target " + b.shape() + " differ in shape"
          + " (losses do not broadcast; reshape one of them)");
    }
  }
}
