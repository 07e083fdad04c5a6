package dev.eddy.examples.support;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every demo command shares, as a picocli mixin: {@code --seed}, {@code --json} and
 * {@code --out DIR} (default {@code runs/<command>}).
 *
 * <pre>{@code
 * @Mixin DemoOptions demo;
 * ... new SplittableRandom(demo.seed()) ... demo.out().resolve("plot.png") ... if (demo.json()) ...
 * }</pre>
 */
public final class DemoOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec command;

  @Option(names = "--seed", defaultValue = "42", description = "Seeds everything random: data, weights, batches (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "Where the files go (default: runs/${COMMAND-NAME}).")
  Path out;

  @Option(names = "--json", description = "End with a one-line JSON summary of the key figures.")
  boolean json;

  public long seed() {
    return seed;
  }

  /** {@code --out}, or {@code runs/<command name>}. */
  public Path out() {
    return out != null ? out : Path.of("runs", command.name());
  }

  /** Whether to end with a one-line JSON summary. */
  public boolean json() {
    return json;
  }
}
