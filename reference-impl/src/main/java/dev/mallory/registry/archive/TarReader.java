package dev.mallory.registry.archive;

import dev.mallory.registry.errors.MalformedArchiveException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A minimal streaming reader of POSIX ustar / pax / GNU tar, just what image layers use. It never
 * trusts a header: checksums are verified, sizes bounded, pax and long-name records capped, and
 * the caller gets each entry's data as a stream limited to its size.
 */
public final class TarReader {
  private static final int BLOCK = 512;
  private static final int MAX_META = 1024 * 1024; // pax / GNU long-name records are small

  private final InputStream in;
  private final long maxEntrySize;
  private long remaining; // unread data bytes of the current entry
  private long padding;

  public TarReader(InputStream in, long maxEntrySize) {
    this.in = in;
    this.maxEntrySize = maxEntrySize;
  }

  /** The next entry, or empty at the end-of-archive marker. */
  public Optional<TarEntry> next() throws IOException {
    skip(remaining + padding);
    remaining = 0;
    padding = 0;
    String paxPath = null;
    String paxLink = null;
    Long paxSize = null;
    while (true) {
      byte[] h = in.readNBytes(BLOCK);
      if (h.length == 0) {
        throw new MalformedArchiveException("archive ends without an end-of-archive marker");
      }
      if (h.length < BLOCK) {
        throw new MalformedArchiveException("truncated tar header");
      }
      if (isZero(h)) {
        return Optional.empty(); // end-of-archive (a second zero block may follow; not needed)
      }
      verifyChecksum(h);
      char type = (char) h[156];
      long size = number(h, 124, 12);
      if (size < 0) {
        throw new MalformedArchiveException("negative entry size");
      }
      switch (type) {
        case 'x', 'g', 'L', 'K' -> {
          if (size > MAX_META) {
            throw new MalformedArchiveException("metadata record of " + size + " bytes");
          }
          byte[] data = readData(size);
          if (type == 'x') {
            String[] values = pax(data);
            paxPath = values[0] != null ? values[0] : paxPath;
            paxLink = values[1] != null ? values[1] : paxLink;
            paxSize = values[2] != null ? Long.valueOf(parseLong(values[2])) : paxSize;
          } else if (type == 'L') {
            paxPath = cString(data, 0, data.length);
          } else if (type == 'K') {
            paxLink = cString(data, 0, data.length);
          } // 'g' (global pax) carries nothing a layer needs; ignored
        }
        default -> {
          String name = cString(h, 0, 100);
          String prefix = cString(h, 345, 155);
          if (!prefix.isEmpty() && "ustar".equals(cString(h, 257, 5))) {
            name = prefix + "/" + name;
          }
          if (paxPath != null) {
            name = paxPath;
          }
          String link = paxLink != null ? paxLink : cString(h, 157, 100);
          long dataSize = paxSize != null ? paxSize : size;
          if (dataSize > maxEntrySize) {
            throw new MalformedArchiveException("entry " + name + " claims " + dataSize + " bytes");
          }
          TarEntry entry = new TarEntry(name, type, (int) number(h, 100, 8), dataSize, link);
          // Header-only types carry no data whatever their size field says (as Go's archive/tar reads them).
          boolean headerOnly = "123456".indexOf(type) >= 0;
          remaining = headerOnly ? 0 : dataSize;
          padding = headerOnly ? 0 : pad(dataSize);
          return Optional.of(entry);
        }
      }
    }
  }

  /** The current entry's data; reading it is optional (the rest is skipped by {@link #next}). */
  public InputStream data() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
          return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
          throw new MalformedArchiveException("entry data truncated");
        }
        remaining -= n;
        return n;
      }
    };
  }

  private byte[] readData(long size) throws IOException {
    byte[] data = in.readNBytes((int) size);
    if (data.length < size) {
      throw new MalformedArchiveException("truncated metadata record");
    }
    skip(pad(size));
    return data;
  }

  private void skip(long n) throws IOException {
    long left = n;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new MalformedArchiveException("archive truncated");
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }

  private static long pad(long size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  private static boolean isZero(byte[] h) {
    for (byte b : h) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static void verifyChecksum(byte[] h) {
    long stored = number(h, 148, 8);
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
    }
    if (sum != stored) {
      throw new MalformedArchiveException("tar header checksum mismatch");
    }
  }

  /** Octal (NUL/space padded) or GNU base-256 (high bit set on the first byte). */
  static long number(byte[] h, int off, int len) {
    if ((h[off] & 0x80) != 0) {
      if ((h[off] & 0x40) != 0) {
        return -1; // negative base-256
      }
      long v = h[off] & 0x3f;
      for (int i = 1; i < len; i++) {
        if (v > (Long.MAX_VALUE >> 8)) {
          throw new MalformedArchiveException("numeric field overflows");
        }
        v = (v << 8) | (h[off + i] & 0xff);
      }
      return v;
    }
    String s = cString(h, off, len).trim();
    if (s.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(s, 8);
    } catch (NumberFormatException e) {
      throw new MalformedArchiveException("bad numeric field '" + s + "'");
    }
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  /** pax records {@code "<len> key=value\n"}; returns path, linkpath, size (null when absent). */
  private static String[] pax(byte[] data) {
    String[] out = new String[3];
    int at = 0;
    while (at < data.length) {
      int space = indexOf(data, (byte) ' ', at);
      if (space < 0) {
        throw new MalformedArchiveException("bad pax record");
      }
      int len = (int) parseLong(new String(data, at, space - at, StandardCharsets.US_ASCII));
      if (len <= space - at || at + len > data.length) {
        throw new MalformedArchiveException("bad pax record length");
      }
      String record = new String(data, space + 1, at + len - space - 2, StandardCharsets.UTF_8);
      int eq = record.indexOf('=');
      if (eq > 0) {
        switch (record.substring(0, eq)) {
          case "path" -> out[0] = record.substring(eq + 1);
          case "linkpath" -> out[1] = record.substring(eq + 1);
          case "size" -> out[2] = record.substring(eq + 1);
          default -> { } // times, owners, xattrs: not applied
        }
      }
      at += len;
    }
    return out;
  }

  private static long parseLong(String s) {
    try {
      long v = Long.parseLong(s.trim());
      if (v < 0) {
        throw new MalformedArchiveException("negative number in pax record");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new MalformedArchiveException("bad number in pax record: " + s);
    }
  }

  private static int indexOf(byte[] b, byte x, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }
}
