package dev.eddy.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A safetensors file that cannot be read: truncated, with a malformed or inconsistent header, or
 * holding a dtype Eddy cannot convert. The message is one line naming the file, and the tensor when
 * one is at fault, e.g. {@code model.safetensors: tensor "w": data_offsets [0, 20] hold 20 bytes but
 * shape [2, 3] of F32 needs 24}.
 */
public class SafeTensorsException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String problem;

  public SafeTensorsException(Path file, String problem) {
    super(file + ": " + problem);
    this.problem = problem;
  }

  /** What is wrong, without the file name. */
  public String problem() {
    return problem;
  }
}
