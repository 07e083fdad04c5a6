package dev.eddy.examples;

import dev.eddy.io.Json;
import dev.eddy.io.SafeTensors;
import dev.eddy.io.SafeTensorsEntry;
import dev.eddy.io.SafeTensorsException;
import dev.eddy.io.SafeTensorsHeader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code eddy inspect FILE.safetensors}: name, dtype, shape, byte size and offsets of every tensor,
 * then the metadata, read from the header alone. A malformed file prints one line
 * {@code eddy inspect: FILE: what is wrong} to stderr and exits with status 2.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "Lists the tensors (name, dtype, shape, bytes, offsets) and metadata of a safetensors file,"
        + " from its header alone; exits with status 2 if the file is malformed.")
public final class InspectCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "a .safetensors file")
  Path file;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    SafeTensorsHeader header;
    try {
      header = SafeTensors.inspect(file);
    } catch (IOException e) {
      spec.commandLine().getErr().println("eddy inspect: " + file + ": " + problem(e));
      return 2;
    }
    print(header, spec.commandLine().getOut());
    return 0;
  }

  private static String problem(IOException e) {
    return switch (e) {
      case SafeTensorsException s -> s.problem();
      case NoSuchFileException n -> "no such file";
      case AccessDeniedException a -> "permission denied";
      default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    };
  }

  private void print(SafeTensorsHeader header, PrintWriter out) {
    long dataBytes = header.fileSize() - header.dataStart();
    out.printf("%s: %d tensors, %d bytes of data, %d-byte header%n", file, header.tensors().size(), dataBytes,
        header.headerLength());
    int nameWidth = "name".length();
    int shapeWidth = "shape".length();
    for (SafeTensorsEntry t : header.tensors()) {
      nameWidth = Math.max(nameWidth, shown(t.name()).length());
      shapeWidth = Math.max(shapeWidth, t.shape().toString().length());
    }
    String row = "  %-" + nameWidth + "s  %-7s %-" + shapeWidth + "s %12s  %s%n";
    if (!header.tensors().isEmpty()) {
      out.printf(row, "name", "dtype", "shape", "bytes", "offsets");
    }
    for (SafeTensorsEntry t : header.tensors()) {
      out.printf(row, shown(t.name()), t.dtype(), t.shape(), t.byteSize(), "[" + t.begin() + ", " + t.end() + "]");
    }
    if (!header.metadata().isEmpty()) {
      out.println("metadata:");
      for (Map.Entry<String, String> m : header.metadata().entrySet()) {
        out.printf("  %s: %s%n", shown(m.getKey()), shown(m.getValue()));
      }
    }
    out.flush();
  }

  /** The string as is, or as a JSON literal if it has control characters or edge spaces. */
  private static String shown(String s) {
    boolean plain = s.equals(s.strip()) && !s.isEmpty() && s.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    return plain ? s : Json.write(s);
  }
}
