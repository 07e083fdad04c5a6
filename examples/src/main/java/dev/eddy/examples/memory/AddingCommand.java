package dev.eddy.examples.memory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eddy adding}: the adding problem for LSTM, GRU and the tanh RNN, against its baseline. */
@Command(
    name = "adding",
    mixinStandardHelpOptions = true,
    description = {
        "The adding problem (Le et al. 2015): T steps of (value in [0, 1], marker), two marked steps, one in each"
            + " half; the model reads the sequence and answers the sum of the two marked values. Loss: mean squared"
            + " error, printed beside the baseline 1/6 of always answering 1.",
        "Trains each --cell on fresh seeded batches with Adam and gradient clipping, scores a fixed validation"
            + " set as it goes, and writes <out>/adding-validation.png (validation MSE against step)."})
public final class AddingCommand extends MemoryTaskCommand {

  public AddingCommand() {
    super("Adding problem", 2, AddingTask::new);
  }

  @Option(names = "--steps", defaultValue = "2000", description = "Training steps per cell (default: ${DEFAULT-VALUE}).")
  void steps(int value) {
    steps = value;
  }
}
