package dev.eddy.io;

import dev.eddy.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contents of a safetensors file as Eddy tensors.
 *
 * @param tensors tensors by name, in the order of their data in the file (F16 and BF16 data converted to F32)
 * @param metadata the {@code __metadata__} strings in header order (empty when there are none)
 */
public record SafeTensorsFile(Map<String, Tensor> tensors, Map<String, String> metadata) {

  public SafeTensorsFile {
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }
}
