package dev.eddy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.Losses;
import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.nn.Linear;
import dev.eddy.nn.recurrent.LSTM;
import dev.eddy.optim.Adam;
import dev.eddy.optim.GradClipping;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The code example of the README, compiled and run here: the README's Java block must be the lines
 * of {@link #readmeExample} between its two marker comments, and running them must learn the task.
 */
class ReadmeExampleTest {
  private static final String BEGIN = "// README example begins";
  private static final String END = "// README example ends";
  private static final Path README = Path.of("../README.md");
  private static final Path THIS_FILE = Path.of("src/test/java/dev/eddy/examples/ReadmeExampleTest.java");

  /** The README's example; returns the loss of its last training step. */
  static double readmeExample() {
    // README example begins
    // The task: read 10 random numbers, then say the first one again (answering 0 scores 1/3).
    LSTM lstm = LSTM.builder(1, 32).forgetBias(1).seed(1).build(); // x [time, batch, 1] -> [time, batch, 32]
    Linear head = new Linear(32, 1, 2);                             // last output -> the answer
    List<Var> params = new ArrayList<>(lstm.parameters());
    params.addAll(head.parameters());
    Adam adam = Adam.builder(params).lr(0.01).build();
    RandomGenerator rng = new SplittableRandom(42);
    double loss = Double.NaN;
    for (int step = 1; step <= 300; step++) {
      Tensor x = Tensor.uniform(rng, DType.F32, -1, 1, 10, 32, 1); // [time, batch, features]
      Var target = Var.constant(x.select(0, 0));                   // [batch, 1]: the first value
      try (Tape tape = Tape.open()) {                              // records the ops for backward
        Var out = lstm.forward(Var.constant(x)).output();          // [10, 32, 32]
        Var mse = Losses.mse(head.forward(out.select(0, 9)), target);
        tape.backward(mse);                                        // BPTT through all 10 steps
        loss = mse.item();
      }
      GradClipping.clipGradNorm(params, 1.0);
      adam.step();
      adam.zeroGrad();
      if (step % 100 == 0) {
        System.out.printf("step %d: MSE %.4f (answering 0: 0.3333)%n", step, loss);
      }
    }
    // README example ends
    return loss;
  }

  @Test
  void theReadmeShowsExactlyThisCode() throws IOException {
    assertEquals(between(Files.readAllLines(THIS_FILE), BEGIN, END), javaBlock(Files.readAllLines(README)),
        "README.md's Java example must be the lines between the markers of ReadmeExampleTest.readmeExample");
  }

  @Test
  void theExampleLearnsToRecallTheFirstValue() {
    double loss = readmeExample();
    assertTrue(loss < 0.1 / 3, "after 300 steps the MSE should be below a tenth of answering 0 (1/3), got " + loss);
  }

  /** The lines strictly between the two markers, with the marker line's indentation removed. */
  private static List<String> between(List<String> lines, String begin, String end) {
    int from = -1;
    int indent = 0;
    for (int i = 0; i < lines.size(); i++) {
      String trimmed = lines.get(i).strip();
      if (trimmed.equals(begin)) {
        from = i + 1;
        indent = lines.get(i).indexOf(begin);
      } else if (trimmed.equals(end) && from >= 0) {
        List<String> block = new ArrayList<>();
        for (String line : lines.subList(from, i)) {
          block.add(line.length() >= indent ? line.substring(indent) : line.strip());
        }
        return block;
      }
    }
    throw new AssertionError("markers '" + begin + "' and '" + end + "' not found");
  }

  /** The first fenced {@code java} block of a Markdown file. */
  private static List<String> javaBlock(List<String> markdown) {
    int start = markdown.indexOf("```java");
    assertTrue(start >= 0, "README.md has no ```java block");
    int stop = markdown.subList(start + 1, markdown.size()).indexOf("```");
    return markdown.subList(start + 1, start + 1 + stop);
  }
}
