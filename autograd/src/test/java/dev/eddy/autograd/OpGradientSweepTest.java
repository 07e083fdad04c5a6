package dev.eddy.autograd;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/** The long form of {@link OpGradientPropertiesTest}: 500 random cases for every registered op (run with -Pslow). */
@Tag("slow")
class OpGradientSweepTest {

  @TestFactory
  Stream<DynamicTest> everyOpOverManyCases() {
    return OpRegistry.all().stream().map(op -> DynamicTest.dynamicTest(op.signature(), () -> {
      for (long seed = 0; seed < 500; seed++) {
        op.gradCheck(seed * 0x9E3779B97F4A7C15L + 1);
      }
    }));
  }
}
