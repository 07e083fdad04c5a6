package dev.eddy.nn.recurrent;

import static dev.eddy.nn.recurrent.PaddedBatchPropertiesTest.assertClose;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link Bidirectional} equals a forward run merged with a run of the other cell over each sequence
 * reversed within its length (reversed here by hand, element by element), with that run's outputs
 * put back in input order; the final states are the two runs' final states.
 */
class BidirectionalPropertiesTest {

  @Property(tries = 40)
  void equalsForwardRunAndRunOverReversedSequences(@ForAll(supplier = LayerConfig.Tiny.class) LayerConfig config, @ForAll Merge merge,
      @ForAll @IntRange(min = 1, max = 5) int time, @ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll boolean padded, @ForAll long dataSeed) {
    SplittableRandom rng = new SplittableRandom(dataSeed);
    RecurrentCell forward = config.build(DType.F64).cell(0, 0);
    RecurrentCell reverse = config.withSeed(config.seed() + 1).build(DType.F64).cell(0, 0);
    int[] lengths = padded ? RecurrentGradientPropertiesTest.randomLengths(rng, time, batch) : null;
    int[] effective = lengths != null ? lengths : full(time, batch);
    Tensor x = Tensor.uniform(rng, DType.F64, -2, 2, time, batch, forward.inputSize());
    Tensor h0 = Tensor.uniform(rng, DType.F64, -1, 1, 2, batch, forward.outputSize());
    RecurrentState initial = RecurrentState.of(Var.constant(h0));
    RecurrentState initialForward = RecurrentState.of(Var.constant(h0.select(0, 0)));
    RecurrentState initialReverse = RecurrentState.of(Var.constant(h0.select(0, 1)));
    if (forward.stateSizes().length == 2) {
      Tensor c0 = Tensor.uniform(rng, DType.F64, -1, 1, 2, batch, forward.stateSizes()[1]);
      initial = RecurrentState.of(Var.constant(h0), Var.constant(c0));
      initialForward = RecurrentState.of(Var.constant(h0.select(0, 0)), Var.constant(c0.select(0, 0)));
      initialReverse = RecurrentState.of(Var.constant(h0.select(0, 1)), Var.constant(c0.select(0, 1)));
    }

    RecurrentOutput bi = new Bidirectional(forward, reverse, merge, false).forward(Var.constant(x), initial, lengths);

    SequenceResult f = Recurrence.of(forward).run(Var.constant(x), initialForward, lengths);
    SequenceResult r = Recurrence.of(reverse).run(Var.constant(reverseWithin(x, effective)), initialReverse, lengths);
    Tensor fOut = f.output().value();
    Tensor rOut = reverseWithin(r.output().value(), effective);
    Tensor expected = switch (merge) {
      case CONCAT -> Tensor.concat(2, fOut, rOut);
      case SUM -> fOut.add(rOut);
      case MEAN -> fOut.add(rOut).mul(0.5);
      case PRODUCT -> fOut.mul(rOut);
    };
    assertClose(expected, bi.output().value(), "merged output (" + merge + ")");
    for (int i = 0; i < bi.state().size(); i++) {
      assertClose(f.state().part(i).value(), bi.state().part(i).value().select(0, 0), "forward final part " + i);
      assertClose(r.state().part(i).value(), bi.state().part(i).value().select(0, 1), "reverse final part " + i);
    }
  }

  private static int[] full(int time, int batch) {
    int[] l = new int[batch];
    java.util.Arrays.fill(l, time);
    return l;
  }

  /** {@code [time, batch, f]} with steps {@code 0..len-1} of each sequence in reverse order, padding in place. */
  static Tensor reverseWithin(Tensor x, int[] lengths) {
    int time = x.dim(0);
    int batch = x.dim(1);
    int f = x.dim(2);
    double[] in = x.toDoubleArray();
    double[] out = new double[in.length];
    for (int t = 0; t < time; t++) {
      for (int b = 0; b < batch; b++) {
        int from = t < lengths[b] ? lengths[b] - 1 - t : t;
        System.arraycopy(in, (from * batch + b) * f, out, (t * batch + b) * f, f);
      }
    }
    return Tensor.of(out, time, batch, f);
  }
}
