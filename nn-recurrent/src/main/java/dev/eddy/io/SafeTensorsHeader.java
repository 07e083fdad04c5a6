package dev.eddy.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated header of a safetensors file: what {@link SafeTensors#inspect} returns without
 * reading any tensor data.
 *
 * @param tensors every tensor, in the order of its data in the file
 * @param metadata the {@code __metadata__} strings in header order (empty when there are none)
 * @param headerLength the JSON header's length in bytes, padding included
 * @param fileSize the file's length in bytes: {@code 8 + headerLength + } the tensors' bytes
 */
public record SafeTensorsHeader(
    List<SafeTensorsEntry> tensors, Map<String, String> metadata, long headerLength, long fileSize) {

  public SafeTensorsHeader {
    tensors = List.copyOf(tensors);
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** File offset of the data area: {@code 8 + headerLength}. */
  public long dataStart() {
    return 8 + headerLength;
  }
}
