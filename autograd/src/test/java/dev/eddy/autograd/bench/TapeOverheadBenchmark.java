package dev.eddy.autograd.bench;

import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What the tape costs per recorded op. A toy recurrent cell {@code h = tanh(x·w + h·u + b)}
 * (elementwise, 5 ops per step) runs for 16 steps plus a sum (81 ops) on tensors of one shape, in
 * four ways: plain tensor ops; Var ops with no tape open; Var ops recorded on a tape (open, run,
 * close); and recorded plus backward. Prints the median over rounds of ns per op for each.
 *
 * <p>Run (see docs/performance.md): {@code java --add-modules jdk.incubator.vector -cp
 * core-tensor/target/classes:autograd/target/classes:autograd/target/test-classes
 * dev.eddy.autograd.bench.TapeOverheadBenchmark [rows cols]...} (default shapes 1x8 and 32x128).
 * Not a test: timings belong in benchmarks, never in assertions.
 */
public final class TapeOverheadBenchmark {
  private static final int STEPS = 16;
  private static final int OPS = STEPS * 5 + 1;
  private static final int ROUNDS = 15;
  private static final int WARMUP_ROUNDS = 5;

  private TapeOverheadBenchmark() {}

  public static void main(String[] args) {
    int[][] shapes = args.length >= 2 ? parse(args) : new int[][] {{1, 8}, {32, 128}};
    System.out.printf("toy recurrent cell, %d steps, %d ops per sequence, F32, median of %d rounds%n", STEPS, OPS, ROUNDS);
    System.out.printf("%-10s %12s %12s %12s %12s %14s %14s%n", "shape", "tensor", "var,no tape", "recorded",
        "+backward", "tape cost/op", "backward/op");
    for (int[] shape : shapes) {
      run(shape[0], shape[1]);
    }
  }

  private static int[][] parse(String[] args) {
    int[][] shapes = new int[args.length / 2][];
    for (int i = 0; i < shapes.length; i++) {
      shapes[i] = new int[] {Integer.parseInt(args[2 * i]), Integer.parseInt(args[2 * i + 1])};
    }
    return shapes;
  }

  private static void run(int rows, int cols) {
    SplittableRandom r = new SplittableRandom(1);
    Tensor[] xs = new Tensor[STEPS];
    for (int t = 0; t < STEPS; t++) {
      xs[t] = Tensor.uniform(r, DType.F32, -1, 1, rows, cols);
    }
    Tensor w = Tensor.uniform(r, DType.F32, -1, 1, cols);
    Tensor u = Tensor.uniform(r, DType.F32, -1, 1, cols);
    Tensor b = Tensor.uniform(r, DType.F32, -1, 1, cols);
    Var[] xv = Arrays.stream(xs).map(Var::constant).toArray(Var[]::new);
    Var wv = Var.parameter(w);
    Var uv = Var.parameter(u);
    Var bv = Var.parameter(b);
    Tensor h0 = Tensor.zeros(DType.F32, rows, cols);
    int reps = Math.max(20, 200_000 / (rows * cols));

    Sequence[] modes = {
        () -> {
          Tensor h = h0;
          for (Tensor x : xs) {
            h = x.mul(w).add(h.mul(u)).add(b).tanh();
          }
          return h.sum().item();
        },
        () -> varSequence(xv, h0, wv, uv, bv).item(),
        () -> {
          try (Tape tape = Tape.open()) {
            return varSequence(xv, h0, wv, uv, bv).item();
          }
        },
        () -> {
          try (Tape tape = Tape.open()) {
            Var loss = varSequence(xv, h0, wv, uv, bv);
            tape.backward(loss);
            return loss.item();
          }
        }};
    double[] ns = nsPerOp(reps, modes);
    double tensor = ns[0];
    double noTape = ns[1];
    double recorded = ns[2];
    double withBackward = ns[3];
    System.out.printf("%-10s %12.1f %12.1f %12.1f %12.1f %14.1f %14.1f%n", rows + "x" + cols, tensor, noTape, recorded,
        withBackward, recorded - tensor, withBackward - recorded);
  }

  private static Var varSequence(Var[] xs, Tensor h0, Var w, Var u, Var b) {
    Var h = Var.constant(h0);
    for (Var x : xs) {
      h = x.mul(w).add(h.mul(u)).add(b).tanh();
    }
    return h.sum();
  }

  private interface Sequence {
    double run();
  }

  /**
   * Median over rounds of the time per op of each mode, after warm-up rounds. The modes take turns
   * within each round, so a noisy neighbour slows them alike; results feed a sink so nothing is
   * optimised away.
   */
  private static double[] nsPerOp(int reps, Sequence[] modes) {
    double[][] rounds = new double[modes.length][ROUNDS];
    double sink = 0;
    for (int round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
      for (int m = 0; m < modes.length; m++) {
        long start = System.nanoTime();
        for (int i = 0; i < reps; i++) {
          sink += modes[m].run();
        }
        long elapsed = System.nanoTime() - start;
        if (round >= 0) {
          rounds[m][round] = (double) elapsed / reps / OPS;
        }
      }
    }
    if (sink == 42.4242) {
      System.out.print("");
    }
    double[] medians = new double[modes.length];
    for (int m = 0; m < modes.length; m++) {
      Arrays.sort(rounds[m]);
      medians[m] = rounds[m][ROUNDS / 2];
    }
    return medians;
  }
}
