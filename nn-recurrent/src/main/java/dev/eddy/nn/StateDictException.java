package dev.eddy.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * A state dict did not fit a module: every missing name, unexpected name and wrong shape is listed
 * in the message and available from the accessors.
 */
public final class StateDictException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> missing;
  private final List<String> unexpected;
  private final List<String> wrongShapes;

  StateDictException(String module, List<String> missing, List<String> unexpected, List<String> wrongShapes) {
    super(message(module, missing, unexpected, wrongShapes));
    this.missing = List.copyOf(missing);
    this.unexpected = List.copyOf(unexpected);
    this.wrongShapes = List.copyOf(wrongShapes);
  }

  private static String message(String module, List<String> missing, List<String> unexpected, List<String> wrong) {
    List<String> parts = new ArrayList<>();
    if (!missing.isEmpty()) {
      parts.add("missing " + missing);
    }
    if (!unexpected.isEmpty()) {
      parts.add("unexpected " + unexpected);
    }
    if (!wrong.isEmpty()) {
      parts.add("wrong shape " + wrong);
    }
    return module + ".loadStateDict: " + String.join("; ", parts);
  }

  /** Parameter names the state dict lacks. */
  public List<String> missing() {
    return missing;
  }

  /** Names in the state dict that the module does not have. */
  public List<String> unexpected() {
    return unexpected;
  }

  /** One entry per name whose shape differs: {@code "name: expected [..], got [..]"}. */
  public List<String> wrongShapes() {
    return wrongShapes;
  }
}
