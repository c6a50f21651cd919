package dev.mallory.client;

import dev.mallory.client.errors.UnsafePathException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Remote-controlled names made safe for URLs and file names. Role names and target paths are
 * percent-encoded exactly like python-tuf's {@code quote(name, "")} (CVE-2021-41131, tuf-js #783),
 * and every local path is checked to stay inside its directory after resolution.
 */
final class Names {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Names() {}

  /** {@code urllib.parse.quote(s, safe="")}: everything but {@code A-Za-z0-9_.-~} is encoded. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '_' || c == '.' || c == '-' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }

  /**
   * A path for a URL: each {@code /}-separated segment quoted, and dot segments encoded so no
   * client or proxy normalises them away ({@code ../x} stays inside the base URL).
   */
  static String quotePath(String path) {
    StringBuilder out = new StringBuilder();
    String[] segments = path.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        out.append('/');
      }
      String s = segments[i];
      out.append(s.equals(".") ? "%2E" : s.equals("..") ? "%2E%2E" : quote(s));
    }
    return out.toString();
  }

  /** The local file for a remote name, confined to {@code dir}. */
  static Path confined(Path dir, String fileName, String original) {
    if (fileName.isEmpty() || fileName.equals(".") || fileName.equals("..")) {
      throw new UnsafePathException(original, "encodes to the file name '" + fileName + "'");
    }
    if (fileName.getBytes(StandardCharsets.UTF_8).length > 255) {
      throw new UnsafePathException(original, "encodes to a file name longer than 255 bytes");
    }
    Path base = dir.toAbsolutePath().normalize();
    Path resolved = base.resolve(fileName).normalize();
    if (!resolved.startsWith(base) || resolved.equals(base) || !resolved.getParent().equals(base)) {
      throw new UnsafePathException(original, "resolves outside " + base);
    }
    return resolved;
  }
}
