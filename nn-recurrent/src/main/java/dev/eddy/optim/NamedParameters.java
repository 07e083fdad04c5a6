package dev.eddy.optim;

import dev.eddy.autograd.Var;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the parameters a caller hands over (a map by name, or a list) into a checked, ordered map. */
final class NamedParameters {
  private NamedParameters() {}

  /** The list's Vars named "0", "1", ... in list order. */
  static Map<String, Var> fromList(String owner, List<Var> params) {
    if (params == null) {
      throw new NullPointerException(owner + ": the parameter list is null");
    }
    Map<String, Var> named = new LinkedHashMap<>();
    for (int i = 0; i < params.size(); i++) {
      named.put(Integer.toString(i), params.get(i));
    }
    return named;
  }

  /**
   * A copy of {@code params} in its iteration order, checked: names and Vars not null, every Var a
   * leaf that requires a gradient, no Var twice (it would be updated twice per step), at least one.
   */
  static Map<String, Var> forOptimizer(String owner, Map<String, Var> params) {
    Map<String, Var> copy = withoutNulls(owner, params);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException(owner + ": no parameters to optimize");
    }
    Map<Var, String> seen = new IdentityHashMap<>();
    for (Map.Entry<String, Var> e : copy.entrySet()) {
      Var v = e.getValue();
      if (!v.isLeaf() || !v.requiresGrad()) {
        String what = v.isLeaf() ? "a constant" : "the result of op '" + v.opName() + "'";
        throw new IllegalArgumentException(owner + ": '" + e.getKey() + "' is " + what
            + ", not a parameter (a leaf that requires a gradient)");
      }
      String earlier = seen.put(v, e.getKey());
      if (earlier != null) {
        throw new IllegalArgumentException(owner + ": '" + earlier + "' and '" + e.getKey()
            + "' are the same Var; each parameter may appear once");
      }
    }
    return Collections.unmodifiableMap(copy);
  }

  /** A copy of {@code params} in its iteration order with names and Vars checked for null. */
  static Map<String, Var> withoutNulls(String owner, Map<String, Var> params) {
    if (params == null) {
      throw new NullPointerException(owner + ": the parameter map is null");
    }
    Map<String, Var> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Var> e : params.entrySet()) {
      if (e.getKey() == null) {
        throw new NullPointerException(owner + ": a parameter name is null");
      }
      if (e.getValue() == null) {
        throw new NullPointerException(owner + ": parameter '" + e.getKey() + "' is null");
      }
      copy.put(e.getKey(), e.getValue());
    }
    return copy;
  }
}
