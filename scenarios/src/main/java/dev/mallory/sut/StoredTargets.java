package dev.mallory.sut;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a downloaded target in a client's target directory. Clients store targets differently:
 * tuf-js and python-tuf-style clients at {@code TDIR/<path>} (with subdirectories), sigstore-java
 * flat under the URL-encoded name ({@code dir%2Fsub.txt}), python-tuf under {@code quote(path, "")}.
 * All are tried; a name that would resolve outside TDIR is never read (the path is attacker
 * controlled in some scenarios). Reads are capped so a client that stored endless data cannot
 * exhaust the harness.
 */
public final class StoredTargets {
  /** The largest stored target Mallory reads back: above the naive clients' 64 MB cap. */
  public static final long MAX_READ_BYTES = 80L * 1024 * 1024;

  private StoredTargets() {}

  public static Optional<byte[]> find(Path targetDir, String targetPath) {
    Path base = targetDir.toAbsolutePath().normalize();
    for (String name : candidates(targetPath)) {
      Path file = base.resolve(name).normalize();
      if (!file.startsWith(base) || file.equals(base)) {
        continue;
      }
      if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        try {
          long size = Files.size(file);
          if (size > MAX_READ_BYTES) {
            // Too big to hold: hand back the first bytes; any comparison with the real target fails.
            try (var in = Files.newInputStream(file)) {
              return Optional.of(in.readNBytes((int) MAX_READ_BYTES));
            }
          }
          return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  static Set<String> candidates(String targetPath) {
    Set<String> names = new LinkedHashSet<>();
    names.add(targetPath);
    String formEncoded = URLEncoder.encode(targetPath, StandardCharsets.UTF_8);
    names.add(formEncoded);
    names.add(formEncoded.replace("+", "%20"));
    names.add(percentEncode(targetPath));
    return names;
  }

  /** RFC 3986 encoding of everything but the unreserved characters: python's {@code quote(p, "")}. */
  static String percentEncode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
