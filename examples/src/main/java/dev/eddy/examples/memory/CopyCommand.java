package dev.eddy.examples.memory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eddy copy}: the copy memory task for LSTM, GRU and the tanh RNN, against its baseline. */
@Command(
    name = "copy",
    mixinStandardHelpOptions = true,
    description = {
        "The copy memory task (Arjovsky et al. 2016): 10 symbols from an alphabet of 8, T - 1 blanks, a delimiter,"
            + " then the model must output the 10 symbols in order (and blanks before). Loss: cross-entropy averaged"
            + " over all T + 20 steps, printed beside the baseline 10 ln 8 / (T + 20) of remembering nothing,"
            + " with the share of copied symbols right (baseline 1/8).",
        "Trains each --cell on fresh seeded batches with Adam and gradient clipping, scores a fixed validation"
            + " set as it goes, and writes <out>/copy-validation.png (validation cross-entropy against step)."})
public final class CopyCommand extends MemoryTaskCommand {

  public CopyCommand() {
    super("Copy memory", 1, CopyTask::new);
  }

  @Option(names = "--steps", defaultValue = "3000", description = "Training steps per cell (default: ${DEFAULT-VALUE}).")
  void steps(int value) {
    steps = value;
  }
}
