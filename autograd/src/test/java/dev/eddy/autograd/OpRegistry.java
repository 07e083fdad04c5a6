package dev.eddy.autograd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every public differentiable op with its random-case sampler, by family. {@link OpRegistryTest}
 * fails when an op exists without an entry here, so no op goes without a gradient property.
 */
final class OpRegistry {
  private OpRegistry() {}

  static final Map<String, List<OpCase>> FAMILIES = families();

  private static Map<String, List<OpCase>> families() {
    Map<String, List<OpCase>> m = new LinkedHashMap<>();
    m.put("elementwise", ElementwiseCases.elementwise());
    m.put("unary", ElementwiseCases.unary());
    m.put("reduction", ReductionCases.all());
    m.put("shape", ShapeCases.all());
    m.put("matmul", MatMulCases.all());
    m.put("index", IndexCases.all());
    m.put("nn", NnCases.all());
    m.put("loss", LossCases.all());
    return m;
  }

  static List<OpCase> all() {
    List<OpCase> all = new ArrayList<>();
    FAMILIES.values().forEach(all::addAll);
    return all;
  }
}
