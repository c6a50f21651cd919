package dev.mallory.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A target as targets metadata lists it (TARGETS entries).
 *
 * @param length exact length in bytes; the download cap and the first check of 5.7
 * @param hashes algorithm name to lower-case hex digest; at least one is required
 * @param custom application data, signed with the rest; {@code null} when absent
 */
public record TargetFile(long length, Map<String, String> hashes, JsonNode custom) {
  public TargetFile {
    if (length < 0) {
      throw new InvalidMetadataException("target length must not be negative: " + length);
    }
    hashes = Checks.copy(hashes, "target hashes");
    if (hashes.isEmpty()) {
      throw new InvalidMetadataException("a target must list at least one hash");
    }
  }
}
