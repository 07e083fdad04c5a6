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

/** Every PyTorch reference case in the test resources passes, in float64 (1e-9) and float32 (1e-4). */
class GoldenCasesTest {
  static final Path DIR = Path.of("src/test/resources/golden");

  static List<Path> cases() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  static Stream<Arguments> casesInBothDtypes() throws IOException {
    return cases().stream().flatMap(f -> Stream.of(Arguments.of(f, DType.F64), Arguments.of(f, DType.F32)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("casesInBothDtypes")
  void passes(Path file, DType dtype) {
    GoldenResult r = new GoldenChecker(dtype).check(file);
    assertTrue(r.passed(), r.line());
  }
}
