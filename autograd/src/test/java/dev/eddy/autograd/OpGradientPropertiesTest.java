package dev.eddy.autograd;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For every registered op (the op is a parameter of its family's property): random shapes, including
 * broadcast pairs and size-1 axes, and random values away from kinks; the analytic gradient agrees
 * with float64 central differences to GradCheck's default tolerance (1e-6 relative).
 */
class OpGradientPropertiesTest {

  @Property(tries = 400)
  void elementwiseOps(@ForAll("elementwise") OpCase op, @ForAll long seed) {
    op.gradCheck(seed);
  }

  @Property(tries = 250)
  void unaryOps(@ForAll("unary") OpCase op, @ForAll long seed) {
    op.gradCheck(seed);
  }

  @Property(tries = 250)
  void reductionOps(@ForAll("reduction") OpCase op, @ForAll long seed) {
    op.gradCheck(seed);
  }

  @Property(tries = 400)
  void shapeOps(@ForAll("shape") OpCase op, @ForAll long seed) {
    op.gradCheck(seed);
  }

  @Property(tries = 100)
  void matmulOps(@ForAll("matmul") OpCase op, @ForAll long seed) {
    op.gradCheck(seed);
  }

  @Property(tries = 150)
  void indexOps(@ForAll("index") OpCase op, @ForAll long seed) {
    op.gradCheck(seed);
  }

  @Property(tries = 100)
  void nnOps(@ForAll("nn") OpCase op, @ForAll long seed) {
    op.gradCheck(seed);
  }

  @Property(tries = 200)
  void losses(@ForAll("loss") OpCase op, @ForAll long seed) {
    op.gradCheck(seed);
  }

  @Provide
  Arbitrary<OpCase> elementwise() {
    return family("elementwise");
  }

  @Provide
  Arbitrary<OpCase> unary() {
    return family("unary");
  }

  @Provide
  Arbitrary<OpCase> reduction() {
    return family("reduction");
  }

  @Provide
  Arbitrary<OpCase> shape() {
    return family("shape");
  }

  @Provide
  Arbitrary<OpCase> matmul() {
    return family("matmul");
  }

  @Provide
  Arbitrary<OpCase> index() {
    return family("index");
  }

  @Provide
  Arbitrary<OpCase> nn() {
    return family("nn");
  }

  @Provide
  Arbitrary<OpCase> loss() {
    return family("loss");
  }

  private static Arbitrary<OpCase> family(String name) {
    return Arbitraries.of(OpRegistry.FAMILIES.get(name));
  }
}
