package dev.eddy.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Files written by PyTorch (through tools/safetensors_py) read exactly, and Eddy writes what that
 * writer writes. Regenerate the resources with {@code tools/safetensors_py/make_reference_files.py}.
 */
class SafeTensorsPyTorchTest {

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(SafeTensorsPyTorchTest.class.getResource("/safetensors/" + name).toURI());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> expected(String file) throws Exception {
    Map<String, Object> json = (Map<String, Object>) Json.read(resource("expected.json"));
    assertEquals("eddy-safetensors-interop-v1", json.get("format"));
    return (Map<String, Object>) ((Map<String, Object>) json.get("files")).get(file);
  }

  @Test
  @SuppressWarnings("unchecked")
  void readsEveryPyTorchTensorBitForBit() throws Exception {
    Map<String, Object> expected = expected("pytorch_reference.safetensors");
    SafeTensorsFile file = SafeTensors.read(resource("pytorch_reference.safetensors"));
    assertEquals(expected.get("metadata"), file.metadata());
    assertEquals(expected.get("order"), new ArrayList<>(file.tensors().keySet()));
    Map<String, Object> tensors = (Map<String, Object>) expected.get("tensors");
    assertEquals(17, tensors.size());
    for (Map.Entry<String, Object> e : tensors.entrySet()) {
      Map<String, Object> want = (Map<String, Object>) e.getValue();
      Tensor got = file.tensors().get(e.getKey());
      String what = e.getKey() + " (" + want.get("dtype") + ")";
      assertEquals(want.get("shape"), toLongs(got.shape().dims()), what);
      if (want.containsKey("f64_bits")) {
        assertEquals(DType.F64, got.dtype(), what);
        List<String> bits = new ArrayList<>();
        for (double v : got.f64()) {
          bits.add(String.format("%016x", Double.doubleToRawLongBits(v)));
        }
        assertEquals(want.get("f64_bits"), bits, what);
      } else {
        assertEquals(DType.F32, got.dtype(), what);
        List<String> bits = new ArrayList<>();
        for (float v : got.f32()) {
          bits.add(String.format("%08x", Float.floatToRawIntBits(v)));
        }
        assertEquals(want.get("f32_bits"), bits, what);
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void convertsEveryF16AndBf16BitPatternAsPyTorchDoes() throws Exception {
    Map<String, Object> tensors = (Map<String, Object>) expected("pytorch_half_all.safetensors").get("tensors");
    SafeTensorsFile file = SafeTensors.read(resource("pytorch_half_all.safetensors"));
    for (String name : List.of("f16_all", "bf16_all")) {
      Tensor got = file.tensors().get(name);
      assertEquals(List.of(256L, 256L), toLongs(got.shape().dims()));
      String want = (String) ((Map<String, Object>) tensors.get(name)).get("f32_sha256");
      assertEquals(want, sha256(got.f32()), name);
    }
  }

  @Test
  void listsButRefusesAnInt64Tensor() throws Exception {
    Path file = resource("pytorch_int64.safetensors");
    SafeTensorsHeader header = SafeTensors.inspect(file);
    assertEquals(List.of(SafeTensorsDType.I64, SafeTensorsDType.F32),
        header.tensors().stream().map(SafeTensorsEntry::dtype).toList());
    assertEquals(List.of(2L), header.tensors().get(0).shape());
    assertEquals("tensor \"steps\": dtype I64 is not supported (Eddy reads F32, F64, F16 and BF16)",
        assertThrows(SafeTensorsException.class, () -> SafeTensors.read(file)).problem());
  }

  /**
   * Eddy writes the tensors it read back exactly as the reference layout prescribes. The file is also
   * left in target/safetensors-interop for {@code tools/safetensors_py/check_eddy_file.py}, which
   * loads it in PyTorch.
   */
  @Test
  void writesWhatThePythonWriterWrites() throws Exception {
    SafeTensorsFile read = SafeTensors.read(resource("pytorch_reference.safetensors"));
    Path out = Path.of("target", "safetensors-interop", "eddy_written.safetensors");
    Files.createDirectories(out.getParent());
    SafeTensors.write(out, read.tensors(), read.metadata());
    assertArrayEquals(Files.readAllBytes(resource("eddy_expected.safetensors")), Files.readAllBytes(out));
  }

  private static List<Long> toLongs(int[] dims) {
    List<Long> out = new ArrayList<>();
    for (int d : dims) {
      out.add((long) d);
    }
    return out;
  }

  private static String sha256(float[] values) throws NoSuchAlgorithmException, IOException {
    ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
  }
}
