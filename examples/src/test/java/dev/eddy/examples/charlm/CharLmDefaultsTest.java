package dev.eddy.examples.charlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.examples.support.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default {@code eddy charlm} run (minutes on 2 cores) learns the built-in corpus well beyond its
 * unigram baseline.
 */
@Tag("slow")
class CharLmDefaultsTest {
  @TempDir Path dir;

  @Test
  void theDefaultRunBeatsTheUnigramBaselineByAClearMargin() {
    CommandRun run = CommandRun.of("charlm", "--out", dir.toString(), "--json");
    assertEquals(0, run.exit(), run.toString());
    Map<String, Object> json = run.json();
    double ratio = ((Number) json.get("validation_over_unigram")).doubleValue();
    System.out.println("charlm defaults: " + run.lastLine());
    assertTrue(ratio < 0.8, "validation loss is " + ratio + " x the unigram baseline, expected below 0.8");
    assertTrue(Files.exists(Path.of((String) json.get("checkpoint"))));
  }
}
