package dev.eddy.nn.recurrent;

import dev.eddy.autograd.Op;
import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.tensor.Parallel;
import dev.eddy.tensor.Tensor;
import dev.eddy.tensor.gemm.PackedMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One built-in cell run over a whole sequence as a single differentiable op with a hand-written
 * backward: what {@link FusedLstm}, {@link FusedGru} and {@link FusedRnn} share.
 *
 * <p>Forward: the inputs of all steps are projected by one matrix product
 * ({@code [time·batch, in] · W_ihᵀ}, onto the bias rows), each step adds {@code h · W_hhᵀ} into its
 * block of rows and runs the cell's row kernel over it; what backward needs (activated gates,
 * cell states) stays in those buffers. Backward walks the steps in reverse with one product per
 * step ({@code dGates · W_hh}) and writes the gradient of the gate pre-activations over the saved
 * gates; the weight gradients are then one product each over all steps ({@code dW_ih = dGᵀ·X},
 * {@code dW_hh = dGᵀ·H_prev}, bias = column sums) and the input gradient one more
 * ({@code dX = dG·W_ih}). Buffers are allocated once per call. When the op is not recorded
 * (inference), nothing is kept for backward: inputs are projected a chunk of steps at a time into
 * one reused buffer and cell states live in a ring of two steps, so only the output is full size.
 *
 * <p>Op inputs, in order: {@code x [time, batch, in]}, {@code weight_ih}, {@code weight_hh}, with
 * bias {@code bias_ih} and {@code bias_hh}, then the initial state parts {@code [batch, size]}.
 * Outputs: {@code [time, batch, hidden]} (zero where a row has stopped), then the final state parts.
 *
 * @param <T> {@code float[]} or {@code double[]}
 */
abstract class FusedSequence<T> {
  /** Row kernels of a step go parallel from this many elements (gate width × batch) on. */
  static final int PARALLEL_ELEMENTS = 32 * 1024;
  /**
   * Without backward, inputs are projected this many rows (steps × batch) at a time into a buffer
   * that is reused: enough rows for the product to run at full speed, few enough to stay in L2.
   */
  static final int CHUNK_ROWS = 256;
  /**
   * From this batch size on, the recurrent weight is packed once per call for the per-step products
   * ({@link PackedMatrix}): a full tile of rows per weight panel. Smaller batches read a transposed
   * copy row by row (GEMM's single-row path for a batch of 1), where a tile of 8 rows would mostly
   * compute padding.
   */
  static final int PACKED_MIN_BATCH = 8;

  /** The op's name on the tape and in messages. */
  private final String name;
  final FusedKernels<T> k;
  final FusedSteps st;
  final int batch;
  final int in;
  final int hidden;
  /** Gate width: gates × hidden. */
  final int width;
  final boolean bias;
  final Var[] inputs;
  final T x;
  final T wih;
  final T whh;
  /**
   * {@code W_ihᵀ [in, width]} and (for batches of {@link #PACKED_MIN_BATCH} or more) {@code W_hhᵀ
   * [hidden, width]}, packed once per call in the panels GEMM's kernel reads. With the weights as
   * stored, a step's product went through GEMM's transposed-C path, copying every output tile twice
   * (15% of a small LSTM's forward); read in place from a transposed copy, a 16 MiB W_hh (hidden 1024)
   * was fetched with a 16 KiB stride at every step, 30% slower than from the packed panels.
   */
  final PackedMatrix wihPacked;
  final PackedMatrix whhPacked;
  /** {@code W_hhᵀ [hidden, width]} copied once per call, for batches under {@link #PACKED_MIN_BATCH}. */
  final T whhT;
  /** {@code W_hh [width, hidden]} packed for backward's per-step {@code dG · W_hh}, made on first use. */
  private PackedMatrix whhBackward;
  /**
   * Whether the op is recorded, so backward will run: then the per-step buffers keep every step;
   * otherwise they hold a few steps, reused in turn.
   */
  final boolean saving;

  FusedSequence(String name, FusedKernels<T> k, FusedSteps st, GatedCell cell, int gates, Var x, List<Var> state) {
    this.name = name;
    this.k = k;
    this.st = st;
    this.batch = st.batch;
    this.in = cell.inputSize();
    this.hidden = cell.hiddenSize();
    this.width = gates * hidden;
    this.bias = cell.hasBias();
    List<Var> all = new ArrayList<>(List.of(x, cell.weightIh(), cell.weightHh()));
    if (bias) {
      all.add(cell.biasIh());
      all.add(cell.biasHh());
    }
    all.addAll(state);
    this.inputs = all.toArray(Var[]::new);
    this.x = k.data(x.value());
    this.wih = k.data(cell.weightIh().value());
    this.whh = k.data(cell.weightHh().value());
    this.wihPacked = k.pack(true, in, width, wih, 0, in);
    this.whhPacked = batch >= PACKED_MIN_BATCH ? k.pack(true, hidden, width, whh, 0, hidden) : null;
    this.whhT = batch >= PACKED_MIN_BATCH ? null : k.data(cell.weightHh().value().t());
    this.saving = Tape.isRecording() && Arrays.stream(inputs).anyMatch(Var::requiresGrad);
  }

