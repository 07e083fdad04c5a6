package dev.eddy.io;

import dev.eddy.nn.recurrent.LSTM;
import dev.eddy.optim.Adam;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A process that dies in the middle of saving a checkpoint, for {@link CheckpointCrashTest}: it
 * starts saving a small model to {@code args[0]} and, once {@code args[1]} bytes have gone to the
 * file, halts the JVM at once (no finally blocks, no shutdown hooks: as a kill or a power cut would).
 */
public final class CrashingSave {
  /** The exit status of a process that halted half-way, as planned. */
  static final int HALTED = 42;

  private CrashingSave() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    long limit = Long.parseLong(args[1]);
    LSTM model = LSTM.builder(8, 32).seed(3).build();
    Adam adam = Adam.builder(model.namedParameters()).build();
    Checkpoint checkpoint = Checkpoint.of(model, adam, Map.of("step", "2"));
    checkpoint.save(file, out -> CutStreams.after(out, limit, (under, written) -> {
      under.flush(); // the bytes so far reach the temporary file, as they would before a kill
      Runtime.getRuntime().halt(HALTED);
    }));
    System.exit(0); // the save finished: the limit was past the end
  }
}
