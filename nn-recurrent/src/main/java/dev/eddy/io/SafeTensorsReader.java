package dev.eddy.io;

import dev.eddy.tensor.Shape;
import dev.eddy.tensor.ShapeException;
import dev.eddy.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a safetensors file through a {@link FileChannel}: the header in one bounded read, then each
 * tensor's bytes in chunks of at most 1 MiB decoded straight into the tensor's array. Nothing is
 * allocated before the header has been checked against the file's size, and no allocation exceeds
 * what the file actually holds: the header's length is capped and checked against the file size
 * before its buffer exists, and a tensor's array is sized from byte counts already checked to lie
 * inside the file.
 */
final class SafeTensorsReader {
  /** The reference implementation's cap on the header length. */
  static final long MAX_HEADER_BYTES = 100_000_000L;
  private static final int CHUNK_BYTES = 1 << 20;
  /** The most elements an Eddy tensor holds (Java arrays stop a little short of 2^31). */
  private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  private final FileChannel channel;
  private final Path file;

  SafeTensorsReader(FileChannel channel, Path file) {
    this.channel = channel;
    this.file = file;
  }

  SafeTensorsHeader header() throws IOException {
    long size = channel.size();
    if (size < 8) {
      throw fail("the file is " + size + " bytes long, too short for the 8-byte header length");
    }
    ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    readFully(lengthBytes, 0, "the header length");
    long n = lengthBytes.getLong(0);
    if (n < 0 || n > MAX_HEADER_BYTES) {
      throw fail("header length " + Long.toUnsignedString(n) + " is over the limit of " + MAX_HEADER_BYTES
          + " bytes");
    }
    if (n > size - 8) {
      throw fail("header length " + n + " runs past the end of the file (" + size + " bytes)");
    }
    ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
    readFully(headerBytes, 8, "the header");
    String text;
    try {
      text = Json.decodeUtf8(headerBytes.array());
    } catch (JsonException e) {
      throw fail("the header is not valid UTF-8: " + e.getMessage() + " of the header");
    }
    try {
      HeaderParser.Parsed parsed = HeaderParser.parse(text, size - 8 - n);
      return new SafeTensorsHeader(parsed.tensors(), parsed.metadata(), n, size);
    } catch (JsonException e) {
      throw fail("header" + (e.line() > 0 ? " at line " + e.line() + ", column " + e.column() : "") + ": "
          + e.reason());
    }
  }

  /** All tensors, after checking that every one can become an Eddy tensor. */
  Map<String, Tensor> tensors(SafeTensorsHeader header) throws IOException {
    long largest = 0;
    for (SafeTensorsEntry t : header.tensors()) {
      checkReadable(t);
      largest = Math.max(largest, t.byteSize());
    }
    ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, largest)).order(ByteOrder.LITTLE_ENDIAN);
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (SafeTensorsEntry t : header.tensors()) {
      tensors.put(t.name(), tensor(t, header.dataStart() + t.begin(), chunk));
    }
    return tensors;
  }

  private void checkReadable(SafeTensorsEntry t) throws SafeTensorsException {
    String what = "tensor " + Json.quote(t.name());
    if (!t.dtype().readable()) {
      throw fail(what + ": dtype " + t.dtype() + " is not supported (Eddy reads F32, F64, F16 and BF16)");
    }
    if (t.shape().stream().anyMatch(d -> d > Integer.MAX_VALUE)) {
      // Possible in a valid file when another dimension is 0.
      throw fail(what + ": shape " + t.shape() + " has a dimension larger than an Eddy tensor allows ("
          + Integer.MAX_VALUE + ")");
    }
    if (t.numel() > MAX_ELEMENTS) {
      throw fail(what + ": shape " + t.shape() + " has " + t.numel() + " elements, more than an Eddy tensor holds ("
          + MAX_ELEMENTS + ")");
    }
    try {
      Shape.of(dims(t));
    } catch (ShapeException e) {
      // Shape has rules of its own, e.g. it bounds the running product of [2147483647, 5, 0].
      throw fail(what + ": Eddy cannot hold shape " + t.shape() + ": " + e.getMessage());
    }
  }

  private static int[] dims(SafeTensorsEntry t) {
    return t.shape().stream().mapToInt(Long::intValue).toArray();
  }

  private Tensor tensor(SafeTensorsEntry t, long position, ByteBuffer chunk) throws IOException {
    int numel = (int) t.numel();
    int[] dims = dims(t);
    String what = "tensor " + Json.quote(t.name());
    switch (t.dtype()) {
      case F64 -> {
        double[] out = new double[numel];
        readElements(position, numel, 8, chunk, what, (b, at, n) -> b.asDoubleBuffer().get(out, at, n));
        return Tensor.wrap(out, dims);
      }
      case F32 -> {
        float[] out = new float[numel];
        readElements(position, numel, 4, chunk, what, (b, at, n) -> b.asFloatBuffer().get(out, at, n));
        return Tensor.wrap(out, dims);
      }
      case F16 -> {
        float[] out = new float[numel];
        readElements(position, numel, 2, chunk, what, (b, at, n) -> {
          for (int i = 0; i < n; i++) {
            out[at + i] = Float.float16ToFloat(b.getShort());
          }
        });
        return Tensor.wrap(out, dims);
      }
      case BF16 -> {
        float[] out = new float[numel];
        readElements(position, numel, 2, chunk, what, (b, at, n) -> {
          for (int i = 0; i < n; i++) {
            // bfloat16 is the top half of a float32: widening is exact for every value, NaNs included.
            out[at + i] = Float.intBitsToFloat(b.getShort() << 16);
          }
        });
        return Tensor.wrap(out, dims);
      }
      default -> throw new IllegalStateException("unreadable dtype " + t.dtype() + " passed the check");
    }
  }

  /** Decodes {@code count} elements found in one chunk into the output, starting at element {@code at}. */
  private interface ChunkDecoder {
    void decode(ByteBuffer chunk, int at, int count);
  }

  private void readElements(long position, int numel, int elementBytes, ByteBuffer chunk, String what,
      ChunkDecoder decoder) throws IOException {
    int perChunk = chunk.capacity() / elementBytes;
    for (int at = 0; at < numel; at += perChunk) {
      int count = Math.min(perChunk, numel - at);
      chunk.clear().limit(count * elementBytes);
      readFully(chunk, position + (long) at * elementBytes, what);
      chunk.flip();
      decoder.decode(chunk, at, count);
    }
  }

  private void readFully(ByteBuffer buffer, long position, String what) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw fail("the file ended at byte " + at + " while reading " + what + " (did it change while being read?)");
      }
      at += n;
    }
  }

  private SafeTensorsException fail(String problem) {
    return new SafeTensorsException(file, problem);
  }
}
