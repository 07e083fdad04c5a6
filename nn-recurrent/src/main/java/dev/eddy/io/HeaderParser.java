package dev.eddy.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and validates the JSON header of a safetensors file. The header is pulled from the text
 * in the shape it must have, never built as a generic tree, so a hostile header costs memory of
 * the order of its own size. Layout rules are the reference implementation's: sorted by offsets,
 * the tensors must tile the data area exactly, from 0 to its last byte, with no gap or overlap, and
 * each must hold exactly {@code numel * dtype size} bytes.
 */
final class HeaderParser {
  /** More dimensions than this is taken as a hostile header (NumPy 2 allows 64). */
  static final int MAX_RANK = 64;
  private static final String KEYS = "dtype, shape and data_offsets";

  private final JsonParser json;

  private HeaderParser(String text) {
    // The header is at most depth 3 (header, tensor, shape); strings may be as long as the header.
    this.json = new JsonParser(text, new Json.Limits(3, text.length(), 64));
  }

  /**
   * The header in {@code text}, validated for a data area of {@code dataSize} bytes.
   *
   * @throws JsonException with a position for a problem in the JSON, without one for a layout problem
   */
  static Parsed parse(String text, long dataSize) {
    Parsed parsed = new HeaderParser(text).header();
    validateLayout(parsed.tensors(), dataSize);
    return parsed;
  }

  /** The tensors in the order of their data, and the metadata. */
  record Parsed(List<SafeTensorsEntry> tensors, Map<String, String> metadata) {}

