package dev.eddy.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file all at once: readers see the old contents or the new, never a mix, and a failed
 * write (an exception from the content, a full disk, a crash) leaves the old file as it was.
 *
 * <p>The content goes to a temporary file beside the target ({@code .NAME.RANDOM.tmp}, same directory
 * so the final rename cannot cross file systems), is forced to the device, then renamed over the
 * target with {@link StandardCopyOption#ATOMIC_MOVE}; the directory is then forced too (best effort:
 * not every platform can). On any failure the temporary file is deleted and the exception propagates.
 *
 * <p>A crash (a killed process, a power cut) cannot delete its temporary file. The next successful
 * write to the same target removes such leftovers: files named {@code .NAME.HEX.tmp} beside it that
 * were last modified before that write began (a write still in progress elsewhere keeps touching
 * its own file, so it is left alone).
 */
public final class AtomicFiles {

  /** Writes a file's contents to a stream. */
  @FunctionalInterface
  public interface Content {
    /** Writes everything to {@code out}; closing {@code out} is allowed and only flushes it. */
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /** Replaces {@code target} (created if absent) with what {@code content} writes. */
  public static void write(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    String name = absolute.getFileName().toString();
    FileTime started = FileTime.fromMillis(System.currentTimeMillis() - 1000); // file times may be coarse
    Path temp = createTemporary(dir, name);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        BufferedOutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        content.writeTo(new FilterOutputStream(buffered) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
          }

          @Override
          public void close() throws IOException {
            flush();
          }
        });
        buffered.flush();
        channel.force(true);
      }
      Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (Throwable t) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        t.addSuppressed(e);
      }
      throw t;
    }
    forceDirectory(dir);
    removeLeftovers(dir, name, started);
  }

  /** Deletes what crashed writes to {@code name} left in {@code dir}: {@code .NAME.HEX.tmp} older than {@code before}. */
  private static void removeLeftovers(Path dir, String name, FileTime before) {
    String prefix = "." + name + ".";
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String file = entry.getFileName().toString();
        if (file.startsWith(prefix) && file.endsWith(".tmp")
            && isHex(file.substring(prefix.length(), file.length() - ".tmp".length()))
            && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
            && Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).compareTo(before) < 0) {
          Files.deleteIfExists(entry);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // Best effort: the new file is in place; a leftover that cannot be removed harms nothing.
    }
  }

  private static boolean isHex(String s) {
    if (s.isEmpty() || s.length() > 16) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static Path createTemporary(Path dir, String name) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path temp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
      try {
        return Files.createFile(temp);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 9) {
          throw e;
        }
      }
    }
  }

  /** Makes the rename itself durable where the platform allows opening a directory (Linux, macOS). */
  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException notSupported) {
      // Windows cannot open a directory; the rename has happened, only its durability is less certain.
    }
  }
}
