package dev.eddy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.examples.support.CommandRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eddy golden} run in-process on the PyTorch reference cases of nn-recurrent's tests. */
class GoldenCommandTest {
  static final Path CASES = Path.of("../nn-recurrent/src/test/resources/golden");

  private static CommandRun run(String... args) {
    return CommandRun.of(args);
  }

  @Test
  void everyReferenceCasePassesInBothDtypes() throws IOException {
    long count;
    try (var files = Files.list(CASES)) {
      count = files.filter(p -> p.toString().endsWith(".json")).count();
    }
    for (String dtype : new String[] {"f64", "f32"}) {
      CommandRun r = run("golden", "--dtype", dtype, CASES.toString());
      assertEquals(0, r.exit(), String.join("\n", r.lines()) + r.err());
      assertEquals(count, r.lines().size(), "one line per case");
      for (String line : r.lines()) {
        assertTrue(line.matches("PASS \\S+ max_rel_err=\\S+"), line);
      }
    }
  }

  @Test
  void aBrokenFileFailsWithItsReasonAndExitStatusOne(@TempDir Path dir) throws IOException {
    Path garbage = Files.writeString(dir.resolve("garbage.json"), "{not json");
    Path other = Files.writeString(dir.resolve("other.json"), "{\"format\": \"something-else\"}");
    Path missing = dir.resolve("missing.json");
    CommandRun r = run("golden", CASES.resolve("gru.json").toString(), garbage.toString(), other.toString(),
        missing.toString());
    assertEquals(1, r.exit());
    assertEquals(4, r.lines().size(), String.join("\n", r.lines()));
    assertTrue(r.lines().get(0).startsWith("PASS gru "), r.lines().get(0));
    assertTrue(r.lines().get(1).startsWith("FAIL garbage not valid JSON"), r.lines().get(1));
    assertTrue(r.lines().get(2).startsWith("FAIL other unknown format \"something-else\""), r.lines().get(2));
    assertTrue(r.lines().get(3).startsWith("FAIL missing cannot read"), r.lines().get(3));
  }

  @Test
  void aBadDtypeIsAUsageError() {
    assertEquals(2, run("golden", "--dtype", "f16", CASES.toString()).exit());
  }
}
