package dev.eddy.examples;

import dev.eddy.examples.charlm.CharLmCommand;
import dev.eddy.examples.classify.ClassifyCommand;
import dev.eddy.examples.forecast.ForecastCommand;
import dev.eddy.examples.gradients.GradientsCommand;
import dev.eddy.examples.memory.AddingCommand;
import dev.eddy.examples.memory.CopyCommand;
import dev.eddy.examples.mingru.MinGruCommand;
import dev.eddy.examples.scratch.ScratchCommand;
import dev.eddy.examples.seq2seq.Seq2SeqCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code eddy} command: demos and benchmarks of the Eddy framework. */
@Command(
    name = "eddy",
    mixinStandardHelpOptions = true,
    version = "eddy 0.1.0",
    description = "Recurrent neural networks in pure Java: demos and benchmarks.",
    subcommands = {BenchCommand.class, InspectCommand.class, GoldenCommand.class, ForecastCommand.class,
        ClassifyCommand.class, GradientsCommand.class, ScratchCommand.class, MinGruCommand.class,
        Seq2SeqCommand.class, CharLmCommand.class, AddingCommand.class, CopyCommand.class})
public final class Eddy implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * Builds the command line, so tests can run commands in-process. Failures are one line on stderr
   * and a non-zero status ({@link OneLineErrors}).
   */
  public static CommandLine commandLine() {
    return OneLineErrors.install(new CommandLine(new Eddy()));
  }

  public static void main(String[] args) {
    // Library log lines (such as the kernel choice) as one short line each, not two with a timestamp.
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "eddy: %4$s: %5$s%6$s%n");
    }
    System.exit(commandLine().execute(args));
  }
}
