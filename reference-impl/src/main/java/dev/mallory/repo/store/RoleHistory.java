package dev.mallory.repo.store;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Every committed version of one role (version to content address) and which one is current.
 * Immutable: a commit builds a new history.
 */
public record RoleHistory(NavigableMap<Long, String> versions, long current) {
  public RoleHistory {
    versions = Collections.unmodifiableNavigableMap(new TreeMap<>(versions));
    if (!versions.containsKey(current)) {
      throw new IllegalArgumentException("current version " + current + " is not in the history");
    }
  }

  public static RoleHistory first(long version, String sha256) {
    return new RoleHistory(new TreeMap<>(java.util.Map.of(version, sha256)), version);
  }

  /** The history with one more version, which becomes current. */
  public RoleHistory with(long version, String sha256) {
    TreeMap<Long, String> next = new TreeMap<>(versions);
    next.put(version, sha256);
    return new RoleHistory(next, version);
  }

  public String currentSha256() {
    return versions.get(current);
  }
}
