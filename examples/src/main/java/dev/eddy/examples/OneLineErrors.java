package dev.eddy.examples;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import picocli.CommandLine;

/**
 * How every {@code eddy} command reports a failure: one line on stderr and a non-zero exit status,
 * never a usage screen or a stack trace.
 *
 * <ul>
 *   <li>A bad command line (unknown option, a value of the wrong type, a value a command rejects
 *       with a {@link CommandLine.ParameterException}): picocli's message, which names the option and
 *       the value, alone on one line (with the closest options for a misspelt one); status 2.
 *   <li>An exception while a command runs (a file that cannot be read, a library argument check):
 *       {@code eddy <command>: <message>}; status 1. Run with {@code -Deddy.stacktrace=true} to get the
 *       stack trace as well.
 * </ul>
 */
final class OneLineErrors {
  private OneLineErrors() {}

  /** Installs both handlers on {@code commandLine} (and so on its sub-commands); returns it. */
  static CommandLine install(CommandLine commandLine) {
    commandLine.setParameterExceptionHandler((e, args) -> {
      CommandLine failed = e.getCommandLine();
      List<String> suggestions = e instanceof CommandLine.UnmatchedArgumentException u ? u.getSuggestions() : List.of();
      print(failed.getErr(), e.getMessage() + (suggestions.isEmpty() ? "" : "; did you mean "
          + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))) + "?"));
      return failed.getCommandSpec().exitCodeOnInvalidInput();
    });
    commandLine.setExecutionExceptionHandler((e, failed, parsed) -> {
      print(failed.getErr(), failed.getCommandSpec().qualifiedName() + ": " + describe(e));
      if (Boolean.getBoolean("eddy.stacktrace")) {
        e.printStackTrace(failed.getErr());
        failed.getErr().flush();
      }
      return failed.getCommandSpec().exitCodeOnExecutionException();
    });
    return commandLine;
  }

  /** What went wrong, in one line: the message, or for the file errors whose message is a bare path, path and reason. */
  static String describe(Exception e) {
    String reason = switch (e) {
      case NoSuchFileException n -> "no such file";
      case AccessDeniedException a -> "permission denied";
      case FileSystemException f when f.getReason() != null -> f.getReason();
      default -> null;
    };
    if (reason != null) {
      return ((FileSystemException) e).getFile() + ": " + reason;
    }
    return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static void print(PrintWriter err, String message) {
    err.println(message == null ? "invalid arguments" : message.strip().replaceAll("\\s*\\R\\s*", "; "));
    err.flush();
  }
}
