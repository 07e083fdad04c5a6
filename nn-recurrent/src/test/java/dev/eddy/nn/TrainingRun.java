package dev.eddy.nn;

import dev.eddy.autograd.Losses;
import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.nn.recurrent.LSTM;
import dev.eddy.optim.Adam;
import dev.eddy.optim.GradClipping;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small seeded training run for the reliability tests: a 2-layer LSTM (32 features, 128 hidden
 * units, dropout 0.2 between the layers) with a linear read-out, Adam and gradient clipping, trained
 * on random batches. Batch
 * {@code s} is drawn from its own generator seeded by {@code s}, so where a run is in its data is
 * one number, {@link #position()}, which a checkpoint saves and {@link #seek} restores.
 *
 * <p>The sizes are chosen so that the kernels actually split across threads: the recurrent product
 * {@code [16, 128] x [128, 512]} and the input projection {@code [192, 32] x [32, 512]} are both
 * over the GEMM's one-million-flop threshold for going parallel.
 */
public final class TrainingRun {
  public static final int TIME = 12;
  public static final int BATCH = 16;
  public static final int FEATURES = 32;
  public static final int HIDDEN = 128;

  /** The model: {@code lstm} then {@code head} on every step's output. */
  public static final class Model extends Module {
    public final LSTM lstm;
    public final Linear head;

    Model(long seed, boolean fastPath) {
      lstm = registerModule("lstm", LSTM.builder(FEATURES, HIDDEN).numLayers(2).dropout(0.2).seed(seed)
          .fastPath(fastPath).build());
      head = registerModule("head", new Linear(HIDDEN, FEATURES, seed + 1));
    }
  }

  public final Model model;
  public final Adam optimizer;
  private final long dataSeed;
  private final boolean checkNonFinite;
  private final List<Double> losses = new ArrayList<>();
  private int position;
  private boolean anomalyMode;

  /**
   * A fresh run: weights from {@code seed}, data from {@code dataSeed}; {@code checkNonFinite} makes
   * the gradient clipping stop at a non-finite gradient instead of scaling it.
   */
  public TrainingRun(long seed, long dataSeed, boolean fastPath, boolean checkNonFinite) {
    this.model = new Model(seed, fastPath);
    this.optimizer = Adam.builder(model.namedParameters()).lr(1e-3).build();
    this.dataSeed = dataSeed;
    this.checkNonFinite = checkNonFinite;
  }

  /** Records the next steps with anomaly mode on (every op's output and gradient checked). */
  public TrainingRun anomalyMode(boolean on) {
    this.anomalyMode = on;
    return this;
  }

  /** Batch {@code s}: inputs {@code [TIME, BATCH, FEATURES]} and targets of the same shape. */
  public Tensor[] batch(int s) {
    SplittableRandom r = new SplittableRandom(dataSeed * 1_000_003L + s);
    return new Tensor[] {Tensor.normal(r, DType.F32, 0, 1, TIME, BATCH, FEATURES),
        Tensor.normal(r, DType.F32, 0, 1, TIME, BATCH, FEATURES)};
  }

  /** One step on the next batch; returns the loss. */
  public double step() {
    Tensor[] xy = batch(position);
    return step(xy[0], xy[1]);
  }

  /** One step on the given batch (which counts as the next one); returns the loss. */
  public double step(Tensor x, Tensor y) {
    double loss;
    try (Tape tape = Tape.open()) {
      if (anomalyMode) {
        tape.detectAnomalies();
      }
      Var out = model.head.forward(model.lstm.forward(Var.constant(x)).output());
      Var l = Losses.mse(out, Var.constant(y));
      optimizer.zeroGrad();
      tape.backward(l);
      loss = l.item();
    }
    GradClipping.clipGradNorm(optimizer.parameters(), 1.0, 2, checkNonFinite);
    optimizer.step();
    losses.add(loss);
    position++;
    return loss;
  }

  /** {@code steps} steps; returns this. */
  public TrainingRun train(int steps) {
    for (int i = 0; i < steps; i++) {
      step();
    }
    return this;
  }

  /** The number of batches trained on so far: where the data continues. */
  public int position() {
    return position;
  }

  /** Continues the data at batch {@code s} (after restoring a checkpoint taken there). */
  public void seek(int s) {
    position = s;
  }

  /** The loss of every step so far. */
  public List<Double> losses() {
    return losses;
  }

  /** The model's parameters by name (copies). */
  public Map<String, Tensor> parameters() {
    return model.stateDict();
  }
}
