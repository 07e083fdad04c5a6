package dev.eddy.examples.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded mini-batches over a training set of {@code count} examples: each {@link #epoch()} shuffles
 * the indices {@code 0 .. count-1} and cuts them into batches of {@code batchSize} (the last one
 * smaller when {@code count} is not a multiple), so every example is seen once per epoch and the
 * same seed gives the same batches.
 *
 * <pre>{@code
 * MiniBatches batches = new MiniBatches(train.size(), 32, seed);
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *   for (int[] batch : batches.epoch()) { ... }
 * }
 * }</pre>
 */
public final class MiniBatches {
  private final int[] order;
  private final int batchSize;
  private final SplittableRandom rng;

  public MiniBatches(int count, int batchSize, long seed) {
    if (count < 1 || batchSize < 1) {
      throw new IllegalArgumentException("mini-batches: count and batch size must be at least 1, got " + count
          + " and " + batchSize);
    }
    this.order = new int[count];
    Arrays.setAll(order, i -> i);
    this.batchSize = batchSize;
    this.rng = new SplittableRandom(seed);
  }

  /** Batches in one epoch: {@code ceil(count / batchSize)}. */
  public int batchesPerEpoch() {
    return (order.length + batchSize - 1) / batchSize;
  }

  /** The next epoch's batches: a fresh Fisher–Yates shuffle of all indices, cut in order. */
  public List<int[]> epoch() {
    for (int i = order.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    List<int[]> batches = new ArrayList<>(batchesPerEpoch());
    for (int from = 0; from < order.length; from += batchSize) {
      batches.add(Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize)));
    }
    return batches;
  }
}
