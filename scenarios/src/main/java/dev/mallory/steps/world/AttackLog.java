package dev.mallory.steps.world;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the attacker did and delivered in one scenario: the attack steps in order (for the
 * evidence) and every file it served in place of the repository's current one ("attacker-served",
 * features/README.md "Outcomes"): metadata by identity and version, targets by bytes. Filled from
 * the attack steps and from the proxy journal.
 */
public final class AttackLog {
  private final List<String> steps = new ArrayList<>();
  private final Map<String, Set<String>> metadata = new HashMap<>();
  private final Map<String, Set<Long>> versions = new HashMap<>();
  private final Map<String, List<byte[]>> targets = new HashMap<>();

  public synchronized void step(String description) {
    steps.add(description);
  }

  public synchronized List<String> steps() {
    return List.copyOf(steps);
  }

  /** The attacker served these bytes for a role. */
  public synchronized void servedMetadata(String role, byte[] bytes) {
    metadata.computeIfAbsent(role, r -> new HashSet<>()).add(MetadataIdentity.of(bytes));
    long v = MetadataIdentity.version(bytes);
    if (v > 0) {
      versions.computeIfAbsent(role, r -> new HashSet<>()).add(v);
    }
  }

  public synchronized boolean servedMetadata(String role, String identity) {
    return metadata.getOrDefault(role, Set.of()).contains(identity);
  }

  /** Whether these bytes were served for any role (a file stored under another role's name). */
  public synchronized boolean servedAnyMetadata(String identity) {
    return metadata.values().stream().anyMatch(s -> s.contains(identity));
  }

  public synchronized Set<Long> servedVersions(String role) {
    return Set.copyOf(versions.getOrDefault(role, Set.of()));
  }

  public synchronized void servedTarget(String path, byte[] bytes) {
    targets.computeIfAbsent(path, p -> new ArrayList<>()).add(bytes.clone());
  }

  public synchronized List<byte[]> servedTargets() {
    List<byte[]> all = new ArrayList<>();
    targets.values().forEach(all::addAll);
    return all;
  }
}
