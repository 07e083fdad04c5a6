package dev.eddy.examples.charlm;

import dev.eddy.examples.support.OptionChecks;
import dev.eddy.io.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eddy charlm sample}: rebuilds the model from a checkpoint's settings and writes text after a
 * prime, one character at a time ({@link TextGenerator}).
 */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Writes text with a model saved by 'eddy charlm': reads --prime, then draws --length characters one at a"
            + " time, each from the model's prediction at --temperature (0: always the most likely), carrying the"
            + " recurrent state from step to step.",
        "Prints the prime followed by the generated text."})
public final class SampleCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--checkpoint", required = true, paramLabel = "FILE", description = "A checkpoint written by 'eddy charlm'.")
  Path checkpoint;

  @Option(names = "--prime", defaultValue = "", paramLabel = "TEXT", description = "Text the model reads first; every character must be in its vocabulary (default: a line break).")
  String prime;

  @Option(names = "--temperature", defaultValue = "0.8", paramLabel = "T", description = "Below 1: safer, above 1: wilder; 0 is greedy (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--length", defaultValue = "500", paramLabel = "N", description = "Characters to generate (default: ${DEFAULT-VALUE}).")
  int length;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Seeds the draws (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "End with a one-line JSON summary (checkpoint, prime, temperature, text).")
  boolean json;

  @Override
  public Integer call() {
    if (!(temperature >= 0 && temperature < Double.POSITIVE_INFINITY)) {
      throw bad("--temperature must be a number >= 0, got " + temperature);
    }
    new OptionChecks(spec).atLeast("--length", length, 1);
    RunCheckpoint saved;
    try {
      saved = RunCheckpoint.read(checkpoint);
    } catch (NoSuchFileException e) {
      throw bad("--checkpoint: " + checkpoint + ": no such file");
    } catch (IOException e) {
      throw bad("--checkpoint: " + e.getMessage());
    }
    TextGenerator generator = new TextGenerator(saved.model(), saved.vocabulary());
    String generated;
    try {
      generated = generator.generate(prime, length, temperature, new SplittableRandom(seed));
    } catch (IllegalArgumentException e) {
      throw bad("--prime: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(prime + generated);
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("command", "charlm sample");
      m.put("checkpoint", checkpoint.toString());
      m.put("model", saved.config().describe());
      m.put("prime", prime);
      m.put("temperature", temperature);
      m.put("seed", seed);
      m.put("text", generated);
      out.println(Json.write(m));
    }
    out.flush();
    return 0;
  }

  private CommandLine.ParameterException bad(String message) {
    return new OptionChecks(spec).bad(message);
  }
}
