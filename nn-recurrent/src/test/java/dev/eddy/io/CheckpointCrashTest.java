package dev.eddy.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.nn.TrainingRun;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save that fails or a process that dies half-way through writing a checkpoint leaves the previous
 * checkpoint byte for byte as it was, and loadable: the bytes go to a temporary file that is renamed
 * over the checkpoint only once complete and on disk ({@link AtomicFiles}).
 */
class CheckpointCrashTest {
  @TempDir Path dir;

  private static Checkpoint checkpointAfter(int steps) {
    TrainingRun run = new TrainingRun(5, 6, true, true).train(steps);
    return Checkpoint.of(run.model, run.optimizer, Map.of("step", Integer.toString(steps)));
  }

  @Test
  void aSaveFailingAtAnyPointLeavesThePreviousCheckpointIntact() throws IOException {
    Path file = dir.resolve("run.safetensors");
    checkpointAfter(1).save(file);
    byte[] good = Files.readAllBytes(file);
    Checkpoint next = checkpointAfter(2);
    long size = good.length;
    long[] failAt = {0, 1, 7, 8, 9, 100, size / 3, size / 2, size - 4096, size - 1};
    for (long at : failAt) {
      for (String kind : List.of("disk full", "a bug", "out of memory")) {
        Throwable t = assertThrows(Throwable.class, () -> next.save(file, out -> failingAfter(out, at, kind)));
        assertEquals(kind + " (simulated) after " + at + " bytes", t.getMessage());
        assertArrayEquals(good, Files.readAllBytes(file), kind + " after " + at + " bytes");
        assertOnlyFile(file);
      }
    }
    assertEquals("1", Checkpoint.read(file).metadata().get("step"), "the previous checkpoint still loads");
    next.save(file);
    assertEquals("2", Checkpoint.read(file).metadata().get("step"), "and the next save that completes replaces it");
  }

  /** Passes {@code limit} bytes on, then throws the kind of failure named. */
  private static OutputStream failingAfter(OutputStream out, long limit, String kind) {
    return CutStreams.after(out, limit, (under, written) -> {
      String message = kind + " (simulated) after " + written + " bytes";
      switch (kind) {
        case "disk full" -> throw new IOException(message);
        case "a bug" -> throw new IllegalStateException(message);
        default -> throw new OutOfMemoryError(message);
      }
    });
  }

  private void assertOnlyFile(Path file) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "the temporary file is removed");
    }
  }

  @Test
  void aProcessKilledHalfWayThroughASaveLeavesThePreviousCheckpointLoadable() throws Exception {
    Path file = dir.resolve("run.safetensors");
    checkpointAfter(1).save(file);
    byte[] good = Files.readAllBytes(file);

    Process child = new ProcessBuilder(javaCommand(file, 5000)).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes());
    assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the child process ends");
    assertEquals(CrashingSave.HALTED, child.exitValue(), "the child halted mid-save: " + output);

    assertArrayEquals(good, Files.readAllBytes(file), "the checkpoint is untouched");
    Checkpoint read = Checkpoint.read(file);
    assertEquals("1", read.metadata().get("step"));
    TrainingRun resumed = new TrainingRun(77, 6, true, true);
    read.restore(resumed.model, resumed.optimizer);
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> left = files.filter(p -> !p.equals(file)).toList();
      assertEquals(1, left.size(), "a crash cannot remove its temporary file: " + left);
      assertTrue(left.get(0).getFileName().toString().matches("\\.run\\.safetensors\\.[0-9a-f]+\\.tmp"), left.toString());
      assertEquals(5000, Files.size(left.get(0)), "it holds the bytes written before the crash");
    }
  }

  @Test
  void theNextSaveRemovesWhatCrashedSavesLeftAndNothingElse() throws IOException {
    Path file = dir.resolve("run.safetensors");
    FileTime anHourAgo = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
    Path crashed = Files.write(dir.resolve(".run.safetensors.9f3a0c11d2e4b5a6.tmp"), new byte[5000]);
    Files.setLastModifiedTime(crashed, anHourAgo);
    Path otherTarget = Files.write(dir.resolve(".other.safetensors.9f3a0c11d2e4b5a6.tmp"), new byte[10]);
    Files.setLastModifiedTime(otherTarget, anHourAgo);
    Path notOurs = Files.write(dir.resolve(".run.safetensors.notes.tmp"), new byte[10]);
    Files.setLastModifiedTime(notOurs, anHourAgo);
    Path inProgress = Files.write(dir.resolve(".run.safetensors.0123456789abcdef.tmp"), new byte[10]);

    checkpointAfter(1).save(file);

    assertFalse(Files.exists(crashed), "a crashed save's temporary file is removed by the next save");
    assertTrue(Files.exists(otherTarget), "another checkpoint's temporary file is not ours to remove");
    assertTrue(Files.exists(notOurs), "a file that only looks similar stays");
    assertTrue(Files.exists(inProgress), "a temporary file written just now may be another save in progress");
    assertEquals("1", Checkpoint.read(file).metadata().get("step"));
  }

  /** {@code java} with this JVM's class path and module options, running {@link CrashingSave}. */
  private static List<String> javaCommand(Path file, long haltAfter) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-modules") || arg.startsWith("-Xss")) {
        command.add(arg);
      }
    }
    command.addAll(List.of("--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
        CrashingSave.class.getName(), file.toString(), Long.toString(haltAfter)));
    return command;
  }
}
