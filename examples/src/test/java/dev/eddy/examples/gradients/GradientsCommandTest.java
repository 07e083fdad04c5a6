package dev.eddy.examples.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.examples.support.CommandRun;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eddy gradients} run in-process. */
class GradientsCommandTest {

  private static BufferedImage png(Path file) throws Exception {
    BufferedImage img = ImageIO.read(file.toFile());
    assertNotNull(img, file + " is not a readable PNG");
    return img;
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTinyRunPrintsTheTablesTheCheckAndBothPlots(@TempDir Path dir) throws Exception {
    CommandRun r = CommandRun.of("gradients", "--length", "10", "--every", "4", "--hidden", "5", "--radii", "0.5,2",
        "--train-steps", "4", "--batch", "3", "--out", dir.toString(), "--json");
    assertEquals(0, r.exit(), r.toString());

    String head = r.line("     t ");
    assertEquals(List.of("t", "tanh", "0.5", "tanh", "2.0", "LSTM", "h", "b1", "LSTM", "c", "b1", "LSTM", "h", "b5",
        "LSTM", "c", "b5", "GRU"), List.of(head.trim().split("\\s+")));
    for (String t : new String[] {"10", "6", "2", "0"}) { // T, back by --every, and always t = 0
      assertEquals(8, r.line(String.format("%6s ", t)).trim().split("\\s+").length, "t=" + t);
    }
    assertTrue(r.line("OK: the Jacobian product equals autograd's dL/dh_t").contains("(limit 1e-09)"));
    r.line("no clipping: ");
    r.line("clipGradNorm(1.0): ");

    Map<String, Object> json = r.json();
    assertEquals("gradients", json.get("command"));
    assertEquals(7, ((List<?>) json.get("study")).size()); // two radii, LSTM h and c for two forget biases, GRU
    assertTrue((Double) json.get("jacobian_max_rel_diff") <= 1e-9);
    var first = (Map<String, Object>) ((List<?>) json.get("jacobian")).get(0);
    assertEquals(0.5, (Double) first.get("rho"), 1e-6);
    var clipped = (Map<String, Object>) ((Map<String, Object>) json.get("clipping")).get("clipped");
    assertNull(clipped.get("nonfinite_step"));

    assertEquals(900, png(dir.resolve("gradients.png")).getWidth());
    assertEquals(900, png(dir.resolve("clipping.png")).getWidth());
    assertTrue(r.line("Wrote ").contains("gradients.png"));
  }

  @Test
  void badValuesAreOneLineUsageErrors() {
    String[][] cases = {
      {"--hidden", "0", "--hidden must be at least 1, got 0"},
      {"--length", "-3", "--length must be at least 1, got -3"},
      {"--radii", "0.5,-1", "--radii must be a positive number, got -1.0"},
      {"--weights", "uniform", "--weights must be orthogonal or gaussian, got 'uniform'"},
      {"--clip", "0", "--clip must be a positive number, got 0.0"},
      {"--every", "0", "--every must be at least 1, got 0"},
    };
    for (String[] c : cases) {
      CommandRun r = CommandRun.of("gradients", c[0], c[1]);
      assertEquals(2, r.exit(), c[0]);
      assertEquals(c[2], r.err().lines().findFirst().orElse(""), c[0]);
    }
  }

  /** The defaults reach what the documentation states (run with -Pslow). */
  @Test
  @Tag("slow")
  @SuppressWarnings("unchecked")
  void theDefaultsShowVanishingExplodingAndClipping(@TempDir Path dir) {
    CommandRun r = CommandRun.of("gradients", "--out", dir.toString(), "--json");
    assertEquals(0, r.exit(), r.toString());
    Map<String, Object> json = r.json();
    Map<String, Double> firstGrad = new java.util.HashMap<>();
    for (Object o : (List<?>) json.get("study")) {
      var m = (Map<String, Object>) o;
      firstGrad.put((String) m.get("model"), (Double) m.get("grad_first"));
    }
    assertTrue(firstGrad.get("tanh 0.5") < 1e-30, "radius 0.5 vanishes: " + firstGrad);
    assertTrue(firstGrad.get("tanh 1.0") < 1e-6, "radius 1.0 still vanishes (tanh' < 1): " + firstGrad);
    assertTrue(firstGrad.get("tanh 1.5") > 1, "radius 1.5 grows: " + firstGrad);
    assertTrue((Double) json.get("jacobian_max_rel_diff") <= 1e-9);
    var clipping = (Map<String, Object>) json.get("clipping");
    var plain = (Map<String, Object>) clipping.get("plain");
    var clipped = (Map<String, Object>) clipping.get("clipped");
    assertTrue((Double) plain.get("first_grad_norm") > 1e10, "the gradient explodes: " + plain);
    assertNotNull(plain.get("nonfinite_step"), "without clipping the loss overflows: " + plain);
    assertNull(clipped.get("nonfinite_step"), "with clipping it does not: " + clipped);
    assertTrue((Double) clipped.get("mean_loss_last_10") < 2, "and stays near the baseline 1: " + clipped);
  }
}
