package dev.mallory.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content address {@code sha256:<64 lower-case hex>}. Only SHA-256 is accepted: it is what
 * Docker Content Trust signs (targets {@code hashes.sha256}) and what every registry supports, and
 * refusing other algorithms keeps a weaker one from being smuggled in.
 */
public record Digest(String hex) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
  public static final String PREFIX = "sha256:";

  public Digest {
    if (hex == null || !HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a lower-case hex SHA-256: " + hex);
    }
  }

  /** Parses {@code sha256:<hex>}; throws {@link IllegalArgumentException} on anything else. */
  public static Digest parse(String s) {
    if (s == null || !s.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a sha256 digest: " + s);
    }
    return new Digest(s.substring(PREFIX.length()));
  }

  public static boolean isDigest(String s) {
    return s != null && s.startsWith(PREFIX) && HEX.matcher(s.substring(PREFIX.length())).matches();
  }

  public static Digest of(byte[] bytes) {
    return new Digest(HexFormat.of().formatHex(sha256().digest(bytes)));
  }

  public static Digest of(MessageDigest finished) {
    return new Digest(HexFormat.of().formatHex(finished.digest()));
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return PREFIX + hex;
  }
}
