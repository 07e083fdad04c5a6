package dev.eddy.tensor;

/**
 * A tensor op was given shapes (or axes, indices, dtypes) it cannot work with. The message names the
 * op and the shapes involved, e.g. {@code matmul: [32, 128] @ [64, 256]: inner dimensions 128 and 64 differ}.
 */
public class ShapeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ShapeException(String message) {
    super(message);
  }
}
