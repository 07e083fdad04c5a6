package dev.eddy.examples.support;

import dev.eddy.examples.Eddy;
import dev.eddy.io.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * One {@code eddy} command run in-process with stdout and stderr captured, for end-to-end tests.
 *
 * @param exit the exit status
 * @param out what the command printed on stdout
 * @param err what it printed on stderr
 */
public record CommandRun(int exit, String out, String err) {

  /** Runs {@code eddy args...}. */
  public static CommandRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Eddy.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new CommandRun(exit, out.toString(), err.toString());
  }

  /** The lines of stdout. */
  public List<String> lines() {
    return out.lines().toList();
  }

  /** The last line of stdout (where {@code --json} puts its summary). */
  public String lastLine() {
    List<String> lines = lines();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  /** The first line of stdout that starts with {@code prefix}; fails the test, showing the run, if none does. */
  public String line(String prefix) {
    return lines().stream().filter(l -> l.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in\n" + this));
  }

  /** The last line of stdout (the {@code --json} summary) read as a JSON object. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> json() {
    return (Map<String, Object>) Json.parse(lastLine());
  }

  /** stdout and stderr, for assertion messages. */
  @Override
  public String toString() {
    return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