  /** Runs the steps; returns the output {@code [time, batch, hidden]} and the final state parts. */
  abstract List<Tensor> forward();

  /** Gradients of the op's inputs (null where not needed) from those of its outputs. */
  abstract Tensor[] backward(Tensor[] gradOutputs, boolean[] needsGrad);

  /** Runs forward and records the op (when a tape is open); outputs as Vars. */
  final List<Var> run() {
    return Op.results(name, forward(), this::backward, inputs);
  }

  /** The data of state input {@code part} (0: h0). */
  final T initial(int part) {
    return k.data(inputs[(bias ? 5 : 3) + part].value());
  }

  /** Index into the op's inputs of the first state part. */
  final int stateInput() {
    return bias ? 5 : 3;
  }

  // ------------------------------------------------------------------ forward helpers

  /** Per-step values, {@code n} per batch row, for time indices modulo {@code slots}. */
  final class Steps {
    final T data;
    final int n;
    final int slots;

    Steps(int n, int slots) {
      this.n = n;
      this.slots = slots;
      this.data = k.alloc(slots * batch * n);
    }

    /** Offset of batch row b of time index t. */
    int at(int t, int b) {
      return ((t % slots) * batch + b) * n;
    }
  }

  /** Per-step values that backward reads: every step when saving, else {@code slots} reused in turn. */
  final Steps saved(int n, int slots) {
    return new Steps(n, saving ? st.time : slots);
  }

  /** The steps per projected chunk of inputs when not saving (all steps when saving). */
  final int chunkSteps() {
    return saving ? st.time : Math.max(1, Math.min(st.time, CHUNK_ROWS / batch));
  }

  /**
   * Before step s: unless an earlier step did, projects the chunk of time indices holding
   * {@code timeOf(s)} into {@code out}: {@code x · W_ihᵀ} (plus {@code biasRow} when not null). The
   * chunks are the {@code out.slots} time indices sharing {@code t / out.slots}, clipped to those run.
   */
  final void project(int s, T biasRow, Steps out) {
    int t = st.timeOf(s);
    int size = out.slots;
    if (s > 0 && st.timeOf(s - 1) / size == t / size) {
      return;
    }
    int lo = Math.max(st.first(), t / size * size);
    int hi = Math.min(st.first() + st.steps, t / size * size + size);
    int rows = (hi - lo) * batch;
    int r0 = out.at(lo, 0) / width;
    if (biasRow != null) {
      fillRows(out.data, r0, rows, biasRow);
    }
    k.gemm(rows, x, lo * batch * in, in, wihPacked, out.data, r0 * width, width, biasRow != null);
  }

  /** {@code out[t] (+)= h · W_hhᵀ} for the rows of time index t ({@code out} has {@code width} columns). */
  final void recurrentProduct(T h, int hOff, T out, int outOff, boolean accumulate) {
    if (whhPacked != null) {
      k.gemm(batch, h, hOff, hidden, whhPacked, out, outOff, width, accumulate);
    } else {
      k.gemm(false, false, batch, width, hidden, h, hOff, hidden, whhT, 0, width, out, outOff, width, accumulate);
    }
  }

  /** Backward through a step's recurrent product: {@code dh (+)= dG · W_hh}, {@code dG} the rows at {@code gOff}. */
  final void recurrentGrad(T dG, int gOff, T dh, boolean accumulate) {
    if (batch >= PACKED_MIN_BATCH) {
      if (whhBackward == null) {
        whhBackward = k.pack(false, width, hidden, whh, 0, hidden);
      }
      k.gemm(batch, dG, gOff, width, whhBackward, dh, 0, hidden, accumulate);
    } else {
      k.gemm(false, false, batch, hidden, width, dG, gOff, width, whh, 0, hidden, dh, 0, hidden, accumulate);
    }
  }

  /** Copies {@code row} ({@code width} long) into rows {@code [r0, r0 + rows)} of {@code out}. */
  final void fillRows(T out, int r0, int rows, T row) {
    for (int r = r0; r < r0 + rows; r++) {
      System.arraycopy(row, 0, out, r * width, width);
    }
  }

  /** The array holding the state before step s: the initial one or {@code perStep}'s. */
  final T before(int s, T initial, Steps perStep) {
    return s == 0 ? initial : perStep.data;
  }

  /** The offset of that state in {@link #before}'s array. */
  final int beforeOffset(int s, Steps perStep) {
    return s == 0 ? 0 : perStep.at(st.timeOf(s - 1), 0);
  }

