package dev.eddy.io;

import static dev.eddy.io.SafeTensorsFiles.f32;
import static dev.eddy.io.SafeTensorsFiles.file;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Shape;
import dev.eddy.tensor.Tensor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
  @TempDir Path dir;

  @Test
  void writesTheReferenceImplementationsBytes() {
    // The layouts the reference implementation's own tests pin (safetensors/src/tensor.rs).
    Tensor attn = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 1, 2, 3);
    byte[] expected = file(64,
        "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}".getBytes(StandardCharsets.UTF_8),
        f32(0, 1, 2, 3, 4, 5));
    assertArrayEquals(expected, SafeTensorsFiles.bytes(Map.of("attn.0", attn), null));

    byte[] padded = file(72,
        "{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}       "
            .getBytes(StandardCharsets.UTF_8),
        f32(0, 1, 2, 3, 4, 5));
    assertArrayEquals(padded, SafeTensorsFiles.bytes(Map.of("attn0", attn.reshape(1, 1, 2, 3)), null));

    assertArrayEquals(file(8, "{}      ".getBytes(StandardCharsets.UTF_8), new byte[0]),
        SafeTensorsFiles.bytes(Map.of(), null));
    assertArrayEquals(file(40, "{\"__metadata__\":{\"framework\":\"pt\"}}     ".getBytes(StandardCharsets.UTF_8),
            new byte[0]),
        SafeTensorsFiles.bytes(Map.of(), Map.of("framework", "pt")));
  }

  @Test
  void roundTripsF32F64ScalarsEmptyTensorsAndMetadata() throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("w", Tensor.of(new float[] {1.5f, -0f, Float.NaN, Float.MIN_VALUE, Float.NEGATIVE_INFINITY, 3}, 2, 3));
    tensors.put("b", Tensor.of(new double[] {Math.PI, -Double.MAX_VALUE, Double.MIN_VALUE}, 3));
    tensors.put("scalar", Tensor.scalar(DType.F32, 42));
    tensors.put("empty", Tensor.zeros(DType.F64, 0, 3));
    tensors.put("caf\u00e9 \uD83D\uDE00", Tensor.ones(DType.F32, 1, 1, 1));
    Map<String, String> metadata = Map.of("format", "pt", "note", "line\nbreak \"quoted\"");
    Path file = dir.resolve("model.safetensors");
    SafeTensors.write(file, tensors, metadata);

    SafeTensorsFile read = SafeTensors.read(file);
    assertEquals(metadata, read.metadata());
    assertEquals(List.of("b", "empty", "caf\u00e9 \uD83D\uDE00", "scalar", "w"), new ArrayList<>(read.tensors().keySet()),
        "F64 first, then F32, each by name");
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      assertTrue(e.getValue().bitwiseEquals(read.tensors().get(e.getKey())), e.getKey());
    }
    assertEquals(0, read.tensors().get("scalar").rank());

    SafeTensorsHeader header = SafeTensors.inspect(file);
    assertEquals(Files.size(file), header.fileSize());
    assertEquals(0, header.headerLength() % 8);
    SafeTensorsEntry w = header.tensors().get(4);
    assertEquals(new SafeTensorsEntry("w", SafeTensorsDType.F32, List.of(2L, 3L), 32, 56), w);
    assertEquals(24, w.byteSize());
    assertEquals(6, w.numel());
  }

  @Test
  void sameTensorsGiveTheSameBytesWhateverTheMapOrder() {
    Map<String, Tensor> a = new LinkedHashMap<>();
    a.put("x", Tensor.arange(DType.F32, 5));
    a.put("y", Tensor.arange(DType.F64, 3));
    a.put("\uFFFD", Tensor.ones(DType.F32, 2));
    a.put("\uD800\uDC00", Tensor.ones(DType.F32, 1));
    Map<String, Tensor> b = new LinkedHashMap<>();
    new ArrayList<>(a.keySet()).reversed().forEach(k -> b.put(k, a.get(k)));
    Map<String, String> m1 = new LinkedHashMap<>();
    m1.put("k1", "v");
    m1.put("k2", "w");
    Map<String, String> m2 = new LinkedHashMap<>();
    m2.put("k2", "w");
    m2.put("k1", "v");
    assertArrayEquals(SafeTensorsFiles.bytes(a, m1), SafeTensorsFiles.bytes(b, m2));
    String header = new String(SafeTensorsFiles.bytes(a, m1), StandardCharsets.UTF_8);
    assertTrue(header.indexOf("\"x\"") < header.indexOf("\"\uFFFD\"")
        && header.indexOf("\"\uFFFD\"") < header.indexOf("\"\uD800\uDC00\""), "names in UTF-8 byte order");
  }

  @Test
  void largeTensorsCrossChunkBoundaries() throws IOException {
    Tensor big = Tensor.arange(DType.F32, 700_001);
    Tensor bigger = Tensor.arange(DType.F64, 300_007).mul(-0.5);
    Path file = dir.resolve("big.safetensors");
    SafeTensors.write(file, Map.of("big", big, "bigger", bigger));
    SafeTensorsFile read = SafeTensors.read(file);
    assertTrue(big.bitwiseEquals(read.tensors().get("big")));
    assertTrue(bigger.bitwiseEquals(read.tensors().get("bigger")));
  }

  @Test
  void readsF16AndBf16AsExactF32() throws IOException {
    // F16: 1.0, -2.0, smallest subnormal 2^-24, largest subnormal, 65504, +inf, -0, a NaN.
    short[] half = {0x3C00, (short) 0xC000, 0x0001, 0x03FF, 0x7BFF, 0x7C00, (short) 0x8000, 0x7E00};
    float[] halfValues = {1f, -2f, 0x1p-24f, 0x3FFp-24f, 65504f, Float.POSITIVE_INFINITY, -0f, Float.NaN};
    // BF16: 1.0, -0.5, 2^-133 (subnormal), largest finite, -inf, a quiet NaN with payload.
    short[] brain = {0x3F80, (short) 0xBF00, 0x0001, 0x7F7F, (short) 0xFF80, 0x7FC1};
    float[] brainValues = {1f, -0.5f, 0x1p-133f, Float.intBitsToFloat(0x7F7F0000), Float.NEGATIVE_INFINITY,
        Float.intBitsToFloat(0x7FC10000)};
    String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[2,4],\"data_offsets\":[0,16]},"
        + "\"b\":{\"dtype\":\"BF16\",\"shape\":[6],\"data_offsets\":[16,28]}}";
    java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(28).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (short s : half) {
      data.putShort(s);
    }
    for (short s : brain) {
      data.putShort(s);
    }
    Path file = dir.resolve("half.safetensors");
    Files.write(file, file(header, data.array()));
    SafeTensorsFile read = SafeTensors.read(file);
    assertEquals(List.of("h", "b"), new ArrayList<>(read.tensors().keySet()));
    assertTrue(Tensor.of(halfValues, 2, 4).bitwiseEquals(read.tensors().get("h")), read.tensors().get("h").toString());
    assertTrue(Tensor.of(brainValues, 6).bitwiseEquals(read.tensors().get("b")), read.tensors().get("b").toString());
  }

  @Test
  void everyF16BitPatternMatchesAnIndependentDecoding() {
    for (int bits = 0; bits < 1 << 16; bits++) {
      int sign = bits >>> 15;
      int exponent = (bits >>> 10) & 0x1F;
      int mantissa = bits & 0x3FF;
      float expected;
      if (exponent == 0x1F) {
        // Infinity, or NaN with the 10 payload bits at the top of float's 23, made quiet as an IEEE
        // conversion does (and PyTorch: F16 0x7C01 becomes F32 0x7FC02000).
        int quiet = mantissa == 0 ? 0 : 0x400000;
        expected = Float.intBitsToFloat((sign << 31) | 0x7F800000 | quiet | (mantissa << 13));
      } else {
        double magnitude = exponent == 0 ? Math.scalb((double) mantissa, -24)
            : Math.scalb((double) (0x400 | mantissa), exponent - 25);
        expected = (float) (sign == 1 ? -magnitude : magnitude);
      }
      assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(Float.float16ToFloat((short) bits)),
          "F16 bits " + Integer.toHexString(bits));
    }
  }

  @Test
  void otherDtypesAreListedByInspectButNotRead() throws IOException {
    String header = "{\"ids\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]},"
        + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[16,20]}}";
    Path file = dir.resolve("ids.safetensors");
    Files.write(file, file(header, new byte[20]));
    assertEquals(SafeTensorsDType.I64, SafeTensors.inspect(file).tensors().get(0).dtype());
    SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(file));
    assertEquals(file + ": tensor \"ids\": dtype I64 is not supported (Eddy reads F32, F64, F16 and BF16)",
        e.getMessage());
  }

  @Test
  void aHugeSparseFileWithAValidHeaderFailsBeforeAllocating() throws IOException {
    // 12 GiB of (sparse) data, declared as one F32 tensor of 3 * 2^30 elements: a valid file that an
    // Eddy tensor cannot hold. The error must come from the header, before any array is allocated.
    long bytes = 12L << 30;
    String header = "{\"huge\":{\"dtype\":\"F32\",\"shape\":[3,1073741824],\"data_offsets\":[0," + bytes + "]}}";
    Path file = dir.resolve("huge.safetensors");
    Files.write(file, file(header, new byte[0]));
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(raf.length() + bytes);
    }
    assertEquals(bytes, SafeTensors.inspect(file).tensors().get(0).byteSize());
    SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(file));
    assertEquals("tensor \"huge\": shape [3, 1073741824] has 3221225472 elements, more than an Eddy tensor holds"
        + " (2147483639)", e.problem());
  }

  @Test
  void emptyTensorsThatEddyShapesCannotHoldAreAClearError() throws IOException {
    String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[0,3000000000],\"data_offsets\":[0,0]}}";
    Path file = dir.resolve("wide.safetensors");
    Files.write(file, file(header, new byte[0]));
    assertEquals(List.of(0L, 3_000_000_000L), SafeTensors.inspect(file).tensors().get(0).shape());
    SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(file));
    assertEquals("tensor \"w\": shape [0, 3000000000] has a dimension larger than an Eddy tensor allows"
        + " (2147483647)", e.problem());

    String running = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2147483647,5,0],\"data_offsets\":[0,0]}}";
    Files.write(file, file(running, new byte[0]));
    Tensor empty = SafeTensors.read(file).tensors().get("w");
    assertEquals(Shape.of(Integer.MAX_VALUE, 5, 0), empty.shape(), "an empty tensor whose leading dims are huge is fine");
  }

  @Test
  void aFailedWriteLeavesTheOldFileIntact() throws IOException {
    Path file = dir.resolve("weights.safetensors");
    Map<String, Tensor> old = Map.of("w", Tensor.arange(DType.F32, 10));
    SafeTensors.write(file, old);
    byte[] before = Files.readAllBytes(file);

    Map<String, Tensor> next = Map.of("w", Tensor.arange(DType.F32, 100_000), "v", Tensor.ones(DType.F64, 50_000));
    SafeTensorsWriter writer = new SafeTensorsWriter(next, null);
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
      // The disk fills up half-way through the data.
      writer.writeTo(new java.io.FilterOutputStream(out) {
        long written;

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          if (written + len > 400_000) {
            throw new IOException("No space left on device");
          }
          written += len;
          out.write(b, off, len);
        }
      });
    }));
    assertEquals("No space left on device", e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file));
    assertTrue(old.get("w").bitwiseEquals(SafeTensors.read(file).tensors().get("w")));
    try (var listing = Files.list(dir)) {
      assertEquals(List.of(file), listing.toList(), "no temporary file is left behind");
    }

    assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(file, Map.of("\uD800", Tensor.ones(DType.F32, 1))));
    assertArrayEquals(before, Files.readAllBytes(file));
    SafeTensors.write(file, next);
    assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(file)));
    assertTrue(next.get("v").bitwiseEquals(SafeTensors.read(file).tensors().get("v")));
  }

  @Test
  void writeChecksItsArguments() {
    Path file = dir.resolve("x.safetensors");
    assertEquals("safetensors write: a tensor may not be named __metadata__",
        assertThrows(IllegalArgumentException.class,
            () -> SafeTensors.write(file, Map.of("__metadata__", Tensor.ones(DType.F32, 1)))).getMessage());
    Map<String, Tensor> withNull = new LinkedHashMap<>();
    withNull.put("w", null);
    assertEquals("safetensors write: tensor \"w\" is null",
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(file, withNull)).getMessage());
    assertEquals("safetensors write: $[\"\\ud800\"]: string \"\\ud800\" is not valid Unicode (unpaired surrogate)",
        assertThrows(IllegalArgumentException.class,
            () -> SafeTensors.write(file, Map.of("\uD800", Tensor.ones(DType.F32, 1)))).getMessage());
    assertFalse(Files.exists(file));
  }
}
