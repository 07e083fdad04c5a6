package dev.eddy.tensor.kernels;

import java.lang.System.Logger.Level;

/**
 * Which kernel implementation runs: the plain scalar reference or the Vector API one.
 *
 * <p>Chosen once, on first use: the system property {@code eddy.kernels} ({@code scalar} or
 * {@code vector}) forces a choice; otherwise the Vector API is used when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}. The choice is logged once. Asking for {@code vector}
 * without the module is an error, never a silent fallback.
 */
public enum Backend {
  SCALAR,
  VECTOR;

  /** The system property that forces a backend. */
  public static final String PROPERTY = "eddy.kernels";

  private static final Backend ACTIVE = choose();

  /** The backend this JVM uses. */
  public static Backend active() {
    return ACTIVE;
  }

  /** Whether the JVM was started with {@code --add-modules jdk.incubator.vector}. */
  public static boolean vectorModulePresent() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  private static Backend choose() {
    System.Logger log = System.getLogger("dev.eddy.tensor");
    String forced = System.getProperty(PROPERTY, "").trim().toLowerCase(java.util.Locale.ROOT);
    boolean present = vectorModulePresent();
    Backend chosen;
    switch (forced) {
      case "" -> {
        chosen = present ? VECTOR : SCALAR;
        if (!present) {
          log.log(Level.WARNING, "Eddy kernels: scalar, because the Vector API module is missing; "
              + "start the JVM with --add-modules jdk.incubator.vector for SIMD kernels");
          return chosen;
        }
      }
      case "scalar" -> chosen = SCALAR;
      case "vector" -> {
        if (!present) {
          throw new IllegalStateException("-D" + PROPERTY + "=vector needs the Vector API module: "
              + "start the JVM with --add-modules jdk.incubator.vector");
        }
        chosen = VECTOR;
      }
      default -> throw new IllegalStateException("-D" + PROPERTY + " must be 'scalar' or 'vector', got '"
          + forced + "'");
    }
    log.log(Level.INFO, "Eddy kernels: " + chosen.name().toLowerCase(java.util.Locale.ROOT)
        + (forced.isEmpty() ? "" : " (forced by -D" + PROPERTY + ")"));
    return chosen;
  }
}