  private Parsed header() {
    if (json.peekValue() != '{') {
      throw json.error(json.position(), "the header must be a JSON object, found " + found());
    }
    json.beginObject();
    Map<String, String> metadata = null;
    List<SafeTensorsEntry> tensors = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String key; (key = json.nextKey()) != null; ) {
      if (key.equals("__metadata__")) {
        if (metadata != null) {
          throw json.error(json.keyStart(), "duplicate key \"__metadata__\"");
        }
        metadata = metadata();
      } else {
        if (!names.add(key)) {
          throw json.error(json.keyStart(), "duplicate tensor name " + Json.quote(key));
        }
        tensors.add(tensor(key));
      }
    }
    json.endDocument();
    // Stable: tensors at the same offset (empty ones) keep their header order.
    tensors.sort(Comparator.comparingLong(SafeTensorsEntry::begin).thenComparingLong(SafeTensorsEntry::end));
    return new Parsed(tensors, metadata == null ? Map.of() : metadata);
  }

  private Map<String, String> metadata() {
    if (json.peekValue() != '{') {
      throw json.error(json.position(), "__metadata__ must be an object of strings, found " + found());
    }
    json.beginObject();
    Map<String, String> metadata = new LinkedHashMap<>();
    for (String key; (key = json.nextKey()) != null; ) {
      if (metadata.containsKey(key)) {
        throw json.error(json.keyStart(), "__metadata__: duplicate key " + Json.quote(key));
      }
      if (json.peekValue() != '"') {
        throw json.error(json.position(), "__metadata__: the value of " + Json.quote(key)
            + " must be a string, found " + found());
      }
      metadata.put(key, json.readString());
    }
    return metadata;
  }

  private SafeTensorsEntry tensor(String name) {
    String what = "tensor " + Json.quote(name);
    if (json.peekValue() != '{') {
      throw json.error(json.position(), what + ": expected an object with " + KEYS + ", found " + found());
    }
    int start = json.position();
    json.beginObject();
    SafeTensorsDType dtype = null;
    long[] shape = null;
    long[] offsets = null;
    for (String key; (key = json.nextKey()) != null; ) {
      int keyAt = json.keyStart();
      boolean repeated = switch (key) {
        case "dtype" -> dtype != null;
        case "shape" -> shape != null;
        case "data_offsets" -> offsets != null;
        default -> throw json.error(keyAt, what + ": unexpected key " + Json.quote(key) + " (expected " + KEYS + ")");
      };
      if (repeated) {
        throw json.error(keyAt, what + ": duplicate key " + Json.quote(key));
      }
      switch (key) {
        case "dtype" -> dtype = dtype(what);
        case "shape" -> shape = integers(what, "shape", MAX_RANK);
        default -> offsets = integers(what, "data_offsets", 2);
      }
    }
    String missing = dtype == null ? "dtype" : shape == null ? "shape" : offsets == null ? "data_offsets" : null;
    if (missing != null) {
      throw json.error(start, what + ": missing \"" + missing + "\" (expected " + KEYS + ")");
    }
    if (offsets.length != 2) {
      throw json.error(start, what + ": data_offsets " + Arrays.toString(offsets)
          + " must be two numbers [begin, end]");
    }
    List<Long> dims = Arrays.stream(shape).boxed().toList();
    return new SafeTensorsEntry(name, dtype, dims, offsets[0], offsets[1]);
  }

  private SafeTensorsDType dtype(String what) {
    if (json.peekValue() != '"') {
      throw json.error(json.position(), what + ": dtype must be a string, found " + found());
    }
    int at = json.position();
    String name = json.readString();
    SafeTensorsDType dtype = SafeTensorsDType.byName(name);
    if (dtype == null) {
      throw json.error(at, what + ": unknown dtype " + Json.quote(name));
    }
    return dtype;
  }

  /** An array of at most {@code max} integers in {@code [0, 2^63)}. */
  private long[] integers(String what, String key, int max) {
    if (json.peekValue() != '[') {
      throw json.error(json.position(), what + ": " + key + " must be an array of integers, found " + found());
    }
    json.beginArray();
    long[] values = new long[Math.min(max, 8)];
    int n = 0;
    while (json.nextElement()) {
      if (n == max) {
        throw json.error(json.position(), what + ": " + key + " has more than " + max + " entries");
      }
      char c = json.peekValue();
      if (c != '-' && (c < '0' || c > '9')) {
        throw json.error(json.position(), what + ": " + key + " must be an array of integers, found " + found());
      }
      Object v = json.readNumber();
      if (!(v instanceof Long l) || l < 0) {
        throw json.error(json.tokenStart(), what + ": " + key + " entry " + json.lastToken()
            + " is not an integer from 0 to 2^63 - 1");
      }
      if (n == values.length) {
        values = Arrays.copyOf(values, Math.min(max, 2 * n));
      }
      values[n++] = l;
    }
    return Arrays.copyOf(values, n);
  }

  /** What comes next in the text, for an error message. */
  private String found() {
    char c = json.peekValue();
    return switch (c) {
      case 0 -> "the end of the text";
      case '{' -> "an object";
      case '[' -> "an array";
      case '"' -> "a string";
      case 't', 'f' -> "a boolean";
      case 'n' -> "null";
      default -> c == '-' || (c >= '0' && c <= '9') ? "a number" : "'" + c + "'";
    };
  }

  /** Checks that the tensors, sorted by offsets, tile {@code [0, dataSize)} exactly. */
  private static void validateLayout(List<SafeTensorsEntry> tensors, long dataSize) {
    long next = 0;
    SafeTensorsEntry previous = null;
    for (SafeTensorsEntry t : tensors) {
      String what = "tensor " + Json.quote(t.name()) + ": data_offsets " + offsets(t);
      if (t.end() < t.begin()) {
        throw new JsonException(what + ": end is before begin");
      }
      if (t.end() > dataSize) {
        throw new JsonException(what + " run past the end of the data area (" + dataSize + " bytes)");
      }
      if (t.begin() < next) {
        throw new JsonException(what + " overlap tensor " + Json.quote(previous.name()) + " " + offsets(previous));
      }
      if (t.begin() > next) {
        throw new JsonException(what + " leave bytes " + next + ".." + t.begin() + " of the data area unused"
            + (previous == null ? "" : " after tensor " + Json.quote(previous.name()) + " " + offsets(previous)));
      }
      long bytes = byteCount(what, t);
      if (bytes != t.byteSize()) {
        throw new JsonException(what + " hold " + t.byteSize() + " bytes but shape " + t.shape() + " of "
            + t.dtype() + " needs " + bytes);
      }
      next = t.end();
      previous = t;
    }
    if (next != dataSize) {
      throw new JsonException("the data area holds " + dataSize + " bytes but the tensors cover only " + next
          + (previous == null ? " (there are none)" : " (up to the end of tensor " + Json.quote(previous.name()) + ")"));
    }
  }

  /** {@code numel * dtype size}, multiplied in shape order like the reference, failing on overflow. */
  private static long byteCount(String what, SafeTensorsEntry t) {
    long numel = 1;
    try {
      for (long d : t.shape()) {
        numel = Math.multiplyExact(numel, d);
      }
    } catch (ArithmeticException e) {
      throw new JsonException(what + ": shape " + t.shape() + " has more than 2^63 elements");
    }
    try {
      return Math.multiplyExact(numel, t.dtype().byteSize());
    } catch (ArithmeticException e) {
      throw new JsonException(what + ": shape " + t.shape() + " of " + t.dtype() + " needs more than 2^63 bytes");
    }
  }

  private static String offsets(SafeTensorsEntry t) {
    return "[" + t.begin() + ", " + t.end() + "]";
  }
}
