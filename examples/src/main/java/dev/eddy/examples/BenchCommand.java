package dev.eddy.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code eddy bench ...}: benchmarks that print one JSON line per measurement. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks; each prints one JSON line per measurement.",
    subcommands = {GemmBench.class, RnnBench.class, MemoryBench.class})
public final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
