package dev.eddy.nn.golden;

import dev.eddy.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed access to the parsed JSON of a golden case; every problem names its path ({@code config.hidden_size}). */
final class JsonFields {
  private JsonFields() {}

  static Map<String, Object> object(Object value, String path) throws GoldenFormatException {
    if (!(value instanceof Map<?, ?> m)) {
      throw new GoldenFormatException(path + " must be an object, got " + kind(value));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> out = (Map<String, Object>) m;
    return out;
  }

  static Object required(Map<String, Object> obj, String key, String path) throws GoldenFormatException {
    if (!obj.containsKey(key)) {
      throw new GoldenFormatException("missing " + join(path, key));
    }
    return obj.get(key);
  }

  static Map<String, Object> object(Map<String, Object> obj, String key, String path) throws GoldenFormatException {
    return object(required(obj, key, path), join(path, key));
  }

  static String string(Map<String, Object> obj, String key, String path) throws GoldenFormatException {
    Object v = required(obj, key, path);
    if (!(v instanceof String s)) {
      throw new GoldenFormatException(join(path, key) + " must be a string, got " + kind(v));
    }
    return s;
  }

  static int integer(Object v, String path) throws GoldenFormatException {
    if (!(v instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
      throw new GoldenFormatException(path + " must be a non-negative integer, got " + kind(v));
    }
    return (int) (long) n;
  }

  static boolean bool(Object v, String path) throws GoldenFormatException {
    if (!(v instanceof Boolean b)) {
      throw new GoldenFormatException(path + " must be true or false, got " + kind(v));
    }
    return b;
  }

  static double number(Object v, String path) throws GoldenFormatException {
    if (!(v instanceof Number n)) {
      throw new GoldenFormatException(path + " must be a number, got " + kind(v));
    }
    return n.doubleValue();
  }

  /** {@code {"shape": [...], "data": [...]}} as an F64 tensor. */
  static Tensor array(Object value, String path) throws GoldenFormatException {
    Map<String, Object> a = object(value, path);
    Object shapeValue = required(a, "shape", path);
    Object dataValue = required(a, "data", path);
    if (!(shapeValue instanceof List<?> shapeList)) {
      throw new GoldenFormatException(join(path, "shape") + " must be a list, got " + kind(shapeValue));
    }
    if (!(dataValue instanceof List<?> data)) {
      throw new GoldenFormatException(join(path, "data") + " must be a list, got " + kind(dataValue));
    }
    int[] dims = new int[shapeList.size()];
    long count = 1;
    for (int i = 0; i < dims.length; i++) {
      dims[i] = integer(shapeList.get(i), join(path, "shape") + "[" + i + "]");
      count *= dims[i];
      if (count > Integer.MAX_VALUE) {
        throw new GoldenFormatException(join(path, "shape") + " " + shapeList + " is too large");
      }
    }
    if (data.size() != count) {
      throw new GoldenFormatException(path + ": " + data.size() + " numbers in data for shape " + shapeList + " ("
          + count + " elements)");
    }
    double[] values = new double[data.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = number(data.get(i), join(path, "data") + "[" + i + "]");
    }
    return Tensor.of(values, dims);
  }

  /** Every member of the object at {@code key} as an array, in order. */
  static Map<String, Tensor> arrays(Map<String, Object> obj, String key, String path) throws GoldenFormatException {
    Map<String, Tensor> out = new LinkedHashMap<>();
    String p = join(path, key);
    for (Map.Entry<String, Object> e : object(obj, key, path).entrySet()) {
      out.put(e.getKey(), array(e.getValue(), join(p, e.getKey())));
    }
    return out;
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static String kind(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
    }
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "a list";
    }
    return v.toString();
  }
}
