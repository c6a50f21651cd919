package dev.mallory.registry.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes ustar archives, with a pax {@code path}/{@code linkpath} record when a name does not fit.
 * It writes whatever it is told, hostile entries included ({@code ../x}, absolute paths, links out,
 * devices): it is how tests build the archives the unpacker must refuse.
 */
public final class TarWriter implements AutoCloseable {
  private static final int BLOCK = 512;
  private final OutputStream out;
  private final long mtime;

  /** @param mtime seconds since the epoch for every entry (fixed, so layers are reproducible) */
  public TarWriter(OutputStream out, long mtime) {
    this.out = out;
    this.mtime = mtime;
  }

  public TarWriter file(String name, byte[] data) {
    return file(name, 0644, data);
  }

  public TarWriter file(String name, int mode, byte[] data) {
    header(name, TarEntry.FILE, mode, data.length, "");
    write(data);
    write(new byte[(int) ((BLOCK - data.length % BLOCK) % BLOCK)]);
    return this;
  }

  /** A regular file whose data comes from a callback writing exactly {@code size} bytes. */
  public TarWriter file(String name, long size, DataWriter data) {
    header(name, TarEntry.FILE, 0644, size, "");
    try {
      data.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    write(new byte[(int) ((BLOCK - size % BLOCK) % BLOCK)]);
    return this;
  }

  public TarWriter directory(String name) {
    header(name.endsWith("/") ? name : name + "/", TarEntry.DIRECTORY, 0755, 0, "");
    return this;
  }

  public TarWriter symlink(String name, String target) {
    header(name, TarEntry.SYMLINK, 0777, 0, target);
    return this;
  }

  public TarWriter hardlink(String name, String target) {
    header(name, TarEntry.HARDLINK, 0644, 0, target);
    return this;
  }

  /** Any header-only entry type ({@link TarEntry#CHAR_DEVICE}, {@link TarEntry#FIFO}, ...). */
  public TarWriter special(String name, char type) {
    header(name, type, 0600, 0, "");
    return this;
  }

  /** Writes the two zero blocks that end the archive (the stream is not closed). */
  @Override
  public void close() {
    write(new byte[2 * BLOCK]);
  }

  /** Writes an entry's data. */
  @FunctionalInterface
  public interface DataWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  private void header(String name, char type, int mode, long size, String link) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    byte[] linkBytes = link.getBytes(StandardCharsets.UTF_8);
    if (nameBytes.length > 100 || linkBytes.length > 100) {
      StringBuilder pax = new StringBuilder();
      if (nameBytes.length > 100) {
        pax.append(paxRecord("path", name));
      }
      if (linkBytes.length > 100) {
        pax.append(paxRecord("linkpath", link));
      }
      byte[] data = pax.toString().getBytes(StandardCharsets.UTF_8);
      write(block("PaxHeader", 'x', 0644, data.length, ""));
      write(data);
      write(new byte[(BLOCK - data.length % BLOCK) % BLOCK]);
    }
    write(block(name, type, mode, size, link));
  }

  private byte[] block(String name, char type, int mode, long size, String link) {
    byte[] h = new byte[BLOCK];
    put(h, 0, 100, name);
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, mtime);
    h[156] = (byte) type;
    put(h, 157, 100, link);
    put(h, 257, 6, "ustar");
    h[263] = '0';
    h[264] = '0';
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    return h;
  }

  private static String paxRecord(String key, String value) {
    String body = " " + key + "=" + value + "\n";
    int len = body.getBytes(StandardCharsets.UTF_8).length;
    int total = len + String.valueOf(len).length();
    if (String.valueOf(total).length() != String.valueOf(len).length()) {
      total++;
    }
    return total + body;
  }

  private static void put(byte[] h, int off, int len, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, off, Math.min(len, b.length));
  }

  private static void octal(byte[] h, int off, int len, long v) {
    String s = Long.toOctalString(v);
    if (s.length() > len - 1) {
      throw new IllegalArgumentException("value " + v + " does not fit a " + len + "-byte tar field");
    }
    put(h, off, len - 1, "0".repeat(len - 1 - s.length()) + s);
  }

  private void write(byte[] b) {
    try {
      out.write(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
