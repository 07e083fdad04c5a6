package dev.eddy.examples.support;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of a command's option values. A bad value ends the run with one line on stderr naming the
 * option, the rule and the value (e.g. {@code --hidden must be at least 1, got 0}) and exit status 2
 * (see {@code OneLineErrors}).
 *
 * <pre>{@code
 * OptionChecks check = new OptionChecks(spec);
 * check.atLeast("--hidden", hidden, 1);
 * check.positive("--lr", lr);
 * }</pre>
 */
public final class OptionChecks {
  private final CommandLine commandLine;

  public OptionChecks(CommandSpec spec) {
    this.commandLine = spec.commandLine();
  }

  /** {@code value >= min}. */
  public void atLeast(String option, long value, long min) {
    if (value < min) {
      throw bad(option + " must be at least " + min + ", got " + value);
    }
  }

  /** {@code value <= max}. */
  public void atMost(String option, long value, long max) {
    if (value > max) {
      throw bad(option + " must be at most " + max + ", got " + value);
    }
  }

  /** A finite number above 0. */
  public void positive(String option, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw bad(option + " must be a positive number, got " + value);
    }
  }

  /** {@code lo <= value <= hi}. */
  public void inRange(String option, double value, double lo, double hi) {
    if (!(value >= lo && value <= hi)) {
      throw bad(option + " must be in [" + lo + ", " + hi + "], got " + value);
    }
  }

  /** The exception for any other rule: {@code throw check.bad("--csv needs --column NAME")}. */
  public ParameterException bad(String message) {
    return new ParameterException(commandLine, message);
  }
}
