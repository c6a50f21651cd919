package dev.mallory.steps.world;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.json.CanonicalJson;
import dev.mallory.json.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two metadata files "the same file": the canonical form of their {@code signed}
 * object, which is what the signatures cover (spec 4.2). A client that re-serialises what it
 * stores (sigstore-java) still holds the same file; bytes that do not parse are compared raw.
 */
public final class MetadataIdentity {
  private MetadataIdentity() {}

  public static String of(byte[] bytes) {
    try {
      JsonNode signed = Json.parse(bytes).path("signed");
      if (signed.isObject()) {
        return "signed:" + sha256(CanonicalJson.encode(signed));
      }
    } catch (RuntimeException notJson) {
      // fall through: raw bytes
    }
    return "raw:" + sha256(bytes);
  }

  /** {@code signed.version} of a metadata file, or -1. */
  public static long version(byte[] bytes) {
    try {
      JsonNode v = Json.parse(bytes).path("signed").path("version");
      return v.canConvertToLong() ? v.asLong() : -1;
    } catch (RuntimeException notJson) {
      return -1;
    }
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
