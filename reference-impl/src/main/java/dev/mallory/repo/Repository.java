package dev.mallory.repo;

import dev.mallory.crypto.KeyIds;
import dev.mallory.crypto.SigningKey;
import dev.mallory.dialect.Dialect;
import dev.mallory.model.Key;
import dev.mallory.model.Role;
import dev.mallory.model.RoleType;
import dev.mallory.model.Root;
import dev.mallory.model.Targets;
import dev.mallory.repo.signing.LocalSigningService;
import dev.mallory.repo.signing.SigningService;
import dev.mallory.repo.store.MetadataStore;
import dev.mallory.repo.store.RoleFile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An honest TUF or Notary repository with a full history: every version of every role it ever
 * signed stays in its {@link MetadataStore}, byte for byte, for scenarios to replay.
 *
 * <p>Changes (targets, keys, thresholds, delegations, expiry, versions) are staged and signed by
 * {@link #publish()}, which writes new versions of the changed targets roles, then snapshot, then
 * timestamp (spec 6.1 order: children before the parents that pin them) in one atomic commit.
 * Offline keys (root, targets, delegations, snapshot unless online) are held here and can be handed
 * to an attacker with {@link #keys}; online keys stay in the {@link SigningService}.
 *
 * <p>Offline keys live only in this object: a repository is not re-opened from its store (a server
 * restarted on the store serves it, and keeps timestamps fresh with the signing service's keys).
 */
public final class Repository {
  final String name;
  final Dialect dialect;
  final MetadataStore store;
  final SigningService signer;
  final KeyRing keys;
  final Lifetimes lifetimes;
  final boolean snapshotOnline;
  MetaListing metaListing;
  private Clock clock;

  Root root;
  boolean rootDirty;
  List<SigningKey> previousRootKeys = List.of();
  final Map<String, Targets> targetsRoles = new LinkedHashMap<>(); // parents before children
  final Map<String, String> parents = new HashMap<>();
  final PendingChanges pending = new PendingChanges();
  /** The unchecked path of a scenario repository; null unless the builder allowed invalid setups. */
  final InvalidSetups invalid;
  private final TargetsEditor targetsEditor = new TargetsEditor(this);

  Repository(RepositoryBuilder b) {
    this.name = b.name;
    this.dialect = b.dialect;
    this.store = b.store;
    this.signer = b.signer;
    this.clock = b.clock;
    this.lifetimes = b.lifetimes;
    this.snapshotOnline = b.snapshotOnline;
    this.metaListing = b.metaListing;
    this.keys = new KeyRing(dialect, b.algorithm, name);
    this.invalid = b.allowInvalidSetups ? new InvalidSetups() : null;
    if (store.create(name, dialect) != dialect || store.current(name, "root").isPresent()) {
      throw new IllegalStateException("repository " + name + " already exists in this store");
    }
    Instant now = clock.instant();
    root = new Root(1, now, specVersion(), b.consistentSnapshot, Map.of(), initialRoles(), Map.of());
    keys.put("root", keys.generate("root", b.rootKeys));
    setRootRole("root", keys.get("root"), b.rootThreshold);
    keys.put("targets", keys.generate("targets", 1));
    setRootRole("targets", keys.get("targets"), 1);
    if (snapshotOnline) {
      setOnlineRole("snapshot", signer.publicKey(name, "snapshot", dialect.keyEncoding()));
    } else {
      keys.put("snapshot", keys.generate("snapshot", 1));
      setRootRole("snapshot", keys.get("snapshot"), 1);
    }
    setOnlineRole("timestamp", signer.publicKey(name, "timestamp", dialect.keyEncoding()));
    targetsRoles.put("targets", targetsEditor.empty());
    rootDirty = true;
    pending.dirty.add("targets");
    if (b.publishFirstVersion) {
      publish();
    }
  }

  public static RepositoryBuilder builder(Dialect dialect) {
    return new RepositoryBuilder(dialect);
  }

  // ---- reading ------------------------------------------------------------------------------

  public String name() {
    return name;
  }

  public Dialect dialect() {
    return dialect;
  }

  public MetadataStore store() {
    return store;
  }

  public Clock clock() {
    return clock;
  }

  /** The root as it will next be signed (the published one unless changes are staged). */
  public Root root() {
    return root;
  }

  public Targets targets(String role) {
    return targetsEditor.require(role);
  }

  public Optional<RoleFile> current(String role) {
    return store.current(name, role);
  }

  public Optional<RoleFile> version(String role, long version) {
    return store.version(name, role, version);
  }

  /** The exact bytes of a recorded version of a role. */
  public byte[] bytes(String role, long version) {
    return version(role, version).orElseThrow(() -> new IllegalArgumentException("no version " + version + " of " + role)).bytes();
  }

  public List<RoleFile> history(String role) {
    return store.history(name, role);
  }

  /**
   * The private keys currently trusted for a role (what a scenario gives a key-compromise attacker).
   * Online roles: the signing service's keys, when it is a {@link LocalSigningService}.
   */
  public synchronized List<SigningKey> keys(String role) {
    if (isOnline(role)) {
      List<String> trusted = root.role(RoleType.ofName(role).orElseThrow()).keyIds();
      List<SigningKey> held = new ArrayList<>(signer instanceof LocalSigningService local
          ? local.signingKeys(name, role).stream().filter(k -> trusted.contains(k.keyId())).toList()
          : List.of());
      held.addAll(keys.get(role));
      return List.copyOf(held);
    }
    return keys.get(role);
  }

  // ---- staging changes ----------------------------------------------------------------------

  /** Later expiries are computed from this clock (move it to sign in the past or the future). */
  public synchronized void setClock(Clock clock) {
    this.clock = clock;
  }

  public synchronized void addTarget(String path, byte[] content) {
    targetsEditor.addTarget("targets", path, content);
  }

  public synchronized void addTarget(String role, String path, byte[] content) {
    targetsEditor.addTarget(role, path, content);
  }

  public synchronized void removeTarget(String role, String path) {
    targetsEditor.removeTarget(role, path);
  }

  public synchronized void delegate(String delegator, String role, Delegation delegation) {
    targetsEditor.delegate(delegator, role, delegation);
  }

  /** TAP 15 succinct hash bins under {@code delegator}; returns the bin role names (TUF only). */
  public synchronized List<String> delegateHashBins(String delegator, int bitLength, String namePrefix, int keyCount, int threshold) {
    return targetsEditor.delegateHashBins(delegator, bitLength, namePrefix, keyCount, threshold);
  }

  /** The delegated role that must list this target under {@code delegator}'s delegations (first match). */
  public synchronized Optional<String> roleFor(String delegator, String targetPath) {
    return targetsEditor.roleFor(delegator, targetPath);
  }

  /** Fresh keys for the role, same count and threshold. A new root is signed by old and new keys. */
  public synchronized void rotateKeys(String role) {
    new KeyEditor(this).rotate(role);
  }

  /** Fresh keys for the role: {@code count} keys of which {@code threshold} must sign. */
  public synchronized void setKeys(String role, int count, int threshold) {
    new KeyEditor(this).setKeys(role, count, threshold);
  }

  /** Changes a role's threshold, adding fresh keys if it has fewer keys than the threshold. */
  public synchronized void setThreshold(String role, int threshold) {
    new KeyEditor(this).setThreshold(role, threshold);
  }

  /** How the next timestamp and snapshot describe the files they pin. */
  public synchronized void setMetaListing(MetaListing listing) {
    metaListing = java.util.Objects.requireNonNull(listing);
    pending.snapshotDirty = true;
  }

  public synchronized void setConsistentSnapshot(boolean on) {
    root = Edits.consistentSnapshot(root, on);
    rootDirty = true;
  }

  /** The role's lifetime from now on; its next version is signed with it at the next publish. */
  public synchronized void setLifetime(String role, Duration lifetime) {
    lifetimes.set(role, lifetime);
    touch(role);
  }

  /** The next publish writes this role with exactly this version (attack scenarios skip or repeat). */
  public synchronized void bumpVersion(String role, long nextVersion) {
    pending.versionOverrides.put(role, nextVersion);
    touch(role);
  }

  /** Re-sign the role at the next publish even though nothing in it changed. */
  public synchronized void touch(String role) {
    switch (role) {
      case "root" -> rootDirty = true;
      case "snapshot" -> pending.snapshotDirty = true;
      case "timestamp" -> { } // every publish signs a new timestamp
      default -> {
        targetsEditor.require(role);
        pending.dirty.add(role);
      }
    }
  }

  // ---- the unchecked path (scenario repositories only, RepositoryBuilder#allowInvalidSetups) ----

  private InvalidSetups invalid(String what) {
    if (invalid == null) {
      throw new IllegalStateException(what + " signs metadata the model refuses: only for repositories built with allowInvalidSetups()");
    }
    return invalid;
  }

  /**
   * Unchecked: every later version of the role is signed over its {@code signed} JSON as changed
   * by {@code edit} (applied after the model is serialised, before signing).
   */
  public synchronized void editSignedJson(String role, java.util.function.UnaryOperator<com.fasterxml.jackson.databind.node.ObjectNode> edit) {
    invalid("editSignedJson").edit(role, edit);
    touch(role);
  }

  /**
   * Unchecked: the role's threshold as root or its delegator lists it, whatever it is (0 too);
   * files of the role are still signed with all its keys.
   */
  public synchronized void setThresholdUnchecked(String role, int threshold) {
    InvalidSetups unchecked = invalid("setThresholdUnchecked");
    if (RoleType.isTopLevel(role)) {
      unchecked.edit("root", signed -> {
        ((com.fasterxml.jackson.databind.node.ObjectNode) signed.path("roles").path(role)).put("threshold", threshold);
        return signed;
      });
      rootDirty = true;
      return;
    }
    for (Map.Entry<String, Targets> delegator : targetsRoles.entrySet()) {
      if (delegator.getValue().delegations().flatMap(d -> d.role(role)).isPresent()) {
        setDelegationThresholdUnchecked(delegator.getKey(), role, threshold);
      }
    }
  }

  /** Unchecked: the threshold of one delegation ({@code delegator} to {@code role}). */
  public synchronized void setDelegationThresholdUnchecked(String delegator, String role, int threshold) {
    invalid("setDelegationThresholdUnchecked").edit(delegator, signed -> {
      com.fasterxml.jackson.databind.node.ObjectNode entry = InvalidSetups.delegatedRoleEntry(signed, role);
      if (entry != null) {
        entry.put("threshold", threshold);
      }
      return signed;
    });
    touch(delegator);
  }

  /**
   * Unchecked: the second role is listed with, and signed by, the first role's keys (an online
   * role's key is taken from the signing service: the online role must come first).
   */
  public synchronized void shareKeys(String role, String withRole) {
    invalid("shareKeys");
    if (!RoleType.isTopLevel(role) || !RoleType.isTopLevel(withRole) || role.equals(withRole)) {
      throw new IllegalArgumentException("shareKeys needs two different top-level roles");
    }
    if (isOnline(withRole) && !isOnline(role)) {
      shareKeys(withRole, role);
      return;
    }
    if (isOnline(withRole)) {
      throw new IllegalArgumentException(role + " and " + withRole + " are both online roles");
    }
    List<SigningKey> shared = keys(role);
    int threshold = root.role(RoleType.ofName(role).orElseThrow()).threshold();
    keys.put(withRole, shared);
    setRootRole(withRole, shared, threshold);
    rootDirty = true;
    touch(withRole);
  }

  /**
   * Unchecked: root lists the role's first key a second time, under a made-up key id, with this
   * threshold; honest files of the role carry the same signature under both key ids.
   */
  public synchronized void aliasKeyUnchecked(String role, String aliasKeyId, int threshold) {
    InvalidSetups unchecked = invalid("aliasKeyUnchecked");
    if (!RoleType.isTopLevel(role)) {
      throw new IllegalArgumentException("key aliases are for top-level roles");
    }
    String keyId = root.role(RoleType.ofName(role).orElseThrow()).keyIds().get(0);
    unchecked.alias(keyId, aliasKeyId);
    unchecked.edit("root", signed -> {
      com.fasterxml.jackson.databind.node.ObjectNode keysNode = (com.fasterxml.jackson.databind.node.ObjectNode) signed.path("keys");
      keysNode.set(aliasKeyId, keysNode.path(keyId).deepCopy());
      com.fasterxml.jackson.databind.node.ObjectNode r = (com.fasterxml.jackson.databind.node.ObjectNode) signed.path("roles").path(role);
      r.withArray("keyids").add(aliasKeyId);
      r.put("threshold", threshold);
      return signed;
    });
    rootDirty = true;
    touch(role);
  }

  /**
   * Unchecked: lists a target whatever its path and whether the role is delegated it, with the
   * given hashes (any algorithm names) and custom data.
   */
  public synchronized void addTargetUnchecked(String role, String path, byte[] content, Map<String, String> hashes,
      com.fasterxml.jackson.databind.JsonNode custom) {
    invalid("addTargetUnchecked");
    Targets t = targets(role);
    targetsRoles.put(role, Edits.withTarget(t, path, new dev.mallory.model.TargetFile(content.length, hashes, custom)));
    pending.dirty.add(role);
    pending.addedTargets.put(path, content.clone());
    pending.removedTargets.remove(path);
  }

  /**
   * Unchecked: {@code delegator} also delegates to a role that already exists (a second delegator,
   * or a cycle), listing the role's own keys, or a fresh key the role's files are not signed with.
   */
  public synchronized void delegateExistingUnchecked(String delegator, String role, Delegation spec, boolean differentKey) {
    invalid("delegateExistingUnchecked");
    Targets parent = targets(delegator);
    targets(role);
    List<SigningKey> roleKeys = differentKey ? keys.generate(role, spec.keyCount()) : keys.get(role);
    dev.mallory.model.Delegations d = parent.delegations().orElse(new dev.mallory.model.Delegations(Map.of(), List.of(), Optional.empty()));
    dev.mallory.model.DelegatedRole dr = new dev.mallory.model.DelegatedRole(
        role, Edits.ids(roleKeys), Math.min(spec.threshold(), roleKeys.size()), spec.terminating(), spec.paths(), spec.hashPrefixes());
    targetsRoles.put(delegator, Edits.withDelegations(parent, Edits.withRole(d, dr, roleKeys)));
    pending.dirty.add(delegator);
  }

  /** Unchecked: a new delegation whose role gets a fresh key the delegation does not list (it lists another fresh key). */
  public synchronized void delegateUnderDifferentKeyUnchecked(String delegator, String role, Delegation spec) {
    invalid("delegateUnderDifferentKeyUnchecked");
    delegate(delegator, role, spec);
    List<SigningKey> signing = keys.get(role);
    List<SigningKey> listed = keys.generate(role, spec.keyCount());
    Targets parent = targets(delegator);
    dev.mallory.model.Delegations d = parent.delegations().orElseThrow();
    dev.mallory.model.DelegatedRole old = d.role(role).orElseThrow();
    dev.mallory.model.DelegatedRole dr = new dev.mallory.model.DelegatedRole(
        role, Edits.ids(listed), old.threshold(), old.terminating(), old.paths(), old.pathHashPrefixes());
    targetsRoles.put(delegator, Edits.withDelegations(parent, Edits.withRole(d, dr, listed)));
    keys.put(role, signing);
  }

  // ---- publishing ---------------------------------------------------------------------------

  /** Signs and commits everything staged, then a new snapshot (if anything changed) and timestamp. */
  public synchronized Publication publish() {
    return new Publisher(this).publish();
  }

  /** Only a new timestamp over the current snapshot (what an online timestamp service does). */
  public synchronized Publication refreshTimestamp() {
    return new Publisher(this).refreshTimestamp();
  }

  // ---- internals shared with the editors ----------------------------------------------------

  boolean isOnline(String role) {
    return role.equals("timestamp") || (role.equals("snapshot") && snapshotOnline);
  }

  String specVersion() {
    return dialect == Dialect.TUF_1_0 ? Dialect.SPEC_VERSION : null;
  }

  Instant now() {
    return clock.instant();
  }

  void setRootRole(String role, List<SigningKey> roleKeys, int threshold) {
    root = Edits.rootRole(root, role, roleKeys.stream().map(SigningKey::publicKey).toList(), Edits.ids(roleKeys), threshold);
  }

  void setOnlineRole(String role, Key key) {
    setOnlineRole(role, key, List.of(), 1);
  }

  /** The online key first, then any extra keys the repository holds for the role. */
  void setOnlineRole(String role, Key key, List<SigningKey> extra, int threshold) {
    List<Key> publicKeys = new ArrayList<>(List.of(key));
    List<String> ids = new ArrayList<>(List.of(KeyIds.of(key, dialect.keyEncoding())));
    extra.forEach(k -> {
      publicKeys.add(k.publicKey());
      ids.add(k.keyId());
    });
    root = Edits.rootRole(root, role, publicKeys, ids, threshold);
  }

  long nextVersion(String role) {
    Long override = pending.versionOverrides.get(role);
    if (override != null) {
      return override;
    }
    return store.current(name, role).map(f -> f.version() + 1).orElse(1L);
  }

  private static Map<String, Role> initialRoles() {
    Map<String, Role> roles = new LinkedHashMap<>();
    for (RoleType t : RoleType.values()) {
      roles.put(t.roleName(), new Role(List.of(), 1));
    }
    return roles;
  }
}
