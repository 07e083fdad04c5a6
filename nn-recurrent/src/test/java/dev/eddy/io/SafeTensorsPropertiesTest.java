package dev.eddy.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Save then load is the identity, for any names, shapes, values and metadata; damaged files read
 * successfully or fail with {@link SafeTensorsException} (see {@link SafeTensorsFuzz}).
 */
class SafeTensorsPropertiesTest {
  private static Path dir;

  @BeforeContainer
  static void createDirectory() throws IOException {
    dir = Files.createTempDirectory("eddy-safetensors-properties");
  }

  @AfterContainer
  static void deleteDirectory() throws IOException {
    SafeTensorsFiles.deleteTree(dir);
  }

  @Property(tries = 150)
  void writeThenReadIsTheIdentity(@ForAll("tensors") Map<String, Tensor> tensors,
      @ForAll("metadata") Map<String, String> metadata) throws IOException {
    Path file = dir.resolve("roundtrip.safetensors");
    SafeTensors.write(file, tensors, metadata);
    SafeTensorsFile read = SafeTensors.read(file);

    assertEquals(metadata, read.metadata());
    assertEquals(tensors.keySet(), read.tensors().keySet());
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      assertTrue(e.getValue().bitwiseEquals(read.tensors().get(e.getKey())), e.getKey());
    }
    List<String> order = new ArrayList<>(read.tensors().keySet());
    List<SafeTensorsEntry> entries = SafeTensors.inspect(file).tensors();
    assertEquals(order, entries.stream().map(SafeTensorsEntry::name).toList());
    for (int i = 1; i < entries.size(); i++) {
      assertTrue(entries.get(i - 1).dtype().byteSize() >= entries.get(i).dtype().byteSize(), "F64 before F32");
    }
    assertArrayEquals(Files.readAllBytes(file), SafeTensorsFiles.bytes(read.tensors(), read.metadata()),
        "rewriting what was read gives the same bytes");
  }

  @Property(tries = 500)
  void damagedFilesFailOnlyWithSafeTensorsException(@ForAll long seed) throws IOException {
    SafeTensorsFuzz.check(seed, dir, 4);
  }

  @Property(tries = 30_000)
  @Tag("slow")
  void manyMoreDamagedFilesFailOnlyWithSafeTensorsException(@ForAll long seed) throws IOException {
    SafeTensorsFuzz.check(seed, dir, 12);
  }

  /** Up to 5 tensors of rank 0 to 4 (sizes 0 to 5), F32 or F64, with arbitrary bit patterns. */
  @Provide
  Arbitrary<Map<String, Tensor>> tensors() {
    Arbitrary<String> names = UnicodeStrings.upTo(6).filter(n -> !n.equals("__metadata__"));
    Arbitrary<Tensor> values = Arbitraries.longs().map(SafeTensorsPropertiesTest::randomTensor);
    return Arbitraries.maps(names, values).ofMaxSize(5).map(LinkedHashMap::new);
  }

  @Provide
  Arbitrary<Map<String, String>> metadata() {
    return Arbitraries.maps(UnicodeStrings.upTo(6), UnicodeStrings.upTo(10)).ofMaxSize(3);
  }

  static Tensor randomTensor(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] dims = new int[r.nextInt(5)];
    int numel = 1;
    for (int i = 0; i < dims.length; i++) {
      dims[i] = r.nextInt(r.nextInt(8) == 0 ? 1 : 6);
      numel *= dims[i];
    }
    if (r.nextBoolean()) {
      float[] v = new float[numel];
      for (int i = 0; i < numel; i++) {
        v[i] = Float.intBitsToFloat(r.nextInt());
      }
      return Tensor.wrap(v, dims);
    }
    double[] v = new double[numel];
    for (int i = 0; i < numel; i++) {
      v[i] = Double.longBitsToDouble(r.nextLong());
    }
    return Tensor.wrap(v, dims);
  }
}
