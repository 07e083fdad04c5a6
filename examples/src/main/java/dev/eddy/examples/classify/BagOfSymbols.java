package dev.eddy.examples.classify;

import dev.eddy.autograd.Var;
import dev.eddy.nn.Linear;
import dev.eddy.tensor.Tensor;

/**
 * The order-blind baseline: a linear classifier on how often each symbol occurs in the sequence.
 * It sees everything but the order, so on the temporal order task it cannot beat
 * {@link TemporalOrderTask#orderBlindCeiling()}.
 */
public final class BagOfSymbols extends SequenceClassifier {
  private final int symbols;
  private final Linear head;

  public BagOfSymbols(int symbols, int classes, long seed) {
    this.symbols = symbols;
    this.head = registerModule("head", new Linear(symbols, classes, seed));
  }

  @Override
  public Var logits(TemporalOrderTask.Batch batch) {
    double[] ids = batch.ids().toDoubleArray();
    int time = batch.ids().dim(1);
    float[] counts = new float[batch.size() * symbols];
    for (int b = 0; b < batch.size(); b++) {
      for (int t = 0; t < batch.lengths()[b]; t++) {
        counts[b * symbols + (int) ids[b * time + t]]++;
      }
    }
    return head.forward(Var.constant(Tensor.of(counts, batch.size(), symbols)));
  }
}
