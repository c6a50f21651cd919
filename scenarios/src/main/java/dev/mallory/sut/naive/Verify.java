package dev.mallory.sut.naive;

import dev.mallory.crypto.KeyEncoding;
import dev.mallory.crypto.ThresholdCheck;
import dev.mallory.dialect.Dialect;
import dev.mallory.model.InvalidMetadataException;
import dev.mallory.model.Key;
import dev.mallory.model.Metadata;
import dev.mallory.model.MetadataFormatException;
import dev.mallory.model.Role;
import dev.mallory.model.Signed;
import dev.mallory.client.errors.Reason;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The checks the naive clients share, each refusing with the specification's words. */
final class Verify {
  private Verify() {}

  /** Parses metadata of one role; a file of another role is WRONG_METADATA_TYPE (B4). */
  static <T extends Signed> Metadata<T> parse(byte[] raw, Class<T> type, String what) throws Refusal {
    Metadata<? extends Signed> metadata;
    try {
      metadata = Dialect.TUF_1_0.parse(raw);
    } catch (MetadataFormatException e) {
      throw new Refusal(Reason.INVALID_METADATA, what + " is malformed: " + e.getMessage(), e);
    }
    try {
      return metadata.as(type);
    } catch (InvalidMetadataException e) {
      throw new Refusal(Reason.WRONG_METADATA_TYPE, what + " has the wrong _type: " + e.getMessage(), e);
    }
  }

  /** 5.3.4, 5.4.2, 5.5.3, 5.6.3: a threshold of distinct trusted keys signed exactly these bytes. */
  static void threshold(Metadata<?> metadata, Map<String, Key> keys, Role role, String what) throws Refusal {
    ThresholdCheck.Result result =
        ThresholdCheck.count(metadata.signedBytes(), metadata.signatures(), keys, role.keyIds(), role.threshold(), KeyEncoding.TUF);
    if (!result.reached()) {
      throw new Refusal(Reason.MISSING_SIGNATURES, what + " was signed by " + result.valid() + "/" + role.threshold() + " keys");
    }
  }

  /** 5.4.4, 5.5.6, 5.6.5, 5.3.10: expired when {@code expires <= referenceTime}. */
  static void notExpired(Signed signed, Instant referenceTime, String what) throws Refusal {
    if (signed.isExpiredAt(referenceTime)) {
      throw new Refusal(Reason.EXPIRED, what + " is expired (expires " + signed.expires() + ")");
    }
  }

  /** 5.5.2, 5.6.2, 5.7: the length (if given) and every listed hash match; unknown algorithms fail closed. */
  static void lengthAndHashes(byte[] data, Long length, Map<String, String> hashes, String what) throws Refusal {
    if (length != null && data.length != length) {
      throw new Refusal(Reason.LENGTH_OR_HASH_MISMATCH, what + ": length mismatch, expected " + length + " bytes, got " + data.length);
    }
    for (Map.Entry<String, String> hash : hashes.entrySet()) {
      String observed = digest(hash.getKey(), data, what);
      if (!observed.equalsIgnoreCase(hash.getValue())) {
        throw new Refusal(Reason.LENGTH_OR_HASH_MISMATCH,
            what + ": observed " + hash.getKey() + " hash " + observed + " does not match expected hash " + hash.getValue());
      }
    }
  }

  static String digest(String algorithm, byte[] data, String what) throws Refusal {
    String jca = switch (algorithm) {
      case "sha256" -> "SHA-256";
      case "sha384" -> "SHA-384";
      case "sha512" -> "SHA-512";
      default -> throw new Refusal(Reason.LENGTH_OR_HASH_MISMATCH, what + ": unsupported hash algorithm " + algorithm + " (fails closed)");
    };
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has " + jca, e);
    }
  }

  static String sha256(byte[] data) {
    try {
      return digest("sha256", data, "data");
    } catch (Refusal e) {
      throw new IllegalStateException(e);
    }
  }

  /** A hash to name the consistent-snapshot file by: sha256 if listed, else the first listed. */
  static String namingHash(Map<String, String> hashes) {
    return hashes.containsKey("sha256") ? hashes.get("sha256") : List.copyOf(hashes.values()).get(0);
  }
}
