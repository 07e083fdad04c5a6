package dev.eddy.io;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lays out and writes a safetensors file the way the reference writer does, so the same tensors give
 * the same bytes: tensors sorted by element size, largest first (F64 before F32, which keeps every
 * tensor's data aligned to its element size), then by name in UTF-8 byte order; a compact JSON
 * header with {@code __metadata__} first (its keys sorted the same way), padded with spaces to a
 * multiple of 8 bytes; then the data, little-endian, row-major.
 */
final class SafeTensorsWriter {
  private static final int CHUNK_BYTES = 1 << 16;
  private static final Comparator<String> UTF8_ORDER =
      (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private final List<Map.Entry<String, Tensor>> ordered;
  private final byte[] header;

  /**
   * Checks the arguments and builds the header.
   *
   * @throws IllegalArgumentException for a null or reserved name, a null tensor or metadata entry, or a
   *     string that is not valid Unicode
   */
  SafeTensorsWriter(Map<String, Tensor> tensors, Map<String, String> metadata) {
    if (tensors == null) {
      throw new IllegalArgumentException("safetensors write: the map of tensors is null");
    }
    ordered = new ArrayList<>(tensors.size());
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      if (e.getKey() == null || e.getKey().equals("__metadata__")) {
        throw new IllegalArgumentException("safetensors write: a tensor may not be named " + e.getKey());
      }
      if (e.getValue() == null) {
        throw new IllegalArgumentException("safetensors write: tensor " + Json.quote(e.getKey()) + " is null");
      }
      ordered.add(Map.entry(e.getKey(), e.getValue()));
    }
    ordered.sort(Comparator.<Map.Entry<String, Tensor>>comparingInt(e -> -e.getValue().dtype().byteSize())
        .thenComparing(Map.Entry::getKey, UTF8_ORDER));
    header = header(metadata == null ? Map.of() : metadata);
  }

  private byte[] header(Map<String, String> metadata) {
    Map<String, Object> json = new LinkedHashMap<>();
    if (!metadata.isEmpty()) {
      Map<String, String> sorted = new TreeMap<>(UTF8_ORDER);
      for (Map.Entry<String, String> e : metadata.entrySet()) {
        if (e.getKey() == null || e.getValue() == null) {
          throw new IllegalArgumentException("safetensors write: metadata " + e.getKey() + " = " + e.getValue()
              + ": keys and values must not be null");
        }
        sorted.put(e.getKey(), e.getValue());
      }
      json.put("__metadata__", sorted);
    }
    long offset = 0;
    for (Map.Entry<String, Tensor> e : ordered) {
      Tensor t = e.getValue();
      long bytes = (long) t.numel() * t.dtype().byteSize();
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("dtype", SafeTensorsDType.of(t.dtype()).name());
      info.put("shape", t.shape().dims());
      info.put("data_offsets", new long[] {offset, offset + bytes});
      json.put(e.getKey(), info);
      offset += bytes;
    }
    String text;
    try {
      text = Json.write(json);
    } catch (JsonException e) {
      throw new IllegalArgumentException("safetensors write: " + e.getMessage(), e);
    }
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    int padded = (utf8.length + 7) & ~7;
    if (padded > SafeTensorsReader.MAX_HEADER_BYTES) {
      throw new IllegalArgumentException("safetensors write: the header would be " + padded
          + " bytes, over the " + SafeTensorsReader.MAX_HEADER_BYTES + " that readers accept");
    }
    byte[] header = Arrays.copyOf(utf8, padded);
    Arrays.fill(header, utf8.length, padded, (byte) ' ');
    return header;
  }

  /** Writes the whole file to {@code out}. */
  void writeTo(OutputStream out) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    chunk.putLong(header.length);
    out.write(chunk.array(), 0, 8);
    out.write(header);
    for (Map.Entry<String, Tensor> e : ordered) {
      Tensor t = e.getValue();
      if (t.dtype() == DType.F32) {
        float[] data = t.f32();
        writeElements(out, chunk, data.length, 4, (b, at, n) -> b.asFloatBuffer().put(data, at, n));
      } else {
        double[] data = t.f64();
        writeElements(out, chunk, data.length, 8, (b, at, n) -> b.asDoubleBuffer().put(data, at, n));
      }
    }
  }

  /** Puts {@code count} elements, starting at element {@code at}, at the start of the chunk. */
  private interface ChunkEncoder {
    void encode(ByteBuffer chunk, int at, int count);
  }

  private static void writeElements(OutputStream out, ByteBuffer chunk, int numel, int elementBytes,
      ChunkEncoder encoder) throws IOException {
    int perChunk = chunk.capacity() / elementBytes;
    for (int at = 0; at < numel; at += perChunk) {
      int count = Math.min(perChunk, numel - at);
      chunk.clear();
      encoder.encode(chunk, at, count);
      out.write(chunk.array(), 0, count * elementBytes);
    }
  }
}
