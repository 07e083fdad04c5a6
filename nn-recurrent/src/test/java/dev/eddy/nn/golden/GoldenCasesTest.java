package dev.eddy.nn.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.tensor.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every PyTorch reference case in the test resources passes, in float64 (1e-9) and float32 (1e-4),
 * with the layers' fused fast path and with the composed cells.
 */
class GoldenCasesTest {
  static final Path DIR = Path.of("src/test/resources/golden");

  static List<Path> cases() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  static Stream<Arguments> casesInBothDtypesAndPaths() throws IOException {
    return cases().stream().flatMap(f -> Stream.of(DType.F64, DType.F32)
        .flatMap(d -> Stream.of(Arguments.of(f, d, true), Arguments.of(f, d, false))));
  }

  @ParameterizedTest(name = "{0} {1} fastPath={2}")
  @MethodSource("casesInBothDtypesAndPaths")
  void passes(Path file, DType dtype, boolean fastPath) {
    GoldenResult r = new GoldenChecker(dtype).fastPath(fastPath).check(file);
    assertTrue(r.passed(), r.line());
  }
}
