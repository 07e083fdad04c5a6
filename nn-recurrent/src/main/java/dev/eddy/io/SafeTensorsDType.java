package dev.eddy.io;

import dev.eddy.tensor.DType;

/**
 * The element types a safetensors header may name, spelled as in the file, with their sizes. Eddy
 * reads {@link #F32} and {@link #F64} as they are and {@link #F16} and {@link #BF16} converted
 * exactly to F32; {@link SafeTensors#inspect} lists every one of them. Sub-byte types (F4, F6_E2M3,
 * F6_E3M2) are not known and make a header unreadable.
 */
public enum SafeTensorsDType {
  BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1), F8_E8M0(1),
  I16(2), U16(2), F16(2), BF16(2),
  I32(4), U32(4), F32(4),
  I64(8), U64(8), F64(8), C64(8);

  private final int byteSize;

  SafeTensorsDType(int byteSize) {
    this.byteSize = byteSize;
  }

  /** Bytes per element. */
  public int byteSize() {
    return byteSize;
  }

  /** Whether {@link SafeTensors#read} can turn data of this type into an Eddy tensor. */
  public boolean readable() {
    return this == F32 || this == F64 || this == F16 || this == BF16;
  }

  /** The type named {@code name} in a header, or null if there is none. */
  static SafeTensorsDType byName(String name) {
    for (SafeTensorsDType t : values()) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }

  /** How an Eddy tensor of {@code dtype} is stored. */
  static SafeTensorsDType of(DType dtype) {
    return dtype == DType.F32 ? F32 : F64;
  }
}
