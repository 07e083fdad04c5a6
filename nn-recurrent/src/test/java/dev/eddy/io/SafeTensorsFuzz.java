package dev.eddy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.eddy.tensor.Tensor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Damages a valid safetensors file in one of many ways and checks that reading it either succeeds or
 * throws {@link SafeTensorsException}, within a time bound and allocating memory of the order of
 * the file's size, never of what its header claims.
 */
final class SafeTensorsFuzz {
  private static final Pattern NUMBER = Pattern.compile("\\d+");
  private static final Pattern STRING = Pattern.compile("\"[^\"]*\"");
  private static final String[] NUMBERS = {"0", "1", "-1", "7", "9223372036854775807", "9223372036854775808",
      "18446744073709551615", "18446744073709551616", "4294967296", "2147483647", "2147483648", "1e3", "1.5", "00",
      "-0", "0,3000000000", "0,0"};
  private static final String[] STRINGS = {"\"F32\"", "\"F64\"", "\"F16\"", "\"BF16\"", "\"I64\"", "\"U8\"",
      "\"F17\"", "\"\"", "\"dtype\"", "\"shape\"", "\"data_offsets\"", "\"__metadata__\"", "\"x\"", "1", "[]", "{}",
      "null"};
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private SafeTensorsFuzz() {}

  /** One damaged file from {@code seed}, read and inspected under the checks. */
  static void check(long seed, Path dir, int maxTensors) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    int n = r.nextInt(maxTensors + 1);
    for (int i = 0; i < n; i++) {
      tensors.put("t" + i, SafeTensorsPropertiesTest.randomTensor(r.nextLong()));
    }
    Map<String, String> metadata = r.nextBoolean() ? Map.of("k", "v") : null;
    byte[] damaged = damage(SafeTensorsFiles.bytes(tensors, metadata), r);
    Path file = dir.resolve("fuzz.safetensors");
    Files.write(file, damaged);
    // 64 bytes per file byte covers boxed shapes and strings of a header; the constant covers the
    // parser's fixed costs and exception stack traces.
    long allowed = 64L * damaged.length + (4 << 20);
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      SafeTensorsHeader header = null;
      SafeTensorsFile read = null;
      try {
        header = SafeTensors.inspect(file);
        read = SafeTensors.read(file);
      } catch (SafeTensorsException expected) {
        assertTrue(!expected.getMessage().contains("\n"), "one line: " + expected.getMessage());
      } catch (Throwable t) {
        fail("seed " + seed + ": " + t + " instead of a SafeTensorsException", t);
      }
      long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
      assertTrue(allocated <= allowed, "seed " + seed + ": allocated " + allocated + " bytes reading a "
          + damaged.length + "-byte file");
      if (read != null) {
        assertEquals(header.tensors().stream().map(SafeTensorsEntry::name).toList(),
            read.tensors().keySet().stream().toList());
      }
    });
  }

  /** {@code file} damaged in one of the ways listed in the class comment, chosen by {@code r}. */
  static byte[] damage(byte[] file, SplittableRandom r) {
    switch (r.nextInt(9)) {
      case 0 -> {
        return Arrays.copyOf(file, r.nextInt(file.length + 1));
      }
      case 1 -> {
        byte[] out = file.clone();
        for (int i = 1 + r.nextInt(8); i > 0; i--) {
          int at = r.nextInt(out.length);
          out[at] ^= (byte) (1 << r.nextInt(8));
        }
        return out;
      }
      case 2 -> {
        byte[] out = file.clone();
        long[] lengths = {-1, Long.MIN_VALUE, Long.MAX_VALUE, 100_000_000, 100_000_001, 0, 1, file.length,
            file.length - 8, r.nextLong(), headerLength(file) + r.nextInt(-9, 10)};
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(0, lengths[r.nextInt(lengths.length)]);
        return out;
      }
      case 3 -> {
        return withHeader(file, replaceOne(header(file), NUMBER, NUMBERS, r), r);
      }
      case 4 -> {
        return withHeader(file, replaceOne(header(file), STRING, STRINGS, r), r);
      }
      case 5 -> {
        // A duplicate of the first entry (or of anything up to the first '}').
        String h = header(file);
        int end = h.indexOf('}');
        String entry = end > 1 ? h.substring(1, end + 1) : "";
        String duplicated = h.length() > 2 ? "{" + entry + (entry.endsWith("}") ? "}," : ",") + h.substring(1) : h;
        return withHeader(file, duplicated, r);
      }
      case 6 -> {
        byte[] out = file.clone();
        int headerEnd = (int) Math.min(out.length, 8 + headerLength(file));
        if (headerEnd > 8) {
          out[8 + r.nextInt(headerEnd - 8)] = (byte) (0x80 + r.nextInt(0x80));
        }
        return out;
      }
      case 7 -> {
        byte[] extra = new byte[1 + r.nextInt(16)];
        byte[] out = Arrays.copyOf(file, file.length + extra.length);
        return out;
      }
      default -> {
        String h = header(file);
        int from = r.nextInt(h.length() + 1);
        int to = Math.min(h.length(), from + r.nextInt(12));
        return withHeader(file, h.substring(0, from) + h.substring(to), r);
      }
    }
  }

  private static long headerLength(byte[] file) {
    return ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
  }

  private static String header(byte[] file) {
    return new String(file, 8, (int) headerLength(file), StandardCharsets.UTF_8);
  }

  private static String replaceOne(String text, Pattern token, String[] replacements, SplittableRandom r) {
    Matcher m = token.matcher(text);
    int count = (int) m.results().count();
    if (count == 0) {
      return text;
    }
    int pick = r.nextInt(count);
    m.reset();
    for (int i = 0; i <= pick; i++) {
      m.find();
    }
    return text.substring(0, m.start()) + replacements[r.nextInt(replacements.length)] + text.substring(m.end());
  }

  /** The file with a new header; its length field updated, or (sometimes) left stale. */
  private static byte[] withHeader(byte[] file, String header, SplittableRandom r) {
    long oldLength = headerLength(file);
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    byte[] data = Arrays.copyOfRange(file, (int) (8 + oldLength), file.length);
    return SafeTensorsFiles.file(r.nextInt(4) == 0 ? oldLength : h.length, h, data);
  }
}
