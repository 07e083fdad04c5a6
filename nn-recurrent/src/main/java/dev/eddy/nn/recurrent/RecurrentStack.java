package dev.eddy.nn.recurrent;

import dev.eddy.autograd.NnOps;
import dev.eddy.autograd.Var;
import dev.eddy.nn.Module;
import dev.eddy.nn.SplitMix64;
import dev.eddy.tensor.DType;
import java.util.Arrays;
import java.util.Objects;

/**
 * Layers of recurrent cells, each running over the whole output sequence of the one below, optionally
 * in both directions, with dropout between layers: {@link RNN}, {@link LSTM} and {@link GRU} are this
 * with their cell, and any other cell gets the same for free.
 *
 * <pre>{@code
 * RecurrentStack stack = RecurrentStack.builder(4, (layer, direction, in) -> new MyCell(in, 16, layer))
 *     .numLayers(2).bidirectional(true).dropout(0.2).seed(7).build();
 * RecurrentOutput out = stack.forward(x);          // output [time, batch, 32], hN [4, batch, 16]
 * }</pre>
 *
 * <p><b>Names.</b> The parameters of the cell of layer k are renamed PyTorch's way:
 * {@code <name>_l<k>} forward and {@code <name>_l<k>_reverse} reverse, in the order layer 0 forward,
 * layer 0 reverse, layer 1 forward, ... So an LSTM made of {@link LstmCell}s has exactly the names of
 * a PyTorch {@code nn.LSTM} state dict ({@code weight_ih_l0}, {@code bias_hh_l1_reverse},
 * {@code weight_hr_l0}) and loads one unchanged.
 *
 * <p><b>Shapes.</b> Input {@code [time, batch, inputSize]} ({@code [batch, time, inputSize]}
 * batch-first); output {@code [time, batch, merged Hout]}; initial and final states have parts
 * {@code [layers * directions, batch, size]}, index {@code layer * directions + direction}.
 *
 * <p><b>Dropout</b> between layers (not after the last) applies in training mode only, with draws
 * from a generator seeded by the builder's seed (registered as {@code dropout}, so a checkpoint can
 * record its position: {@link #generatorStates()}).
 */
public class RecurrentStack extends Module {

  /** Makes the cell of one layer and direction (0 forward, 1 reverse) for {@code inputSize} features. */
  @FunctionalInterface
  public interface CellFactory {
    RecurrentCell create(int layer, int direction, int inputSize);
  }

  /** The shape of a stack, as its builders collect it. */
  protected record Options(int inputSize, int numLayers, boolean bidirectional, Merge merge, double dropout,
      long seed, boolean batchFirst, boolean fastPath) {}

  private final int inputSize;
  private final int numLayers;
  private final int directions;
  private final Merge merge;
  private final double dropout;
  private final boolean batchFirst;
  private final boolean fastPath;
  private final RecurrentCell[][] cells;
  private final SplitMix64 dropoutRng;

  /** Creates the cells with {@code factory}, layer by layer, forward before reverse. */
  protected RecurrentStack(Options o, CellFactory factory) {
    String what = getClass().getSimpleName();
    if (o.inputSize() < 1 || o.numLayers() < 1) {
      throw new IllegalArgumentException(what + ": input_size and num_layers must be positive, got " + o.inputSize()
          + " and " + o.numLayers());
    }
    if (!(o.dropout() >= 0 && o.dropout() < 1)) {
      throw new IllegalArgumentException(what + ": dropout must be in [0, 1), got " + o.dropout());
    }
    this.inputSize = o.inputSize();
    this.numLayers = o.numLayers();
    this.directions = o.bidirectional() ? 2 : 1;
    this.merge = Objects.requireNonNull(o.merge(), "merge");
    this.dropout = o.dropout();
    this.batchFirst = o.batchFirst();
    this.fastPath = o.fastPath();
    this.dropoutRng = registerGenerator("dropout", o.seed() ^ 0x9E3779B97F4A7C15L);
    this.cells = new RecurrentCell[numLayers][directions];
    int in = inputSize;
    for (int layer = 0; layer < numLayers; layer++) {
      for (int d = 0; d < directions; d++) {
        RecurrentCell cell = Objects.requireNonNull(factory.create(layer, d, in),
            what + ": the cell factory returned null for layer " + layer);
        if (cell.inputSize() != in) {
          throw new IllegalArgumentException(what + ": the cell of layer " + layer + " takes " + cell.inputSize()
              + " input features, but that layer gets " + in);
        }
        if (!Arrays.equals(cell.stateSizes(), cells[0][0] == null ? cell.stateSizes() : cells[0][0].stateSizes())) {
          throw new IllegalArgumentException(what + ": every cell needs the same state sizes; layer 0 has "
              + Arrays.toString(cells[0][0].stateSizes()) + ", layer " + layer + " has "
              + Arrays.toString(cell.stateSizes()));
        }
        cells[layer][d] = cell;
        String suffix = "_l" + layer + (d == 1 ? "_reverse" : "");
        registerModule(cell, name -> name + suffix);
      }
      in = directions == 2 ? merge.outputSize(cells[layer][0].outputSize()) : cells[layer][0].outputSize();
    }
  }

  /** A builder for a stack of cells made by {@code factory}, with {@code inputSize} features in. */
  public static Builder builder(int inputSize, CellFactory factory) {
    return new Builder(inputSize, factory);
  }

