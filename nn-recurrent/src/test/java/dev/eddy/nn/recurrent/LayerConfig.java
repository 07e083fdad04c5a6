package dev.eddy.nn.recurrent;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.Combinators;

/** A tiny random recurrent layer configuration for properties, and what to feed it. */
record LayerConfig(String cell, int inputSize, int hiddenSize, int numLayers, boolean bidirectional,
    boolean batchFirst, int projSize, boolean bias, long seed) {

  /** For {@code @ForAll(supplier = LayerConfig.Tiny.class)}: sizes 1 to 3, one or two layers. */
  static final class Tiny implements ArbitrarySupplier<LayerConfig> {
    @Override
    public Arbitrary<LayerConfig> get() {
      return sized(3, 3, 2);
    }
  }

  /** For the slow sweeps: sizes up to 6, up to three layers. */
  static final class Larger implements ArbitrarySupplier<LayerConfig> {
    @Override
    public Arbitrary<LayerConfig> get() {
      return sized(6, 6, 3);
    }
  }

  static Arbitrary<LayerConfig> sized(int maxIn, int maxHidden, int maxLayers) {
    Arbitrary<String> cells = Arbitraries.of("rnn_tanh", "rnn_relu", "lstm", "gru");
    return Combinators.combine(cells, Arbitraries.integers().between(1, maxIn),
        Arbitraries.integers().between(1, maxHidden), Arbitraries.integers().between(1, maxLayers),
        Arbitraries.of(false, true), Arbitraries.of(false, true), Arbitraries.integers().between(0, maxHidden - 1),
        Arbitraries.of(true, true, false))
        .as((cell, in, hidden, layers, bi, bf, proj, bias) -> new LayerConfig(cell, in, hidden, layers, bi, bf,
            cell.equals("lstm") && proj < hidden ? proj : 0, bias, 0))
        .flatMap(c -> Arbitraries.longs().map(c::withSeed));
  }

  LayerConfig withSeed(long newSeed) {
    return new LayerConfig(cell, inputSize, hiddenSize, numLayers, bidirectional, batchFirst, projSize, bias, newSeed);
  }

  /** The layer, with the fast path where it applies. */
  RecurrentStack build(DType dtype) {
    return build(dtype, true);
  }

  /** The layer; {@code fastPath} false forces the composed cells. */
  RecurrentStack build(DType dtype, boolean fastPath) {
    return switch (cell) {
      case "rnn_tanh", "rnn_relu" -> RNN.builder(inputSize, hiddenSize).numLayers(numLayers).bidirectional(bidirectional)
          .batchFirst(batchFirst).bias(bias).seed(seed).dtype(dtype).fastPath(fastPath)
          .nonlinearity(cell.equals("rnn_relu") ? Nonlinearity.RELU : Nonlinearity.TANH).build();
      case "lstm" -> LSTM.builder(inputSize, hiddenSize).numLayers(numLayers).bidirectional(bidirectional)
          .batchFirst(batchFirst).bias(bias).projSize(projSize).seed(seed).dtype(dtype).fastPath(fastPath).build();
      case "gru" -> GRU.builder(inputSize, hiddenSize).numLayers(numLayers).bidirectional(bidirectional)
          .batchFirst(batchFirst).bias(bias).seed(seed).dtype(dtype).fastPath(fastPath).build();
      default -> throw new IllegalArgumentException(cell);
    };
  }

  int directions() {
    return bidirectional ? 2 : 1;
  }

  int outSize() {
    return projSize > 0 ? projSize : hiddenSize;
  }

  /** Input {@code [time, batch, in]} (or batch-first), F64, values in [-1.5, 1.5). */
  Tensor input(SplittableRandom rng, int time, int batch) {
    return batchFirst ? Tensor.uniform(rng, DType.F64, -1.5, 1.5, batch, time, inputSize)
        : Tensor.uniform(rng, DType.F64, -1.5, 1.5, time, batch, inputSize);
  }

  /** A random initial state of the layer, parts {@code [layers*D, batch, size]}. */
  List<Tensor> initialState(SplittableRandom rng, int batch) {
    List<Tensor> parts = new ArrayList<>();
    parts.add(Tensor.uniform(rng, DType.F64, -0.8, 0.8, numLayers * directions(), batch, outSize()));
    if (cell.equals("lstm")) {
      parts.add(Tensor.uniform(rng, DType.F64, -0.8, 0.8, numLayers * directions(), batch, hiddenSize));
    }
    return parts;
  }

  /** The output and every final state part, flattened and joined: one Var to check. */
  static Var joined(RecurrentOutput out) {
    List<Var> all = new ArrayList<>();
    all.add(out.output().flatten());
    for (Var p : out.state().parts()) {
      all.add(p.flatten());
    }
    return dev.eddy.autograd.ShapeOps.concat(0, all);
  }
}
