package dev.mallory.model;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** Construction-time checks shared by the metadata records; each failure is an {@link InvalidMetadataException}. */
final class Checks {
  private Checks() {}

  static <T> T present(T value, String what) {
    if (value == null) {
      throw new InvalidMetadataException(what + " is missing");
    }
    return value;
  }

  // 4: "version ... an integer that is greater than 0".
  static void version(long version, String role) {
    if (version < 1) {
      throw new InvalidMetadataException(role + " version must be at least 1, found " + version);
    }
  }

  // 2.1.1: a threshold is "a positive integer"; zero would let unsigned metadata through
  // (go-tuf CVE-2026-23992).
  static void threshold(long threshold, String role) {
    if (threshold < 1) {
      throw new InvalidMetadataException(role + " threshold must be at least 1, found " + threshold);
    }
  }

  static List<String> uniqueKeyIds(List<String> keyIds, String role) {
    present(keyIds, role + " keyids");
    if (new HashSet<>(keyIds).size() != keyIds.size()) {
      throw new InvalidMetadataException(role + " lists a key id more than once: " + keyIds);
    }
    for (String id : keyIds) {
      present(id, role + " keyid");
    }
    return List.copyOf(keyIds);
  }

  static <K, V> Map<K, V> copy(Map<K, V> map, String what) {
    return Map.copyOf(present(map, what));
  }
}
