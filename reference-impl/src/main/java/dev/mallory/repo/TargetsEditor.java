package dev.mallory.repo;

import dev.mallory.crypto.SigningKey;
import dev.mallory.dialect.Dialect;
import dev.mallory.model.DelegatedRole;
import dev.mallory.model.Delegations;
import dev.mallory.model.RoleType;
import dev.mallory.model.SuccinctRoles;
import dev.mallory.model.TargetFile;
import dev.mallory.model.Targets;
import dev.mallory.repo.store.Hashes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Targets, delegations and hash bins of a {@link Repository}; the caller holds its lock. */
final class TargetsEditor {
  private static final int MAX_BIN_BITS = 10;
  private final Repository repo;

  TargetsEditor(Repository repo) {
    this.repo = repo;
  }

  Targets empty() {
    return new Targets(1, repo.now(), repo.specVersion(), Map.of(), Optional.empty(), Map.of());
  }

  Targets require(String role) {
    Targets t = repo.targetsRoles.get(role);
    if (t == null) {
      throw new IllegalArgumentException("no targets role " + role + " in repository " + repo.name);
    }
    return t;
  }

  void addTarget(String role, String path, byte[] content) {
    checkPath(path);
    Targets t = require(role);
    // An honest repository lists a target only where the delegation allows it (5.6.7.2); an attack
    // that needs otherwise signs its own metadata with stolen keys.
    if (!role.equals("targets") && !delegatedRole(role).isDelegatedPath(path, repo.dialect.pathMatching())) {
      throw new IllegalArgumentException("role " + role + " is not delegated target path " + path);
    }
    Map<String, String> hashes =
        repo.dialect == Dialect.NOTARY ? Hashes.sha256And512(content) : Map.of("sha256", Hashes.sha256(content));
    repo.targetsRoles.put(role, Edits.withTarget(t, path, new TargetFile(content.length, hashes, null)));
    repo.pending.dirty.add(role);
    repo.pending.addedTargets.put(path, content.clone());
    repo.pending.removedTargets.remove(path);
  }

  void removeTarget(String role, String path) {
    Targets t = require(role);
    if (!t.targets().containsKey(path)) {
      throw new IllegalArgumentException(role + " does not list " + path);
    }
    repo.targetsRoles.put(role, Edits.withoutTarget(t, path));
    repo.pending.dirty.add(role);
    repo.pending.addedTargets.remove(path);
    repo.pending.removedTargets.add(path);
  }

  void delegate(String delegator, String role, Delegation spec) {
    Targets parent = require(delegator);
    checkNewRole(role);
    if (repo.dialect == Dialect.NOTARY) {
      // Notary names a delegation by its path under the delegator and matches paths by prefix.
      if (!role.startsWith(delegator + "/") || spec.hashPrefixes() != null) {
        throw new IllegalArgumentException("Notary delegations are named " + delegator + "/<name> and use path prefixes");
      }
    }
    Delegations d = parent.delegations().orElse(new Delegations(Map.of(), List.of(), Optional.empty()));
    if (d.succinctRoles().isPresent()) {
      throw new IllegalArgumentException(delegator + " already delegates to succinct hash bins");
    }
    List<SigningKey> keys = repo.keys.generate(role, spec.keyCount());
    repo.keys.put(role, keys);
    DelegatedRole dr =
        new DelegatedRole(role, Edits.ids(keys), spec.threshold(), spec.terminating(), spec.paths(), spec.hashPrefixes());
    repo.targetsRoles.put(delegator, Edits.withDelegations(parent, Edits.withRole(d, dr, keys)));
    addRole(delegator, role);
  }

  List<String> delegateHashBins(String delegator, int bitLength, String prefix, int keyCount, int threshold) {
    if (repo.dialect != Dialect.TUF_1_0) {
      throw new IllegalArgumentException("succinct hash bins (TAP 15) exist only in TUF metadata");
    }
    if (bitLength > MAX_BIN_BITS) {
      throw new IllegalArgumentException("at most 2^" + MAX_BIN_BITS + " bins are published");
    }
    Targets parent = require(delegator);
    if (parent.delegations().isPresent()) {
      throw new IllegalArgumentException(delegator + " already delegates; succinct roles replace all delegations");
    }
    List<SigningKey> keys = repo.keys.generate(prefix, keyCount);
    SuccinctRoles bins = new SuccinctRoles(Edits.ids(keys), threshold, bitLength, prefix);
    Map<String, dev.mallory.model.Key> keyMap = new java.util.LinkedHashMap<>();
    keys.forEach(k -> keyMap.put(k.keyId(), k.publicKey()));
    repo.targetsRoles.put(delegator, Edits.withDelegations(parent, new Delegations(keyMap, List.of(), Optional.of(bins))));
    List<String> names = bins.binNames();
    for (String bin : names) {
      checkNewRole(bin);
      repo.keys.put(bin, keys);
      addRole(delegator, bin);
    }
    return names;
  }

  Optional<String> roleFor(String delegator, String path) {
    return require(delegator).delegations()
        .flatMap(d -> d.rolesFor(path, repo.dialect.pathMatching()).stream().findFirst())
        .map(DelegatedRole::name);
  }

  /** The delegation entry (explicit or a succinct bin) that names this role in its parent. */
  DelegatedRole delegatedRole(String role) {
    String parent = repo.parents.get(role);
    return require(parent).delegations().flatMap(d -> d.role(role))
        .orElseThrow(() -> new IllegalStateException(parent + " no longer delegates to " + role));
  }

  private void addRole(String delegator, String role) {
    repo.targetsRoles.put(role, empty());
    repo.parents.put(role, delegator);
    repo.pending.dirty.add(delegator);
    repo.pending.dirty.add(role);
  }

  private void checkNewRole(String role) {
    if (role.isEmpty() || RoleType.isTopLevel(role) || repo.targetsRoles.containsKey(role)) {
      throw new IllegalArgumentException("role name " + role + " is taken or reserved");
    }
  }

  private static void checkPath(String path) {
    List<String> segments = new ArrayList<>(List.of(path.split("/", -1)));
    if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || segments.contains("..") || segments.contains("")) {
      throw new IllegalArgumentException("target path must be relative, without empty or '..' segments: " + path);
    }
  }
}
