package dev.eddy.tensor.kernels;

/** Holds the kernels of the active backend; the Vector API class is loaded only if chosen. */
final class ActiveKernels {
  private ActiveKernels() {}

  static final Kernels INSTANCE = load();

  private static Kernels load() {
    if (Backend.active() == Backend.SCALAR) {
      return new ScalarKernels();
    }
    try {
      return (Kernels) Class.forName("dev.eddy.tensor.kernels.simd.VectorKernels")
          .getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException("Eddy kernels: the Vector API backend was chosen but could not be "
          + "loaded; run with -D" + Backend.PROPERTY + "=scalar to use the scalar kernels", e);
    }
  }
}
