package dev.eddy.io;

import dev.eddy.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Reads and writes tensors in the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format, the one PyTorch and the Hugging Face tools use for weights.
 *
 * <p><b>Format.</b> 8 bytes: the header length N, unsigned little-endian; N bytes: a UTF-8 JSON object
 * mapping each tensor name to {@code {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}},
 * plus an optional {@code "__metadata__"} object of strings; then the data area, each tensor's
 * elements little-endian in row-major order, at its offsets counted from the start of the data area.
 *
 * <p><b>Reading</b> accepts F32 and F64 as they are, and F16 and BF16 converted exactly to F32
 * (subnormals, infinities and signed zeros included; NaNs keep sign and payload, and an F16
 * signaling NaN comes out quiet, as in PyTorch and any IEEE 754 conversion). Other dtypes (I64, U8, BOOL, ...) are an
 * error naming the tensor; {@link #inspect} still lists them. The file is checked as the reference
 * implementation checks it, plus a little: header length at most 100,000,000 bytes and inside the
 * file; valid UTF-8 and strict JSON (no duplicate names or keys; a tensor entry has exactly
 * {@code dtype}, {@code shape}, {@code data_offsets}, where the reference ignores extra keys); a
 * known dtype; at most 64 dimensions; sorted by offsets, the tensors tile the data area exactly, with
 * no gap, overlap or trailing byte; each holds exactly {@code numel * dtype size} bytes, computed
 * without overflow. Any problem is a {@link SafeTensorsException} with one line naming the file and
 * the tensor; memory use is bounded by the file's size (no array is sized from a claim the file has
 * not backed), and data is read in chunks, never as one array of the whole file.
 *
 * <p><b>Writing</b> stores F32 and F64 tensors exactly as the reference writer lays them out (see
 * {@link SafeTensorsWriter}): F64 tensors first, then F32, each group by name, so the same tensors
 * and metadata always give the same bytes, and files read back in that order rather than the map's.
 * Files are replaced atomically ({@link AtomicFiles}): a failed write leaves the old file intact.
 */
public final class SafeTensors {

  private SafeTensors() {}

  /**
   * All tensors and metadata of a file.
   *
   * @throws SafeTensorsException if the file is malformed or holds a dtype Eddy cannot read
   * @throws IOException if the file cannot be read at all
   */
  public static SafeTensorsFile read(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      SafeTensorsReader reader = new SafeTensorsReader(channel, file);
      SafeTensorsHeader header = reader.header();
      return new SafeTensorsFile(reader.tensors(header), header.metadata());
    }
  }

  /**
   * The validated header: name, dtype, shape and offsets of every tensor (of any dtype) and the
   * metadata, without reading tensor data.
   *
   * @throws SafeTensorsException if the file is malformed
   */
  public static SafeTensorsHeader inspect(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return new SafeTensorsReader(channel, file).header();
    }
  }

  /**
   * Writes {@code tensors} (F32 or F64, any shape) and {@code metadata} (may be null or empty: then no
   * {@code __metadata__}) to {@code file}, atomically replacing it.
   *
   * @throws IllegalArgumentException for a null tensor, key or value, the reserved name
   *     {@code __metadata__}, or a name that is not valid Unicode
   */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
    SafeTensorsWriter writer = new SafeTensorsWriter(tensors, metadata);
    AtomicFiles.write(file, writer::writeTo);
  }

  /** {@link #write(Path, Map, Map)} without metadata. */
  public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
    write(file, tensors, null);
  }

  /** Writes the file's bytes to a stream, as {@link #write(Path, Map, Map)} would store them. */
  public static void write(OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata)
      throws IOException {
    new SafeTensorsWriter(tensors, metadata).writeTo(out);
  }
}
