package dev.mallory.steps.world;

import dev.mallory.dialect.Dialect;
import dev.mallory.repo.store.Hashes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The target files a scenario repository lists now, per role in the order roles were delegated
 * (targets first: the client's search order, 5.6.7), and every content it ever published (the
 * copies a watching attacker kept).
 */
final class ListedTargets {
  /** role to target path to content. */
  private final Map<String, Map<String, byte[]>> byRole = new LinkedHashMap<>();
  /** Every target content ever published, by sha256. */
  private final Map<String, byte[]> history = new ConcurrentHashMap<>();

  ListedTargets() {
    byRole.put("targets", new LinkedHashMap<>());
  }

  boolean hasRole(String role) {
    return byRole.containsKey(role);
  }

  Set<String> roles() {
    return Collections.unmodifiableSet(byRole.keySet());
  }

  void addRole(String role) {
    byRole.computeIfAbsent(role, r -> new LinkedHashMap<>());
  }

  void list(String role, String path, byte[] content) {
    history.put(MetadataIdentity.sha256(content), content.clone());
    byRole.computeIfAbsent(role, r -> new LinkedHashMap<>()).put(path, content.clone());
  }

  Optional<byte[]> byHash(String sha256) {
    return Optional.ofNullable(history.get(sha256)).map(byte[]::clone);
  }

  /** The content the search order finds first for a path. */
  Optional<byte[]> current(String path) {
    for (Map<String, byte[]> listed : byRole.values()) {
      byte[] content = listed.get(path);
      if (content != null) {
        return Optional.of(content.clone());
      }
    }
    return Optional.empty();
  }

  /** The current content of every target path, as the search order resolves it. */
  Map<String, byte[]> paths() {
    Map<String, byte[]> all = new HashMap<>();
    List<Map<String, byte[]>> roles = new ArrayList<>(byRole.values());
    Collections.reverse(roles); // earlier roles win, as in current
    roles.forEach(all::putAll);
    return all;
  }

  /**
   * The hashes a target entry lists: the dialect's own (Notary: sha256 and sha512), or only a
   * made-up digest under {@code algorithm} (a hash the client cannot check).
   */
  static Map<String, String> hashes(Dialect dialect, byte[] content, Optional<String> algorithm) {
    Map<String, String> hashes = new LinkedHashMap<>();
    if (algorithm.isPresent()) {
      byte[] madeUp = new byte[32];
      new SecureRandom().nextBytes(madeUp);
      hashes.put(algorithm.get(), HexFormat.of().formatHex(madeUp));
    } else if (dialect == Dialect.NOTARY) {
      hashes.putAll(Hashes.sha256And512(content));
    } else {
      hashes.put("sha256", MetadataIdentity.sha256(content));
    }
    return hashes;
  }
}
