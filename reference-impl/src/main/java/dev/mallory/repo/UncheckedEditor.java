package dev.mallory.repo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.crypto.SigningKey;
import dev.mallory.model.DelegatedRole;
import dev.mallory.model.Delegations;
import dev.mallory.model.RoleType;
import dev.mallory.model.TargetFile;
import dev.mallory.model.Targets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The unchecked path of a scenario {@link Repository} ({@link RepositoryBuilder#allowInvalidSetups()}):
 * stages metadata the model refuses, through the repository's {@link InvalidSetups}. The caller
 * holds the repository's lock; each method's contract is on its {@link Repository} counterpart.
 */
final class UncheckedEditor {
  private final Repository repo;

  UncheckedEditor(Repository repo) {
    this.repo = repo;
  }

  private InvalidSetups invalid(String what) {
    if (repo.invalid == null) {
      throw new IllegalStateException(what + " signs metadata the model refuses: only for repositories built with allowInvalidSetups()");
    }
    return repo.invalid;
  }

  void editSignedJson(String role, UnaryOperator<ObjectNode> edit) {
    invalid("editSignedJson").edit(role, edit);
    repo.touch(role);
  }

  void setThresholdUnchecked(String role, int threshold) {
    InvalidSetups unchecked = invalid("setThresholdUnchecked");
    if (RoleType.isTopLevel(role)) {
      unchecked.edit("root", signed -> {
        ((ObjectNode) signed.path("roles").path(role)).put("threshold", threshold);
        return signed;
      });
      repo.rootDirty = true;
      return;
    }
    for (Map.Entry<String, Targets> delegator : repo.targetsRoles.entrySet()) {
      if (delegator.getValue().delegations().flatMap(d -> d.role(role)).isPresent()) {
        setDelegationThresholdUnchecked(delegator.getKey(), role, threshold);
      }
    }
  }

  void setDelegationThresholdUnchecked(String delegator, String role, int threshold) {
    invalid("setDelegationThresholdUnchecked").edit(delegator, signed -> {
      ObjectNode entry = InvalidSetups.delegatedRoleEntry(signed, role);
      if (entry != null) {
        entry.put("threshold", threshold);
      }
      return signed;
    });
    repo.touch(delegator);
  }

  void shareKeys(String role, String withRole) {
    invalid("shareKeys");
    if (!RoleType.isTopLevel(role) || !RoleType.isTopLevel(withRole) || role.equals(withRole)) {
      throw new IllegalArgumentException("shareKeys needs two different top-level roles");
    }
    if (repo.isOnline(withRole) && !repo.isOnline(role)) {
      shareKeys(withRole, role);
      return;
    }
    if (repo.isOnline(withRole)) {
      throw new IllegalArgumentException(role + " and " + withRole + " are both online roles");
    }
    List<SigningKey> shared = repo.keys(role);
    int threshold = repo.root.role(RoleType.ofName(role).orElseThrow()).threshold();
    repo.keys.put(withRole, shared);
    new KeyEditor(repo).setRootRole(withRole, shared, threshold);
    repo.rootDirty = true;
    repo.touch(withRole);
  }

  void aliasKeyUnchecked(String role, String aliasKeyId, int threshold) {
    InvalidSetups unchecked = invalid("aliasKeyUnchecked");
    if (!RoleType.isTopLevel(role)) {
      throw new IllegalArgumentException("key aliases are for top-level roles");
    }
    String keyId = repo.root.role(RoleType.ofName(role).orElseThrow()).keyIds().get(0);
    unchecked.alias(keyId, aliasKeyId);
    unchecked.edit("root", signed -> {
      ObjectNode keysNode = (ObjectNode) signed.path("keys");
      keysNode.set(aliasKeyId, keysNode.path(keyId).deepCopy());
      ObjectNode r = (ObjectNode) signed.path("roles").path(role);
      r.withArray("keyids").add(aliasKeyId);
      r.put("threshold", threshold);
      return signed;
    });
    repo.rootDirty = true;
    repo.touch(role);
  }

  void addTargetUnchecked(String role, String path, byte[] content, Map<String, String> hashes, JsonNode custom) {
    invalid("addTargetUnchecked");
    Targets t = repo.targets(role);
    repo.targetsRoles.put(role, Edits.withTarget(t, path, new TargetFile(content.length, hashes, custom)));
    repo.pending.dirty.add(role);
    repo.pending.addedTargets.put(path, content.clone());
    repo.pending.removedTargets.remove(path);
  }

  void delegateExistingUnchecked(String delegator, String role, Delegation spec, boolean differentKey) {
    invalid("delegateExistingUnchecked");
    Targets parent = repo.targets(delegator);
    repo.targets(role);
    List<SigningKey> roleKeys = differentKey ? repo.keys.generate(role, spec.keyCount()) : repo.keys.get(role);
    Delegations d = parent.delegations().orElse(new Delegations(Map.of(), List.of(), Optional.empty()));
    DelegatedRole dr = new DelegatedRole(
        role, Edits.ids(roleKeys), Math.min(spec.threshold(), roleKeys.size()), spec.terminating(), spec.paths(), spec.hashPrefixes());
    repo.targetsRoles.put(delegator, Edits.withDelegations(parent, Edits.withRole(d, dr, roleKeys)));
    repo.pending.dirty.add(delegator);
  }

  void delegateUnderDifferentKeyUnchecked(String delegator, String role, Delegation spec) {
    invalid("delegateUnderDifferentKeyUnchecked");
    repo.delegate(delegator, role, spec);
    List<SigningKey> signing = repo.keys.get(role);
    List<SigningKey> listed = repo.keys.generate(role, spec.keyCount());
    Targets parent = repo.targets(delegator);
    Delegations d = parent.delegations().orElseThrow();
    DelegatedRole old = d.role(role).orElseThrow();
    DelegatedRole dr = new DelegatedRole(
        role, Edits.ids(listed), old.threshold(), old.terminating(), old.paths(), old.pathHashPrefixes());
    repo.targetsRoles.put(delegator, Edits.withDelegations(parent, Edits.withRole(d, dr, listed)));
    repo.keys.put(role, signing);
  }
}
