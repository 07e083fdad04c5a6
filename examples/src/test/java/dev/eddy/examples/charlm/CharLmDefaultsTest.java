package dev.eddy.examples.charlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.examples.Eddy;
import dev.eddy.io.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default {@code eddy charlm} run (minutes on 2 cores) learns the built-in corpus well beyond its unigram baseline. */
@Tag("slow")
class CharLmDefaultsTest {
  @TempDir Path dir;

  @Test
  void theDefaultRunBeatsTheUnigramBaselineByAClearMargin() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    picocli.CommandLine cl = Eddy.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int status = cl.execute("charlm", "--out", dir.toString(), "--json");
    assertEquals(0, status, err.toString());
    String[] lines = out.toString().strip().split("\\R");
    Map<?, ?> json = (Map<?, ?>) Json.parse(lines[lines.length - 1]);
    double ratio = ((Number) json.get("validation_over_unigram")).doubleValue();
    System.out.println("charlm defaults: " + lines[lines.length - 1]);
    assertTrue(ratio < 0.8, "validation loss is " + ratio + " x the unigram baseline, expected below 0.8");
    assertTrue(Files.exists(Path.of((String) json.get("checkpoint"))));
  }
}
