package dev.mallory.client;

import dev.mallory.client.errors.LengthOrHashMismatchException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Length and hash checks against what a parent role pinned. Every listed hash must match, and an
 * algorithm this client does not know fails closed (conformance
 * test_download_with_unknown_hash_algorithm).
 */
final class Hashes {
  private Hashes() {}

  /** A running digest of every algorithm listed, fed as bytes stream in. */
  static final class Digests {
    private final String subject;
    private final Map<String, MessageDigest> digests = new LinkedHashMap<>();
    private final Map<String, String> expected;
    private long length;

    Digests(String subject, Map<String, String> expected) {
      this.subject = subject;
      this.expected = expected;
      for (String algorithm : expected.keySet()) {
        Optional<MessageDigest> digest = digest(algorithm);
        if (digest.isEmpty()) {
          throw new LengthOrHashMismatchException(subject, "hash " + algorithm, "an unsupported hash algorithm");
        }
        digests.put(algorithm, digest.get());
      }
    }

    void update(byte[] bytes, int offset, int count) {
      length += count;
      for (MessageDigest d : digests.values()) {
        d.update(bytes, offset, count);
      }
    }

    /** Checks the listed length (if any) and every listed hash. */
    void verify(OptionalLong expectedLength) {
      if (expectedLength.isPresent() && expectedLength.getAsLong() != length) {
        throw new LengthOrHashMismatchException(subject, "length=" + expectedLength.getAsLong(), "length=" + length);
      }
      for (Map.Entry<String, MessageDigest> e : digests.entrySet()) {
        String actual = HexFormat.of().formatHex(e.getValue().digest());
        String want = expected.get(e.getKey());
        if (!MessageDigest.isEqual(actual.getBytes(), want.toLowerCase(java.util.Locale.ROOT).getBytes())) {
          throw new LengthOrHashMismatchException(subject, e.getKey() + "=" + want, e.getKey() + "=" + actual);
        }
      }
    }
  }

  static void verify(String subject, byte[] data, OptionalLong length, Map<String, String> hashes) {
    Digests digests = new Digests(subject, hashes);
    digests.update(data, 0, data.length);
    digests.verify(length);
  }

  static Optional<MessageDigest> digest(String algorithm) {
    String jca =
        switch (algorithm) {
          case "sha256" -> "SHA-256";
          case "sha384" -> "SHA-384";
          case "sha512" -> "SHA-512";
          case "sha224" -> "SHA-224";
          case "sha512_256", "sha512-256" -> "SHA-512/256";
          default -> null;
        };
    if (jca == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(MessageDigest.getInstance(jca));
    } catch (NoSuchAlgorithmException e) {
      return Optional.empty();
    }
  }

  static String sha256Hex(byte[] data) {
    return HexFormat.of().formatHex(digest("sha256").orElseThrow().digest(data));
  }
}
