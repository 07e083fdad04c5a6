package dev.eddy.nn.golden;

/** A golden case file could not be read or does not follow {@code pytorch-rnn-golden-v1}; the message says where. */
public final class GoldenFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  GoldenFormatException(String message) {
    super(message);
  }
}
