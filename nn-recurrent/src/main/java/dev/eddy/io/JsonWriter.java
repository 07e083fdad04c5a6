package dev.eddy.io;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** Writes plain Java values as JSON text; see {@link Json} for what is accepted. */
final class JsonWriter {
  /** Deeper nesting than this is taken for a cycle (a list that contains itself). */
  private static final int MAX_DEPTH = 512;

  private final StringBuilder out = new StringBuilder();
  private final boolean pretty;
  /** Keys and indices from the root to the value being written, for error messages. */
  private final List<Object> path = new ArrayList<>();
  private int depth;

  private JsonWriter(boolean pretty) {
    this.pretty = pretty;
  }

  static String write(Object value, boolean pretty) {
    JsonWriter w = new JsonWriter(pretty);
    w.value(value);
    return w.out.toString();
  }

  private void value(Object v) {
    switch (v) {
      case null -> out.append("null");
      case String s -> string(s);
      case Boolean b -> out.append(b.booleanValue());
      case Double d -> finite(d, d.isNaN() || d.isInfinite()).append(d.doubleValue());
      case Float f -> finite(f, f.isNaN() || f.isInfinite()).append(f.floatValue());
      case Long n -> out.append(n.longValue());
      case Integer n -> out.append(n.intValue());
      case Short n -> out.append(n.shortValue());
      case Byte n -> out.append(n.byteValue());
      case Map<?, ?> m -> object(m);
      case Collection<?> c -> array(c);
      case double[] a -> array(listView(a.length, i -> a[i]));
      case float[] a -> array(listView(a.length, i -> a[i]));
      case long[] a -> array(listView(a.length, i -> a[i]));
      case int[] a -> array(listView(a.length, i -> a[i]));
      default -> throw error("cannot write a " + v.getClass().getName() + " as JSON");
    }
  }

  private void object(Map<?, ?> map) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    enter();
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw error("key " + e.getKey() + " is a "
            + (e.getKey() == null ? "null" : e.getKey().getClass().getName()) + ", not a String");
      }
      if (!first) {
        out.append(',');
      }
      first = false;
      newline();
      path.add(key);
      string(key);
      out.append(pretty ? ": " : ":");
      value(e.getValue());
      path.removeLast();
    }
    leave();
    out.append('}');
  }

  private void array(Collection<?> elements) {
    if (elements.isEmpty()) {
      out.append("[]");
      return;
    }
    enter();
    out.append('[');
    int i = 0;
    for (Object e : elements) {
      if (i > 0) {
        out.append(',');
      }
      newline();
      path.add(i++);
      value(e);
      path.removeLast();
    }
    leave();
    out.append(']');
  }

  private static List<Object> listView(int size, IntFunction<Object> element) {
    return new AbstractList<>() {
      @Override
      public Object get(int index) {
        return element.apply(index);
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH + " (does a collection contain itself?)");
    }
  }

  private void leave() {
    depth--;
    newline();
  }

  private void newline() {
    if (pretty) {
      out.append('\n').repeat(' ', 2 * depth);
    }
  }

  /** An error naming the path of the current value, e.g. {@code $.layers[2].weight: ...}. */
  private JsonException error(String what) {
    StringBuilder p = new StringBuilder("$");
    for (Object step : path) {
      if (step instanceof Integer i) {
        p.append('[').append(i).append(']');
      } else if (((String) step).matches("[A-Za-z_][A-Za-z0-9_]*")) {
        p.append('.').append(step);
      } else {
        p.append('[').append(Json.quote((String) step)).append(']');
      }
    }
    return new JsonException(p + ": " + what);
  }

  private StringBuilder finite(Object value, boolean nonFinite) {
    if (nonFinite) {
      throw error(value + " cannot be written (JSON has no NaN or Infinity)");
    }
    return out;
  }

  private void string(String s) {
    if (!appendQuoted(out, s, false)) {
      throw error("string " + Json.quote(s) + " is not valid Unicode (unpaired surrogate)");
    }
  }

  /**
   * Appends {@code s} as a JSON string literal. With {@code escapeSurrogates} an unpaired surrogate
   * is written as a {@code \\u} escape; otherwise it stops and returns false.
   */
  static boolean appendQuoted(StringBuilder sb, String s, boolean escapeSurrogates) {
    sb.append('"');
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String escape = null;
      if (c == '"') {
        escape = "\\\"";
      } else if (c == '\\') {
        escape = "\\\\";
      } else if (c < 0x20) {
        escape = switch (c) {
          case '\n' -> "\\n";
          case '\r' -> "\\r";
          case '\t' -> "\\t";
          case '\b' -> "\\b";
          case '\f' -> "\\f";
          default -> String.format("\\u%04x", (int) c);
        };
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        if (!escapeSurrogates) {
          return false;
        }
        escape = String.format("\\u%04x", (int) c);
      }
      if (escape != null) {
        sb.append(s, run, i).append(escape);
        run = i + 1;
      }
    }
    sb.append(s, run, s.length()).append('"');
    return true;
  }
}
