package dev.eddy.tensor;

/**
 * NumPy-like text for {@link Tensor#toString()}: nested brackets, one row per line for rank ≥ 2, and
 * for tensors of more than {@value #ELIDE_ABOVE} elements only the first and last {@value #EDGE}
 * entries of each long axis around {@code ...}. Values print in their shortest exact form.
 */
final class TensorFormat {
  private TensorFormat() {}

  static final int ELIDE_ABOVE = 1000;
  static final int EDGE = 3;

  static String format(Tensor t) {
    StringBuilder sb = new StringBuilder("tensor(");
    boolean elide = t.numel() > ELIDE_ABOVE;
    append(sb, t, 0, 0, elide, "tensor(".length());
    return sb.append(", ").append(t.dtype()).append(t.rank() > 0 ? ", shape=" + t.shape() : "").append(')').toString();
  }

  private static void append(StringBuilder sb, Tensor t, int axis, int offset, boolean elide, int indent) {
    if (axis == t.rank()) {
      sb.append(t.dtype() == DType.F32 ? Float.toString(t.f()[offset]) : Double.toString(t.d()[offset]));
      return;
    }
    int d = t.shape().dimsUnsafe()[axis];
    int stride = t.shape().product(axis + 1, t.rank());
    String sep = axis == t.rank() - 1 ? ", " : ",\n" + "\n".repeat(t.rank() - axis - 2) + " ".repeat(indent + axis + 1);
    sb.append('[');
    for (int i = 0; i < d; i++) {
      if (elide && d > 2 * EDGE && i == EDGE) {
        sb.append("...").append(sep);
        i = d - EDGE;
      }
      append(sb, t, axis + 1, offset + i * stride, elide, indent);
      if (i < d - 1) {
        sb.append(sep);
      }
    }
    sb.append(']');
  }
}
