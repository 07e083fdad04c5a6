package dev.eddy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.nn.Module;
import dev.eddy.nn.StateDictException;
import dev.eddy.nn.recurrent.LSTM;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Files from elsewhere cannot make Eddy allocate what they merely claim, and a damaged weights file
 * either loads into a model completely or leaves the model exactly as it was. (The reader's own
 * fuzzing is {@link SafeTensorsFuzz}; the exact messages are in {@link SafeTensorsMalformedTest}.)
 */
class HostileFilesTest {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  /** Generous for an exception with its stack trace and a small header; far below any claim below. */
  private static final long SMALL = 2 << 20;

  private static Path dir;

  @BeforeContainer
  static void createDirectory() throws IOException {
    dir = Files.createTempDirectory("eddy-hostile-files");
  }

  @AfterContainer
  static void deleteDirectory() throws IOException {
    SafeTensorsFiles.deleteTree(dir);
  }

  @Example
  void aHugeClaimInASmallFileFailsBeforeAnythingOfThatSizeIsAllocated() throws IOException {
    String[] headers = {
        // 1 GiB of F32, consistent with its shape, in a file of a few dozen bytes
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[268435456],\"data_offsets\":[0,1073741824]}}",
        // 32 GiB of F64 behind a valid first tensor
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
            + "\"b\":{\"dtype\":\"F64\",\"shape\":[65536,65536],\"data_offsets\":[16,34359738384]}}",
        // offsets that overflow a long when added to the header's position
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[2305843009213693951],\"data_offsets\":[0,9223372036854775804]}}"};
    for (String header : headers) {
      Path file = dir.resolve("claim.safetensors");
      Files.write(file, SafeTensorsFiles.file(header, new byte[16]));
      long before = THREADS.getCurrentThreadAllocatedBytes();
      SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(file), header);
      long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
      assertTrue(e.problem().contains("run past the end of the data area (16 bytes)"), e.getMessage());
      assertTrue(allocated < SMALL, "allocated " + allocated + " bytes for " + header);
    }
    // a header length of 99,999,999 in a file of 100 bytes: no header buffer of that size either
    Path file = dir.resolve("length.safetensors");
    Files.write(file, SafeTensorsFiles.file(99_999_999L, new byte[0], new byte[92]));
    long before = THREADS.getCurrentThreadAllocatedBytes();
    SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(file));
    assertTrue(THREADS.getCurrentThreadAllocatedBytes() - before < SMALL);
    assertEquals("header length 99999999 runs past the end of the file (100 bytes)", e.problem());
  }

  /**
   * The state dict of a small LSTM, saved, damaged (truncated, bytes flipped, header numbers and
   * strings replaced, entries duplicated, invalid UTF-8, ...) and loaded into another LSTM: the load
   * succeeds and the model holds exactly the file's tensors, or it fails with the reader's or the
   * state dict's exception and the model is bitwise what it was.
   */
  @Property(tries = 200)
  void aDamagedWeightsFileLoadsWhollyOrNotAtAll(@ForAll long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] saved = SafeTensorsFiles.bytes(LSTM.builder(3, 2).seed(1).build().stateDict(), Map.of("note", "weights"));
    Path file = dir.resolve("weights.safetensors");
    Files.write(file, SafeTensorsFuzz.damage(saved, r));

    Module model = LSTM.builder(3, 2).seed(2).build();
    Map<String, Tensor> before = model.stateDict();
    Map<String, Tensor> read = null;
    try {
      read = SafeTensors.read(file).tensors();
      model.loadStateDict(read);
    } catch (SafeTensorsException | StateDictException refused) {
      assertTrue(!refused.getMessage().contains("\n"), "one line: " + refused.getMessage());
      assertSameState(before, model.stateDict());
      return;
    }
    Map<String, Tensor> expected = new java.util.LinkedHashMap<>();
    read.forEach((name, t) -> expected.put(name, t.to(DType.F32)));
    assertSameState(expected, model.stateDict());
  }

  private static void assertSameState(Map<String, Tensor> expected, Map<String, Tensor> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((name, t) -> assertTrue(t.bitwiseEquals(actual.get(name)), name));
  }
}
