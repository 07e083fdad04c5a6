package dev.eddy.examples.classify;

import dev.eddy.autograd.Var;
import dev.eddy.nn.Module;

/** A model that gives class scores for a padded batch of symbol sequences. */
public abstract class SequenceClassifier extends Module {

  /** Logits {@code [batch, classes]} for {@code batch} (ids {@code [batch, time]} and lengths). */
  public abstract Var logits(TemporalOrderTask.Batch batch);

  /** Trainable numbers in the model. */
  public final long parameterCount() {
    return parameters().stream().mapToLong(Var::numel).sum();
  }
}
