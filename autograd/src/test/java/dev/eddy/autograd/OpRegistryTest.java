package dev.eddy.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public static differentiable op of the library (a public static method of a public class in
 * {@code dev.eddy.autograd} that takes Vars and returns a Var or Vars) has an entry in
 * {@link OpRegistry}, and so a gradient property; and every entry names a real op.
 */
class OpRegistryTest {

  /** The extension API itself is not an op. */
  private static final Set<Class<?>> NOT_OPS = Set.of(Op.class, Var.class, Tape.class, GradCheck.class);

  @Test
  void everyPublicOpHasARegistryEntry() throws Exception {
    Set<String> ops = publicOps();
    Set<String> registered = new HashSet<>();
    for (OpCase c : OpRegistry.all()) {
      assertTrue(registered.add(c.signature()), "registered twice: " + c.signature());
    }
    Set<String> missing = new TreeSet<>(ops);
    missing.removeAll(registered);
    assertTrue(missing.isEmpty(), "ops without a gradient property (add them to OpRegistry): " + missing);
    Set<String> stale = new TreeSet<>(registered);
    stale.removeAll(ops);
    assertTrue(stale.isEmpty(), "registry entries that match no public op: " + stale);
  }

  @Test
  void theScanFindsEveryFamily() throws Exception {
    Set<String> families = publicOps().stream().map(s -> s.substring(0, s.indexOf('.'))).collect(Collectors.toSet());
    assertEquals(Set.of("ElementwiseOps", "UnaryOps", "ReductionOps", "ShapeOps", "MatMulOps", "IndexOps", "NnOps", "Losses"),
        families);
  }

  @Test
  void signaturesAreReadable() {
    assertEquals("ShapeOps.concat(int,Var[])", signature(method(ShapeOps.class, "concat", int.class, Var[].class)));
    assertFalse(isOp(method(Var.class, "parameter", dev.eddy.tensor.Tensor.class)));
  }

  /** Signatures of all public static ops, found by scanning the compiled classes of the package. */
  static Set<String> publicOps() throws IOException, URISyntaxException, ClassNotFoundException {
    Path dir = Path.of(Var.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve(Var.class.getPackageName().replace('.', '/'));
    List<String> classNames;
    try (Stream<Path> files = Files.list(dir)) {
      classNames = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".class") && !n.contains("$"))
          .map(n -> Var.class.getPackageName() + "." + n.substring(0, n.length() - ".class".length()))
          .toList();
    }
    Set<String> ops = new TreeSet<>();
    for (String name : classNames) {
      Class<?> c = Class.forName(name);
      if (!Modifier.isPublic(c.getModifiers()) || NOT_OPS.contains(c)) {
        continue;
      }
      for (Method m : c.getDeclaredMethods()) {
        if (isOp(m)) {
          ops.add(signature(m));
        }
      }
    }
    return ops;
  }

  private static boolean isOp(Method m) {
    int mod = m.getModifiers();
    boolean returnsVars = m.getReturnType() == Var.class || m.getReturnType() == List.class || m.getReturnType() == Var[].class;
    boolean takesVars = Arrays.stream(m.getParameterTypes()).anyMatch(t -> t == Var.class || t == Var[].class || t == List.class);
    return Modifier.isPublic(mod) && Modifier.isStatic(mod) && returnsVars && takesVars;
  }

  private static String signature(Method m) {
    return m.getDeclaringClass().getSimpleName() + "." + m.getName() + "("
        + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(",")) + ")";
  }

  private static Method method(Class<?> c, String name, Class<?>... params) {
    try {
      return c.getMethod(name, params);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }
}
