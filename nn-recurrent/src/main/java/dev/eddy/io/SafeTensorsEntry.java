package dev.eddy.io;

import java.util.List;

/**
 * One tensor as a safetensors header describes it, validated against the file.
 *
 * @param name the tensor's name, e.g. {@code rnn.weight_ih_l0}
 * @param dtype its element type in the file
 * @param shape its dimensions, outermost first ({@code []} for a scalar)
 * @param begin offset of its first byte, counted from the start of the data area (the byte after the header)
 * @param end offset one past its last byte, same origin; {@code end - begin == numel * dtype.byteSize()}
 */
public record SafeTensorsEntry(String name, SafeTensorsDType dtype, List<Long> shape, long begin, long end) {

  public SafeTensorsEntry {
    shape = List.copyOf(shape);
  }

  /** Bytes of data: {@code end - begin}. */
  public long byteSize() {
    return end - begin;
  }

  /** Number of elements: the product of the shape (1 for a scalar). */
  public long numel() {
    long n = 1;
    for (long d : shape) {
      n *= d; // the header check has ruled out overflow
    }
    return n;
  }
}
