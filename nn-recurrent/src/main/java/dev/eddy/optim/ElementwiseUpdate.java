package dev.eddy.optim;

/**
 * One optimizer's update rule applied to the elements {@code [from, to)} of a parameter: reads
 * {@code grad}, reads and writes {@code param} and the state buffers, all of the same length.
 * Elements are independent, so any split of the range gives the same result.
 */
@FunctionalInterface
interface ElementwiseUpdate {
  void apply(double[] param, double[] grad, double[][] state, int from, int to);
}