  /** What a step does to batch row b. */
  @FunctionalInterface
  interface RowKernel {
    void run(int b);
  }

  /**
   * Runs {@code running} on the rows that run at step s and {@code stopped} (if not null) on the
   * others; the rows are split across threads when the step is large enough.
   */
  final void rows(int s, RowKernel running, RowKernel stopped) {
    Parallel.RangeBody body = (b0, b1) -> {
      for (int b = b0; b < b1; b++) {
        if (st.runs(s, b)) {
          running.run(b);
        } else if (stopped != null) {
          stopped.run(b);
        }
      }
    };
    if (Parallel.threads() > 1 && batch * width >= PARALLEL_ELEMENTS) {
      Parallel.forRange(batch, Math.max(1, PARALLEL_ELEMENTS / 2 / width), body);
    } else {
      body.run(0, batch);
    }
  }

  /**
   * {@code [batch, n]}: each row's state after its last step ({@code initial} if it has none). A row
   * is not written after its last step, so this works on a ring of slots too.
   */
  final T finalRows(Steps perStep, T initial) {
    int n = perStep.n;
    T out = k.alloc(batch * n);
    for (int b = 0; b < batch; b++) {
      int last = st.lastStep(b);
      if (last < 0) {
        System.arraycopy(initial, b * n, out, b * n, n);
      } else {
        System.arraycopy(perStep.data, perStep.at(st.timeOf(last), b), out, b * n, n);
      }
    }
    return out;
  }

  /** A copy of {@code t}'s data, to be written. */
  final T copyOf(Tensor t) {
    T out = k.alloc(t.numel());
    System.arraycopy(k.data(t), 0, out, 0, t.numel());
    return out;
  }

  // ------------------------------------------------------------------ backward helpers

  /** {@code dX = dG · W_ih} over the rows run (zero elsewhere): {@code [time, batch, in]}. */
  final Tensor inputGrad(T dG) {
    T out = k.alloc(st.time * batch * in);
    int r0 = st.first() * batch;
    k.gemm(false, false, st.steps * batch, in, width, dG, r0 * width, width, wih, 0, in, out, r0 * in, in, false);
    return k.wrap(out, st.time, batch, in);
  }

  /** {@code dW_ih = dGᵀ · X} over all steps: {@code [width, in]}. */
  final Tensor inputWeightGrad(T dG) {
    T out = k.alloc(width * in);
    int r0 = st.first() * batch;
    k.gemm(true, false, width, in, st.steps * batch, dG, r0 * width, width, x, r0 * in, in, out, 0, in, false);
    return k.wrap(out, width, in);
  }

  /**
   * {@code dW_hh = Σ_s dGh_sᵀ · h_{s-1}}: the first step against the initial h, all others in one
   * product against the outputs one time index earlier (later when reversed): {@code [width, hidden]}.
   */
  final Tensor recurrentWeightGrad(T dGh, T y, T h0) {
    T out = k.alloc(width * hidden);
    int t0 = st.timeOf(0);
    k.gemm(true, false, width, hidden, batch, dGh, t0 * batch * width, width, h0, 0, hidden, out, 0, hidden, false);
    if (st.steps > 1) {
      int g0 = st.reversed() ? st.first() : 1;
      int y0 = st.reversed() ? st.first() + 1 : 0;
      k.gemm(true, false, width, hidden, (st.steps - 1) * batch, dGh, g0 * batch * width, width, y,
          y0 * batch * hidden, hidden, out, 0, hidden, true);
    }
    return k.wrap(out, width, hidden);
  }

  /** The column sums of {@code dG} over all steps: a bias gradient {@code [width]}. */
  final Tensor biasGrad(T dG) {
    T out = k.alloc(width);
    k.columnSums(dG, st.first() * batch * width, st.steps * batch, width, out);
    return k.wrap(out, width);
  }

  /**
   * The gradients of x, the weights and the biases from the gate gradients: {@code dGi} for the input
   * side, {@code dGh} for the recurrent side (the same array when the two biases simply add), with
   * the outputs {@code y} and initial h for {@code dW_hh}. State gradients are left to the caller.
   */
  final Tensor[] parameterGrads(boolean[] needs, T dGi, T dGh, T y, T h0) {
    Tensor[] grads = new Tensor[inputs.length];
    grads[0] = needs[0] ? inputGrad(dGi) : null;
    grads[1] = needs[1] ? inputWeightGrad(dGi) : null;
    grads[2] = needs[2] ? recurrentWeightGrad(dGh, y, h0) : null;
    if (bias) {
      Tensor dbi = needs[3] || (needs[4] && dGi == dGh) ? biasGrad(dGi) : null;
      grads[3] = needs[3] ? dbi : null;
      grads[4] = needs[4] ? (dGi == dGh ? dbi : biasGrad(dGh)) : null;
    }
    return grads;
  }
}