  /** Options of a generic {@link RecurrentStack}; defaults: 1 layer, one direction, concat, no dropout, time-major, seed 0. */
  public static final class Builder {
    private final int inputSize;
    private final CellFactory factory;
    private int numLayers = 1;
    private boolean bidirectional;
    private Merge merge = Merge.CONCAT;
    private double dropout;
    private long seed;
    private boolean batchFirst;

    private Builder(int inputSize, CellFactory factory) {
      this.inputSize = inputSize;
      this.factory = Objects.requireNonNull(factory, "RecurrentStack: cell factory is null");
    }

    public Builder numLayers(int value) {
      this.numLayers = value;
      return this;
    }

    public Builder bidirectional(boolean on) {
      this.bidirectional = on;
      return this;
    }

    /** How the two directions' outputs are combined (default concat). */
    public Builder merge(Merge value) {
      this.merge = value;
      return this;
    }

    /** Dropout probability on the outputs of every layer but the last, in training mode. */
    public Builder dropout(double p) {
      this.dropout = p;
      return this;
    }

    /** Seed of the dropout draws (the factory seeds its own cells). */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    public Builder batchFirst(boolean on) {
      this.batchFirst = on;
      return this;
    }

    public RecurrentStack build() {
      return new RecurrentStack(new Options(inputSize, numLayers, bidirectional, merge, dropout, seed, batchFirst,
          true), factory);
    }
  }

  // =================================================================== forward

  /** From zero states, every sequence full length. */
  public RecurrentOutput forward(Var x) {
    return forward(x, null, null);
  }

  /** From {@code initial} (parts {@code [layers * directions, batch, size]}; null: zeros). */
  public RecurrentOutput forward(Var x, RecurrentState initial) {
    return forward(x, initial, null);
  }

  /**
   * Runs every layer over the sequence.
   *
   * @param x {@code [time, batch, inputSize]}, or {@code [batch, time, inputSize]} batch-first
   * @param initial parts {@code [layers * directions, batch, size]} (LSTM: h0, c0), or null for zeros
   * @param lengths per-sequence lengths in {@code [1, time]}, or null when all are full
   */
  public RecurrentOutput forward(Var x, RecurrentState initial, int[] lengths) {
    String what = getClass().getSimpleName();
    DType dtype = InputCheck.parameterDtype(this);
    InputCheck.sequence(what, x, inputSize, batchFirst, dtype);
    Var h = batchFirst ? x.transpose(0, 1) : x;
    int batch = h.dim(1);
    int count = numLayers * directions;
    RecurrentState[] start = new RecurrentState[count];
    if (initial == null) {
      for (int k = 0; k < count; k++) {
        start[k] = cells[k / directions][k % directions].zeroState(batch, x.dtype());
      }
    } else {
      int[] sizes = stateSizes();
      StackedStates.check(what, initial, count, batch, sizes, x.dtype(), StackedStates.names(sizes.length));
      start = StackedStates.unstack(initial, count);
    }
    Lengths len = Lengths.of(what, lengths, h.dim(0), batch);
    RecurrentState[] finals = new RecurrentState[count];
    for (int layer = 0; layer < numLayers; layer++) {
      if (layer > 0) {
        h = NnOps.dropout(h, dropout, isTraining(), dropoutRng);
      }
      h = SequenceLoop.runLayer(cells[layer], merge, h, start, layer * directions, len, finals, fastPath);
    }
    return new RecurrentOutput(batchFirst ? h.transpose(0, 1) : h, StackedStates.stack(finals));
  }

  /**
   * One time step of a unidirectional stack, for generation: {@code x [batch, inputSize]} and the
   * previous state (null: zeros) give the output {@code [batch, Hout]} and the next state; a loop of
   * steps equals {@link #forward} over the whole sequence.
   */
  public RecurrentOutput step(Var x, RecurrentState state) {
    String what = getClass().getSimpleName();
    if (directions == 2) {
      throw new IllegalStateException(what + ".step: a bidirectional layer needs the whole sequence; use forward");
    }
    if (x.rank() != 2 || x.dim(1) != inputSize) {
      throw new IllegalArgumentException(what + ".step: input must be [batch, " + inputSize + "], got " + x.shape());
    }
    int timeAxis = batchFirst ? 1 : 0;
    RecurrentOutput o = forward(x.unsqueeze(timeAxis), state);
    return new RecurrentOutput(o.output().squeeze(timeAxis), o.state());
  }

  // =================================================================== shape

  public int inputSize() {
    return inputSize;
  }

  public int numLayers() {
    return numLayers;
  }

  public boolean isBidirectional() {
    return directions == 2;
  }

  public boolean isBatchFirst() {
    return batchFirst;
  }

  public double dropout() {
    return dropout;
  }

  public Merge merge() {
    return merge;
  }

  /** Features of an output step: the last layer's (merged) output size. */
  public int outputSize() {
    int h = cells[0][0].outputSize();
    return directions == 2 ? merge.outputSize(h) : h;
  }

  /** The sizes of the parts of every cell's state (the last axis of the layer state's parts). */
  public int[] stateSizes() {
    return cells[0][0].stateSizes();
  }

  /** The cell of {@code layer} and {@code direction} (0 forward, 1 reverse). */
  public RecurrentCell cell(int layer, int direction) {
    return cells[layer][direction];
  }
}
