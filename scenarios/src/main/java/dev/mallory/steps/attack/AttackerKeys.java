package dev.mallory.steps.attack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.crypto.KeyAlgorithm;
import dev.mallory.crypto.SigningKey;
import dev.mallory.json.Json;
import dev.mallory.steps.world.ScenarioRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of one scenario's attacker. A forged file of role R is signed with every stolen key of
 * R, or, holding none, with the attacker's own key(s) for R (the signing rule). Once the client
 * was served a forged root, which gives every role to the attacker's own keys, the own keys count
 * as held for every role (the re-signing rule then re-signs snapshot and timestamp with them).
 * Stolen keys stay stolen when an attack stops; the forged root's effect does not.
 */
final class AttackerKeys {
  private final ScenarioRepository repository;
  private final Map<String, List<SigningKey>> stolen = new LinkedHashMap<>();
  /** The attacker's own keys, per role: generated on first use, trusted by nothing genuine. */
  private final Map<String, List<SigningKey>> own = new HashMap<>();
  /** Whether a forged root reached the client: from then on the attacker's own keys count as held. */
  private boolean forgedRootServed;

  AttackerKeys(ScenarioRepository repository) {
    this.repository = repository;
  }

  synchronized void steal(String role, List<SigningKey> keys) {
    stolen.computeIfAbsent(role, r -> new ArrayList<>());
    for (SigningKey k : keys) {
      if (stolen.get(role).stream().noneMatch(s -> s.keyId().equals(k.keyId()))) {
        stolen.get(role).add(k);
      }
    }
  }

  synchronized List<SigningKey> stolen(String role) {
    return List.copyOf(stolen.getOrDefault(role, List.of()));
  }

  synchronized boolean forgedRootServed() {
    return forgedRootServed;
  }

  synchronized void forgedRootServed(boolean served) {
    forgedRootServed = served;
  }

  /** Whether the attacker holds keys of a role the client trusts for it (the re-signing rule). */
  synchronized boolean holds(String role) {
    return !stolen.getOrDefault(role, List.of()).isEmpty() || forgedRootServed;
  }

  /** The keys a forged file of the role is signed with (the signing rule). */
  synchronized List<SigningKey> signing(String role) {
    List<SigningKey> keys = new ArrayList<>(stolen.getOrDefault(role, List.of()));
    if (keys.isEmpty() || forgedRootServed) {
      keys.addAll(own(role));
    }
    return keys;
  }

  /** The attacker's own keys for a role: as many as the genuine role has. */
  synchronized List<SigningKey> own(String role) {
    int count;
    JsonNode listed = repository.served().current("root")
        .map(f -> Json.parse(f.bytes()).path("signed").path("roles").path(role).path("keyids")).orElse(null);
    if (listed != null && listed.isArray() && listed.size() > 0) {
      count = listed.size();
    } else {
      count = Math.max(1, repository.keys(role).size());
    }
    List<SigningKey> keys = own.computeIfAbsent(role, r -> new ArrayList<>());
    List<SigningKey> genuine = repository.keys(role);
    KeyAlgorithm algorithm = genuine.isEmpty() ? KeyAlgorithm.ED25519 : genuine.get(0).algorithm();
    while (keys.size() < count) {
      keys.add(Bench.freshKey(repository.dialect(), algorithm, repository.repository().name()));
    }
    return List.copyOf(keys.subList(0, count));
  }
}
