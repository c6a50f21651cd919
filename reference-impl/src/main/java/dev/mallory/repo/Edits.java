package dev.mallory.repo;

import dev.mallory.crypto.SigningKey;
import dev.mallory.model.DelegatedRole;
import dev.mallory.model.Delegations;
import dev.mallory.model.Key;
import dev.mallory.model.Role;
import dev.mallory.model.Root;
import dev.mallory.model.TargetFile;
import dev.mallory.model.Targets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Copy-with-change helpers over the immutable model records. */
final class Edits {
  private Edits() {}

  static Root rootVersion(Root r, long version, Instant expires) {
    return new Root(version, expires, r.specVersion(), r.consistentSnapshot(), r.keys(), r.roles(), r.unrecognized());
  }

  static Root consistentSnapshot(Root r, boolean on) {
    return new Root(r.version(), r.expires(), r.specVersion(), on, r.keys(), r.roles(), r.unrecognized());
  }

  /** Root with the role trusting exactly these keys; keys no role uses any more are dropped. */
  static Root rootRole(Root r, String role, List<Key> keys, List<String> keyIds, int threshold) {
    Map<String, Role> roles = new LinkedHashMap<>(r.roles());
    roles.put(role, new Role(keyIds, threshold));
    Map<String, Key> all = new LinkedHashMap<>(r.keys());
    for (int i = 0; i < keys.size(); i++) {
      all.put(keyIds.get(i), keys.get(i));
    }
    Set<String> used = new HashSet<>();
    roles.values().forEach(x -> used.addAll(x.keyIds()));
    all.keySet().retainAll(used);
    return new Root(r.version(), r.expires(), r.specVersion(), r.consistentSnapshot(), all, roles, r.unrecognized());
  }

  static Targets targetsVersion(Targets t, long version, Instant expires) {
    return new Targets(version, expires, t.specVersion(), t.targets(), t.delegations(), t.unrecognized());
  }

  static Targets withTarget(Targets t, String path, TargetFile file) {
    Map<String, TargetFile> targets = new LinkedHashMap<>(t.targets());
    targets.put(path, file);
    return new Targets(t.version(), t.expires(), t.specVersion(), targets, t.delegations(), t.unrecognized());
  }

  static Targets withoutTarget(Targets t, String path) {
    Map<String, TargetFile> targets = new LinkedHashMap<>(t.targets());
    targets.remove(path);
    return new Targets(t.version(), t.expires(), t.specVersion(), targets, t.delegations(), t.unrecognized());
  }

  static Targets withDelegations(Targets t, Delegations d) {
    return new Targets(t.version(), t.expires(), t.specVersion(), t.targets(), Optional.of(d), t.unrecognized());
  }

  /** Adds or replaces (same name, same position) a delegated role and registers its keys. */
  static Delegations withRole(Delegations d, DelegatedRole role, List<SigningKey> keys) {
    List<DelegatedRole> roles = new ArrayList<>(d.roles());
    boolean replaced = false;
    for (int i = 0; i < roles.size(); i++) {
      if (roles.get(i).name().equals(role.name())) {
        roles.set(i, role);
        replaced = true;
      }
    }
    if (!replaced) {
      roles.add(role);
    }
    return new Delegations(withKeys(d.keys(), keys, roles), roles, d.succinctRoles());
  }

  static Map<String, Key> withKeys(Map<String, Key> existing, List<SigningKey> keys, List<DelegatedRole> roles) {
    Map<String, Key> all = new LinkedHashMap<>(existing);
    keys.forEach(k -> all.put(k.keyId(), k.publicKey()));
    Set<String> used = new HashSet<>();
    roles.forEach(r -> used.addAll(r.keyIds()));
    all.keySet().retainAll(used);
    return all;
  }

  static List<String> ids(List<SigningKey> keys) {
    return keys.stream().map(SigningKey::keyId).toList();
  }
}

