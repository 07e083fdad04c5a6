package dev.eddy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eddy.examples.support.CommandRun;
import dev.eddy.io.SafeTensors;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
  @TempDir Path dir;

  private static CommandRun run(String... args) {
    return CommandRun.of(args);
  }

  @Test
  void listsTensorsAndMetadata() throws Exception {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("lstm.weight_ih_l0", Tensor.zeros(DType.F32, 8, 3));
    tensors.put("lstm.bias", Tensor.zeros(DType.F64, 8));
    tensors.put("step", Tensor.scalar(DType.F32, 1));
    Path file = dir.resolve("model.safetensors");
    SafeTensors.write(file, tensors, Map.of("framework", "eddy", "note", "two\nlines"));

    CommandRun run = run("inspect", file.toString());
    assertEquals(0, run.exit(), run.err());
    assertEquals("", run.err());
    long headerLength = SafeTensors.inspect(file).headerLength();
    assertEquals(String.join(System.lineSeparator(),
        file + ": 3 tensors, 164 bytes of data, " + headerLength + "-byte header",
        "  name               dtype   shape         bytes  offsets",
        "  lstm.bias          F64     [8]              64  [0, 64]",
        "  lstm.weight_ih_l0  F32     [8, 3]           96  [64, 160]",
        "  step               F32     []                4  [160, 164]",
        "metadata:",
        "  framework: eddy",
        "  note: \"two\\nlines\"",
        ""), run.out());
  }

  @Test
  void aMalformedFileIsOneLineOnStderrAndStatus2() throws Exception {
    Path file = dir.resolve("broken.safetensors");
    Files.write(file, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0, '{', '}'});
    CommandRun run = run("inspect", file.toString());
    assertEquals(2, run.exit());
    assertEquals("", run.out());
    assertEquals("eddy inspect: " + file + ": header length 4294967295 is over the limit of 100000000 bytes"
        + System.lineSeparator(), run.err());

    Path missing = dir.resolve("missing.safetensors");
    run = run("inspect", missing.toString());
    assertEquals(2, run.exit());
    assertEquals("eddy inspect: " + missing + ": no such file" + System.lineSeparator(), run.err());
  }
}
