package dev.eddy.autograd;

/** How a loss combines its per-element terms. */
public enum Reduction {
  /** The mean over the terms that count (for cross-entropy: the kept targets). */
  MEAN,
  /** The sum of the terms. */
  SUM,
  /** No reduction: one term per element (per row for cross-entropy). */
  NONE
}
