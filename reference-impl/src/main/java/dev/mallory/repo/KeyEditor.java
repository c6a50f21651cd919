package dev.mallory.repo;

import dev.mallory.crypto.SigningKey;
import dev.mallory.model.DelegatedRole;
import dev.mallory.model.Delegations;
import dev.mallory.model.Role;
import dev.mallory.model.RoleType;
import dev.mallory.model.SuccinctRoles;
import dev.mallory.model.Targets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Key rotation and thresholds of a {@link Repository}; the caller holds its lock. */
final class KeyEditor {
  private final Repository repo;

  KeyEditor(Repository repo) {
    this.repo = repo;
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
      repo.setOnlineRole(role, repo.signer.rotate(repo.name, role, repo.dialect.keyEncoding()), extra, threshold);
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
      repo.setRootRole(role, keys, threshold);
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
      Map<String, dev.mallory.model.Key> keyMap = new java.util.LinkedHashMap<>();
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
