package dev.eddy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No Eddy class uses Java serialization: none implements {@code Serializable} or
 * {@code Externalizable} itself, and none refers to {@code ObjectInputStream} or
 * {@code ObjectOutputStream}. Files from elsewhere are only ever read as safetensors and JSON.
 *
 * <p>The check reads the compiled classes of every module on the class path (directories or jars):
 * the interfaces each declares, and the classes of its constant pool, where any use of a class must
 * appear. (Exceptions are serializable through {@link Throwable}; that is the JDK's, and Eddy never
 * serializes them.)
 */
class NoJavaSerializationTest {
  private static final List<String> MARKERS = List.of("java/io/Serializable", "java/io/Externalizable");
  private static final List<String> STREAMS = List.of("java/io/ObjectInputStream", "java/io/ObjectOutputStream");
  private static final List<String> PACKAGES = List.of("dev/eddy/tensor/", "dev/eddy/autograd/", "dev/eddy/nn/",
      "dev/eddy/optim/", "dev/eddy/io/", "dev/eddy/examples/");

  @Test
  void noClassOfAnyModuleUsesJavaSerialization() throws IOException, URISyntaxException {
    Map<String, byte[]> classes = new TreeMap<>();
    for (URL root : Collections.list(getClass().getClassLoader().getResources("dev/eddy"))) {
      collect(root, classes);
    }
    for (String pkg : PACKAGES) {
      assertTrue(classes.keySet().stream().anyMatch(name -> name.startsWith(pkg)), "scanned no class of " + pkg);
    }
    List<String> offenders = new ArrayList<>();
    for (Map.Entry<String, byte[]> c : classes.entrySet()) {
      if (!c.getKey().equals(SERIALIZED)) {
        offenders.addAll(uses(c.getKey(), ClassFileRefs.of(c.getValue())));
      }
    }
    assertEquals(List.of(), offenders);
  }

  /** What in class {@code name} is Java serialization, one line each. */
  private static List<String> uses(String name, ClassFileRefs refs) {
    List<String> found = new ArrayList<>();
    refs.interfaces().stream().filter(MARKERS::contains).forEach(i -> found.add(name + " implements " + i));
    refs.classes().stream().filter(STREAMS::contains).forEach(s -> found.add(name + " uses " + s));
    return found;
  }

  /** Adds every {@code .class} under {@code dev/eddy} of a class-path root (a folder or a jar). */
  private static void collect(URL root, Map<String, byte[]> classes) throws IOException, URISyntaxException {
    if (root.getProtocol().equals("jar")) {
      JarURLConnection connection = (JarURLConnection) root.openConnection();
      connection.setUseCaches(false);
      try (JarFile jar = connection.getJarFile()) {
        for (JarEntry e : Collections.list(jar.entries())) {
          if (e.getName().startsWith("dev/eddy/") && e.getName().endsWith(".class")) {
            try (InputStream in = jar.getInputStream(e)) {
              classes.put(e.getName(), in.readAllBytes());
            }
          }
        }
      }
      return;
    }
    Path dir = Path.of(root.toURI());
    Path base = dir.getParent().getParent();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        classes.put(base.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
  }

  /** The check can fail: it finds both kinds of use in a class made to have them (which the scan skips). */
  @Test
  void theCheckRecognizesSerialization() throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(SERIALIZED)) {
      assertEquals(List.of(SERIALIZED + " implements java/io/Serializable", SERIALIZED + " uses java/io/ObjectOutputStream"),
          uses(SERIALIZED, ClassFileRefs.of(in.readAllBytes())));
    }
  }

  private static final String SERIALIZED = Serialized.class.getName().replace('.', '/') + ".class";

  /** Everything the scan must refuse, in one class. */
  static final class Serialized implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    static void write(java.io.OutputStream out) throws IOException {
      new java.io.ObjectOutputStream(out).writeObject(new Serialized());
    }
  }
}
