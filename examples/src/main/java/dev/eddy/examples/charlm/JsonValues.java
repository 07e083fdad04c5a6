package dev.eddy.examples.charlm;

import dev.eddy.io.Json;
import dev.eddy.io.JsonException;
import java.util.List;
import java.util.Map;

/**
 * Typed reads from the JSON a checkpoint's metadata holds; a missing or mistyped entry is an
 * {@link IllegalArgumentException} naming it.
 */
final class JsonValues {
  private JsonValues() {}

  /** The JSON object in {@code text}; {@code what} names it in errors. */
  static Map<?, ?> object(String text, String what) {
    if (text == null) {
      throw new IllegalArgumentException("missing " + what);
    }
    try {
      if (Json.parse(text) instanceof Map<?, ?> m) {
        return m;
      }
    } catch (JsonException e) {
      throw new IllegalArgumentException(what + " is not valid JSON: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(what + " must be a JSON object, got " + text);
  }

  /** The JSON array of strings in {@code text}. */
  static List<String> strings(String text, String what) {
    if (text == null) {
      throw new IllegalArgumentException("missing " + what);
    }
    try {
      if (Json.parse(text) instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
        return list.stream().map(String.class::cast).toList();
      }
    } catch (JsonException e) {
      throw new IllegalArgumentException(what + " is not valid JSON: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(what + " must be a JSON array of strings");
  }

  static String string(Map<?, ?> m, String key) {
    if (m.get(key) instanceof String s) {
      return s;
    }
    throw mistyped(m, key, "a string");
  }

  static long longValue(Map<?, ?> m, String key) {
    if (m.get(key) instanceof Long n) {
      return n;
    }
    throw mistyped(m, key, "an integer");
  }

  static int integer(Map<?, ?> m, String key) {
    long n = longValue(m, key);
    if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
      throw mistyped(m, key, "an int");
    }
    return (int) n;
  }

  static double number(Map<?, ?> m, String key) {
    if (m.get(key) instanceof Number n) {
      return n.doubleValue();
    }
    throw mistyped(m, key, "a number");
  }

  private static IllegalArgumentException mistyped(Map<?, ?> m, String key, String kind) {
    return new IllegalArgumentException(m.containsKey(key)
        ? "'" + key + "' must be " + kind + ", got " + m.get(key)
        : "missing '" + key + "'");
  }
}
