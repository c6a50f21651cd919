package dev.mallory.repo;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** What the next {@link Repository#publish()} must sign and commit; cleared after each publish. */
final class PendingChanges {
  final Set<String> dirty = new LinkedHashSet<>();
  boolean snapshotDirty;
  final Map<String, Long> versionOverrides = new HashMap<>();
  final Map<String, byte[]> addedTargets = new LinkedHashMap<>();
  final Set<String> removedTargets = new HashSet<>();

  void clear() {
    dirty.clear();
    snapshotDirty = false;
    versionOverrides.clear();
    addedTargets.clear();
    removedTargets.clear();
  }
}
