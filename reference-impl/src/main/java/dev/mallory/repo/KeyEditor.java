package dev.mallory.repo;

import dev.mallory.crypto.KeyIds;
import dev.mallory.crypto.SigningKey;
import dev.mallory.model.DelegatedRole;
import dev.mallory.model.Delegations;
import dev.mallory.model.Key;
import dev.mallory.model.Role;
import dev.mallory.model.RoleType;
import dev.mallory.model.SuccinctRoles;
import dev.mallory.model.Targets;
import dev.mallory.repo.signing.LocalSigningService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of a {@link Repository}: version 1's keys, rotation and thresholds, and how root lists
 * them. The caller holds the repository's lock.
 */
final class KeyEditor {
  private final Repository repo;

  KeyEditor(Repository repo) {
    this.repo = repo;
  }

  /**
   * Version 1's keys: offline root and targets keys (and snapshot, unless it is online) held in the
   * key ring, the online keys' public halves taken from the signing service.
   */
  void createTopLevelKeys(int rootKeys, int rootThreshold) {
    repo.keys.put("root", repo.keys.generate("root", rootKeys));
    setRootRole("root", repo.keys.get("root"), rootThreshold);
    repo.keys.put("targets", repo.keys.generate("targets", 1));
    setRootRole("targets", repo.keys.get("targets"), 1);
    if (repo.snapshotOnline) {
      setOnlineRole("snapshot", repo.signer.publicKey(repo.name, "snapshot", repo.dialect.keyEncoding()));
    } else {
      repo.keys.put("snapshot", repo.keys.generate("snapshot", 1));
      setRootRole("snapshot", repo.keys.get("snapshot"), 1);
    }
    setOnlineRole("timestamp", repo.signer.publicKey(repo.name, "timestamp", repo.dialect.keyEncoding()));
  }

  /** See {@link Repository#keys(String)}. */
  List<SigningKey> trustedKeys(String role) {
    if (repo.isOnline(role)) {
      List<String> trusted = repo.root.role(RoleType.ofName(role).orElseThrow()).keyIds();
      List<SigningKey> held = new ArrayList<>(repo.signer instanceof LocalSigningService local
          ? local.signingKeys(repo.name, role).stream().filter(k -> trusted.contains(k.keyId())).toList()
          : List.of());
      held.addAll(repo.keys.get(role));
      return List.copyOf(held);
    }
    return repo.keys.get(role);
  }

  void rotate(String role) {
    setKeys(role, currentKeyCount(role), currentThreshold(role));
  }

  void setKeys(String role, int count, int threshold) {
    if (threshold < 1 || count < threshold) {
      throw new IllegalArgumentException("need 1 <= threshold <= keys, got " + threshold + " of " + count);
    }
    if (repo.isOnline(role)) {
      // The signing service holds one key per online role; a role with more keys (a threshold
      // scenario) keeps the rest beside it, held by the repository like offline keys.
      List<SigningKey> extra = count > 1 ? repo.keys.generate(role, count - 1) : List.of();
      repo.keys.put(role, extra);
      setOnlineRole(role, repo.signer.rotate(repo.name, role, repo.dialect.keyEncoding()), extra, threshold);
      markRootChange(role);
      return;
    }
    apply(role, repo.keys.generate(role, count), threshold);
  }

  void setThreshold(String role, int threshold) {
    if (repo.isOnline(role)) {
      setKeys(role, Math.max(threshold, 1 + repo.keys.get(role).size()), threshold);
      return;
    }
    List<SigningKey> keys = new ArrayList<>(repo.keys.get(role));
    if (keys.size() < threshold) {
      keys.addAll(repo.keys.generate(role, threshold - keys.size()));
    }
    apply(role, keys, threshold);
  }

  private void apply(String role, List<SigningKey> keys, int threshold) {
    if (RoleType.isTopLevel(role)) {
      if (role.equals("root") && repo.previousRootKeys.isEmpty() && repo.current("root").isPresent()) {
        // 5.3.4: a client accepts root N+1 only if N's root keys (threshold of N) signed it too.
        repo.previousRootKeys = repo.keys.get("root");
      }
      repo.keys.put(role, keys);
      setRootRole(role, keys, threshold);
      markRootChange(role);
      return;
    }
    String parent = repo.parents.get(role);
    Targets parentTargets = repo.targets(parent);
    Delegations d = parentTargets.delegations().orElseThrow();
    if (d.succinctRoles().isPresent()) {
      // Every bin shares the succinct keys: rotating one bin rotates them all.
      SuccinctRoles s = d.succinctRoles().get();
      SuccinctRoles next = new SuccinctRoles(Edits.ids(keys), threshold, s.bitLength(), s.namePrefix());
      Map<String, Key> keyMap = new java.util.LinkedHashMap<>();
      keys.forEach(k -> keyMap.put(k.keyId(), k.publicKey()));
      repo.targetsRoles.put(parent, Edits.withDelegations(parentTargets, new Delegations(keyMap, List.of(), Optional.of(next))));
      for (String bin : s.binNames()) {
        repo.keys.put(bin, keys);
        repo.pending.dirty.add(bin);
      }
    } else {
      DelegatedRole old = d.role(role).orElseThrow();
      DelegatedRole next =
          new DelegatedRole(role, Edits.ids(keys), threshold, old.terminating(), old.paths(), old.pathHashPrefixes());
      repo.targetsRoles.put(parent, Edits.withDelegations(parentTargets, Edits.withRole(d, next, keys)));
      repo.keys.put(role, keys);
    }
    repo.pending.dirty.add(parent);
    repo.pending.dirty.add(role);
  }

  /** Root lists these keys for the top-level role, with this threshold. */
  void setRootRole(String role, List<SigningKey> roleKeys, int threshold) {
    repo.root = Edits.rootRole(repo.root, role, roleKeys.stream().map(SigningKey::publicKey).toList(), Edits.ids(roleKeys), threshold);
  }

  private void setOnlineRole(String role, Key key) {
    setOnlineRole(role, key, List.of(), 1);
  }

  /** The online key first, then any extra keys the repository holds for the role. */
  private void setOnlineRole(String role, Key key, List<SigningKey> extra, int threshold) {
    List<Key> publicKeys = new ArrayList<>(List.of(key));
    List<String> ids = new ArrayList<>(List.of(KeyIds.of(key, repo.dialect.keyEncoding())));
    extra.forEach(k -> {
      publicKeys.add(k.publicKey());
      ids.add(k.keyId());
    });
    repo.root = Edits.rootRole(repo.root, role, publicKeys, ids, threshold);
  }

  /** A top-level role's keys are listed in root; its own file is re-signed with the new keys. */
  private void markRootChange(String role) {
    repo.rootDirty = true;
    switch (role) {
      case "targets" -> repo.pending.dirty.add("targets");
      case "snapshot" -> repo.pending.snapshotDirty = true;
      default -> { } // root is re-signed anyway; every publish signs a new timestamp
    }
  }

  private int currentKeyCount(String role) {
    if (RoleType.isTopLevel(role)) {
      return repo.root.role(RoleType.ofName(role).get()).keyIds().size();
    }
    return repo.keys.get(role).size();
  }

  private int currentThreshold(String role) {
    if (RoleType.isTopLevel(role)) {
      Role r = repo.root.role(RoleType.ofName(role).get());
      return r.threshold();
    }
    return new TargetsEditor(repo).delegatedRole(role).threshold();
  }
}
