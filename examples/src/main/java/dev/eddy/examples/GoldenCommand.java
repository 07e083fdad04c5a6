package dev.eddy.examples;

import dev.eddy.nn.golden.GoldenChecker;
import dev.eddy.nn.golden.GoldenResult;
import dev.eddy.tensor.DType;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code eddy golden FILE...}: checks the recurrent layers against PyTorch reference cases. */
@Command(
    name = "golden",
    mixinStandardHelpOptions = true,
    description = {
        "Checks Eddy's RNN/LSTM/GRU layers and cells against PyTorch reference cases (pytorch-rnn-golden-v1):"
            + " builds the module, loads the parameters, runs forward and backward with the case's loss, and"
            + " compares the loss, the outputs and every gradient.",
        "Prints 'PASS <case> max_rel_err=<e>' or 'FAIL <case> <what differs>' per case; exits 0 only if all pass.",
        "rel_err = |a - b| / max(|b|, RMS of the reference tensor)."})
public final class GoldenCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Case files (.json), or folders whose .json files are all checked.")
  List<Path> files;

  @Option(names = "--dtype", defaultValue = "f64", paramLabel = "f64|f32",
      description = "Compute in float64 (default tolerance 1e-9) or float32 (1e-4).")
  String dtype;

  @Option(names = "--tolerance", paramLabel = "REL", description = "Largest relative error that passes (overrides the default).")
  Double tolerance;

  @Override
  public Integer call() {
    DType type = switch (dtype.toLowerCase(Locale.ROOT)) {
      case "f64", "float64" -> DType.F64;
      case "f32", "float32" -> DType.F32;
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--dtype must be f64 or f32, got '" + dtype + "'");
    };
    if (tolerance != null && !(tolerance > 0)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--tolerance must be positive, got " + tolerance);
    }
    GoldenChecker checker = tolerance == null ? new GoldenChecker(type) : new GoldenChecker(type, tolerance);
    PrintWriter out = spec.commandLine().getOut();
    int failed = 0;
    int total = 0;
    for (Path file : expand(files)) {
      GoldenResult r = checker.check(file);
      out.println(r.line());
      out.flush();
      total++;
      failed += r.passed() ? 0 : 1;
    }
    spec.commandLine().getErr().printf("%d of %d cases passed (%s, tolerance %.0e)%n", total - failed, total,
        type, checker.tolerance());
    return failed == 0 && total > 0 ? 0 : 1;
  }

  /** Files as given; each folder replaced by its .json files in name order (an empty or unreadable one stays, to FAIL). */
  private static List<Path> expand(List<Path> paths) {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.isDirectory(p)) {
        out.add(p);
        continue;
      }
      try (Stream<Path> s = Files.list(p)) {
        List<Path> cases = s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        out.addAll(cases.isEmpty() ? List.of(p) : cases);
      } catch (IOException e) {
        out.add(p);
      }
    }
    return out;
  }
}
