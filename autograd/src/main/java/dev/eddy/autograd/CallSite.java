package dev.eddy.autograd;

import java.security.CodeSource;
import java.util.Objects;

/**
 * Where in the user's code an op was called: the stack from the first frame outside this library,
 * the packages marked {@link LibraryCode} and the JDK outward. Captured only in anomaly mode, because
 * walking the stack costs microseconds.
 */
final class CallSite {
  private static final CodeSource OWN = Var.class.getProtectionDomain().getCodeSource();

  /** Whether a frame of this class belongs to the library (or the JDK) rather than to the user. */
  private static final ClassValue<Boolean> LIBRARY = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> c) {
      String name = c.getName();
      if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
        return true;
      }
      if (OWN == null) {
        return c.getPackageName().equals(Var.class.getPackageName());
      }
      return Objects.equals(OWN, c.getProtectionDomain().getCodeSource()) || inLibraryPackage(c);
    }
  };

  /** Whether {@code c} comes from the jar or folder of a {@link LibraryCode} declaration of its package. */
  private static boolean inLibraryPackage(Class<?> c) {
    Package p = c.getPackage();
    if (p == null || !p.isAnnotationPresent(LibraryCode.class)) {
      return false;
    }
    try {
      Class<?> info = Class.forName(p.getName() + ".package-info", false, c.getClassLoader());
      return Objects.equals(info.getProtectionDomain().getCodeSource(), c.getProtectionDomain().getCodeSource());
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private final StackTraceElement[] frames;

  private CallSite(StackTraceElement[] frames) {
    this.frames = frames;
  }

  static CallSite capture() {
    return new CallSite(WALKER.walk(s -> s.dropWhile(f -> LIBRARY.get(f.getDeclaringClass()))
        .map(StackWalker.StackFrame::toStackTraceElement)
        .toArray(StackTraceElement[]::new)));
  }

  /** The innermost user frame, e.g. {@code com.acme.Model.forward(Model.java:42)}. */
  String userFrame() {
    return frames.length == 0 ? "(no caller outside the library)" : frames[0].toString();
  }

  /** A throwable carrying the user's part of the stack, to attach as the cause of an error. */
  Throwable asCause(String op) {
    Throwable t = new Throwable("forward call of op '" + op + "'", null, false, true) {};
    t.setStackTrace(frames);
    return t;
  }
}
