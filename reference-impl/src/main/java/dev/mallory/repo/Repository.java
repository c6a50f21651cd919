package dev.mallory.repo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.crypto.SigningKey;
import dev.mallory.dialect.Dialect;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

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
    new KeyEditor(this).createTopLevelKeys(b.rootKeys, b.rootThreshold);
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
    return new KeyEditor(this).trustedKeys(role);
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
    metaListing = Objects.requireNonNull(listing);
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

  /**
   * Unchecked: every later version of the role is signed over its {@code signed} JSON as changed
   * by {@code edit} (applied after the model is serialised, before signing).
   */
  public synchronized void editSignedJson(String role, UnaryOperator<ObjectNode> edit) {
    new UncheckedEditor(this).editSignedJson(role, edit);
  }

  /**
   * Unchecked: the role's threshold as root or its delegator lists it, whatever it is (0 too);
   * files of the role are still signed with all its keys.
   */
  public synchronized void setThresholdUnchecked(String role, int threshold) {
    new UncheckedEditor(this).setThresholdUnchecked(role, threshold);
  }

  /** Unchecked: the threshold of one delegation ({@code delegator} to {@code role}). */
  public synchronized void setDelegationThresholdUnchecked(String delegator, String role, int threshold) {
    new UncheckedEditor(this).setDelegationThresholdUnchecked(delegator, role, threshold);
  }

  /**
   * Unchecked: the second role is listed with, and signed by, the first role's keys (an online
   * role's key is taken from the signing service: the online role must come first).
   */
  public synchronized void shareKeys(String role, String withRole) {
    new UncheckedEditor(this).shareKeys(role, withRole);
  }

  /**
   * Unchecked: root lists the role's first key a second time, under a made-up key id, with this
   * threshold; honest files of the role carry the same signature under both key ids.
   */
  public synchronized void aliasKeyUnchecked(String role, String aliasKeyId, int threshold) {
    new UncheckedEditor(this).aliasKeyUnchecked(role, aliasKeyId, threshold);
  }

  /**
   * Unchecked: lists a target whatever its path and whether the role is delegated it, with the
   * given hashes (any algorithm names) and custom data.
   */
  public synchronized void addTargetUnchecked(String role, String path, byte[] content, Map<String, String> hashes, JsonNode custom) {
    new UncheckedEditor(this).addTargetUnchecked(role, path, content, hashes, custom);
  }

  /**
   * Unchecked: {@code delegator} also delegates to a role that already exists (a second delegator,
   * or a cycle), listing the role's own keys, or a fresh key the role's files are not signed with.
   */
  public synchronized void delegateExistingUnchecked(String delegator, String role, Delegation spec, boolean differentKey) {
    new UncheckedEditor(this).delegateExistingUnchecked(delegator, role, spec, differentKey);
  }

  /** Unchecked: a new delegation whose role gets a fresh key the delegation does not list (it lists another fresh key). */
  public synchronized void delegateUnderDifferentKeyUnchecked(String delegator, String role, Delegation spec) {
    new UncheckedEditor(this).delegateUnderDifferentKeyUnchecked(delegator, role, spec);
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
