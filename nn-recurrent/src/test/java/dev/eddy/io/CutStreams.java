package dev.eddy.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** An output stream cut at a chosen byte, to fail or kill a save part-way. */
final class CutStreams {
  private CutStreams() {}

  /** What happens at the cut: throw, or end the process. */
  @FunctionalInterface
  interface Cut {
    /** Called with the stream underneath once {@code written} bytes have reached it and more are coming. */
    void at(OutputStream out, long written) throws IOException;
  }

  /** Passes the first {@code limit} bytes on to {@code out}; the write that would go past them calls {@code cut}. */
  static OutputStream after(OutputStream out, long limit, Cut cut) {
    return new FilterOutputStream(out) {
      private long written;

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        int allowed = (int) Math.min(len, limit - written);
        out.write(b, off, allowed);
        written += allowed;
        if (allowed < len) {
          cut.at(out, written);
          throw new IllegalStateException("the cut at " + limit + " bytes returned");
        }
      }
    };
  }
}
