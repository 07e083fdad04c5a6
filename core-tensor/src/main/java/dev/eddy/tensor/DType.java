package dev.eddy.tensor;

/** The element type of a tensor. Eddy has only floating-point dtypes; masks and indices are 0/1 or integral values. */
public enum DType {
  /** 32-bit IEEE float, stored in a {@code float[]}. */
  F32(Float.BYTES),
  /** 64-bit IEEE double, stored in a {@code double[]}. */
  F64(Double.BYTES);

  private final int byteSize;

  DType(int byteSize) {
    this.byteSize = byteSize;
  }

  /** Bytes per element: 4 for F32, 8 for F64. */
  public int byteSize() {
    return byteSize;
  }
}
