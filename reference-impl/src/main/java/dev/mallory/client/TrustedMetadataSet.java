package dev.mallory.client;

import dev.mallory.client.errors.ExpiredMetadataException;
import dev.mallory.client.errors.LengthOrHashMismatchException;
import dev.mallory.client.errors.MalformedMetadataException;
import dev.mallory.client.errors.RoleNotInSnapshotException;
import dev.mallory.client.errors.RollbackException;
import dev.mallory.client.errors.RollbackException.Kind;
import dev.mallory.client.errors.UnsignedMetadataException;
import dev.mallory.client.errors.WrongMetadataTypeException;
import dev.mallory.crypto.ThresholdCheck;
import dev.mallory.dialect.Dialect;
import dev.mallory.model.DelegatedRole;
import dev.mallory.model.Delegations;
import dev.mallory.model.Key;
import dev.mallory.model.MetaFile;
import dev.mallory.model.Metadata;
import dev.mallory.model.MetadataFormatException;
import dev.mallory.model.Role;
import dev.mallory.model.RoleType;
import dev.mallory.model.Root;
import dev.mallory.model.Signed;
import dev.mallory.model.Snapshot;
import dev.mallory.model.Targets;
import dev.mallory.model.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Set;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Every acceptance rule of the specification's detailed client workflow (section 5), and nothing
 * else: no IO, no clock, no persistence. Metadata enters strictly in workflow order (root, then
 * timestamp, snapshot, targets, delegated targets); each {@code update*} method either makes the
 * new metadata trusted or throws the typed exception of the rule it broke.
 *
 * <p>As in python-tuf, a timestamp or snapshot that passes the signature and rollback rules but is
 * expired (or, for snapshot, not the version timestamp names) is kept as the rollback reference
 * before the error is raised; the updater never persists it, and the next role refuses to load on
 * top of it.
 *
 * <p>Delegated targets are trusted per (delegator, role), never per role name: a role reached
 * through a second delegator is verified again with that delegator's keys (the 2026 diamond
 * delegation bug of python-tuf #2977 and go-tuf #759).
 */
public final class TrustedMetadataSet {
  /** A trusted targets role, as reached from one delegator ({@code "root"} for top-level targets). */
  public record RoleKey(String delegator, String role) {
    // Written out: a record's generated equals/hashCode go through invokedynamic, slow until
    // compiled, and this key is hashed on every role look-up of every target search.
    @Override
    public boolean equals(Object o) {
      return o instanceof RoleKey k && delegator.equals(k.delegator) && role.equals(k.role);
    }

    @Override
    public int hashCode() {
      return 31 * delegator.hashCode() + role.hashCode();
    }
  }

  private final Instant referenceTime;
  private final Dialect dialect;
  private Metadata<Root> root;
  private Metadata<Timestamp> timestamp;
  private Metadata<Snapshot> snapshot;
  private final Map<RoleKey, Metadata<Targets>> targets = new LinkedHashMap<>();
  // The same objects as targets.values(), by identity: "is this delegator trusted?" is asked once
  // per delegated role loaded, and a scan of every trusted role made 1,024 hash bins quadratic.
  private final Set<Metadata<Targets>> trustedTargets = Collections.newSetFromMap(new IdentityHashMap<>());

  /**
   * 5.2: loads the trusted root (shipped out of band) and checks it is signed by a threshold of its
   * own root keys. Its expiry does not matter yet (5.3.10 checks the final root).
   *
   * @param referenceTime 5.1: the fixed update start time, used for every expiry check
   */
  public TrustedMetadataSet(byte[] rootData, Instant referenceTime, Dialect dialect) {
    this.referenceTime = referenceTime;
    this.dialect = dialect;
    Metadata<Root> initial = parse("root", rootData, Root.class);
    // 5.2: self-signed by a threshold of its own root keys.
    verify(initial, initial.signed().keys(), initial.signed().role(RoleType.ROOT), "root", "trusted root");
    this.root = initial;
  }

  public Instant referenceTime() {
    return referenceTime;
  }

  public Metadata<Root> root() {
    return root;
  }

  public Optional<Metadata<Timestamp>> timestamp() {
    return Optional.ofNullable(timestamp);
  }

  public Optional<Metadata<Snapshot>> snapshot() {
    return Optional.ofNullable(snapshot);
  }

  public Optional<Metadata<Targets>> targets(String delegator, String role) {
    return Optional.ofNullable(targets.get(new RoleKey(delegator, role)));
  }

  /** The top-level targets role, once trusted. */
  public Optional<Metadata<Targets>> topLevelTargets() {
    return targets("root", "targets");
  }

  /** 5.3.4 - 5.3.8: one step of the root chain, N to N+1. */
  public Metadata<Root> updateRoot(byte[] data) {
    if (timestamp != null) {
      throw new IllegalStateException("root cannot be updated after timestamp");
    }
    Metadata<Root> trusted = root;
    // 5.3.4 (checklist 4): the file must be a root.
    Metadata<Root> candidate = parse("root", data, Root.class);
    // 5.3.4 (checklist 5): signed by a threshold of the trusted root's root keys...
    verify(candidate, trusted.signed().keys(), trusted.signed().role(RoleType.ROOT), "root", "trusted root");
    // 5.3.5 (checklist 6): the version is exactly N+1, neither a replay nor a skip.
    long expected = trusted.version() + 1;
    if (candidate.version() != expected) {
      throw new RollbackException("root", Kind.MISMATCH, expected, OptionalLong.of(candidate.version()));
    }
    // 5.3.4 (checklist 7): ...and by a threshold of its own root keys. Intermediate expiry is ignored.
    verify(candidate, candidate.signed().keys(), candidate.signed().role(RoleType.ROOT), "root", "new root");
    // 5.3.8: it becomes the trusted root.
    root = candidate;
    return candidate;
  }

  /** 5.3.10: the final root must not be expired. The (expired) root stays trusted and persisted. */
  public void checkFinalRoot() {
    if (root.signed().isExpiredAt(referenceTime)) {
      throw new ExpiredMetadataException("root", root.signed().expires(), referenceTime);
    }
  }

  /**
   * 5.4: a new timestamp.
   *
   * @return true when the timestamp is new; false when it has the trusted version (5.4.3.1: equal
   *     is not an error, the trusted copy is kept and nothing else happens)
   */
  public boolean updateTimestamp(byte[] data) {
    if (snapshot != null) {
      throw new IllegalStateException("timestamp cannot be updated after snapshot");
    }
    // 5.3.10 again: nothing loads on top of an expired root.
    checkFinalRoot();
    // 5.4.2: right type, signed by a threshold of root's timestamp keys.
    Metadata<Timestamp> candidate = parse("timestamp", data, Timestamp.class);
    verify(candidate, root.signed().keys(), root.signed().role(RoleType.TIMESTAMP), "timestamp", "root");
    if (timestamp != null) {
      // 5.4.3.1: the timestamp version must not decrease...
      if (candidate.version() < timestamp.version()) {
        throw new RollbackException("timestamp", Kind.DECREASED, timestamp.version(),
            OptionalLong.of(candidate.version()));
      }
      // ...and an equal version means nothing changed: keep the trusted one, silently.
      if (candidate.version() == timestamp.version()) {
        return false;
      }
      // 5.4.3.2: the snapshot version it names must not decrease either (spec PR #106).
      OptionalLong trustedSnapshot = timestamp.signed().snapshotMeta().version();
      OptionalLong newSnapshot = candidate.signed().snapshotMeta().version();
      if (trustedSnapshot.isPresent() && newSnapshot.isPresent()
          && newSnapshot.getAsLong() < trustedSnapshot.getAsLong()) {
        throw new RollbackException("snapshot", Kind.DECREASED, trustedSnapshot.getAsLong(), newSnapshot);
      }
    }
    // Trusted from here on as the rollback reference, even if expired (python-tuf "intermediate").
    timestamp = candidate;
    // 5.4.4: not expired.
    checkFinalTimestamp();
    return true;
  }

  private void checkFinalTimestamp() {
    if (timestamp.signed().isExpiredAt(referenceTime)) {
      throw new ExpiredMetadataException("timestamp", timestamp.signed().expires(), referenceTime);
    }
  }

  /**
   * 5.5: a new snapshot.
   *
   * @param fromCache the local copy: its hashes are not compared with the new timestamp (it is
   *     only loaded to serve as rollback reference and, if current, to save a download)
   */
  public Metadata<Snapshot> updateSnapshot(byte[] data, boolean fromCache) {
    if (timestamp == null) {
      throw new IllegalStateException("snapshot needs a trusted timestamp");
    }
    if (!targets.isEmpty()) {
      throw new IllegalStateException("snapshot cannot be updated after targets");
    }
    checkFinalTimestamp();
    MetaFile meta = timestamp.signed().snapshotMeta();
    // 5.5.2: length and hashes as timestamp lists them (checked first: they come from a verified
    // timestamp, and they bound the work an attacker can cause).
    if (!fromCache) {
      Hashes.verify("snapshot", data, meta.length(), meta.hashes());
    }
    // 5.5.3: right type, signed by a threshold of root's snapshot keys.
    Metadata<Snapshot> candidate = parse("snapshot", data, Snapshot.class);
    verify(candidate, root.signed().keys(), root.signed().role(RoleType.SNAPSHOT), "snapshot", "root");
    if (snapshot != null) {
      // 5.5.5: every role the trusted snapshot lists is still listed, its version not lower.
      for (Map.Entry<String, MetaFile> e : snapshot.signed().meta().entrySet()) {
        MetaFile now = candidate.signed().meta().get(e.getKey());
        OptionalLong was = e.getValue().version();
        if (was.isEmpty()) {
          continue; // Notary pins by hash, not version; its rollback rule is the snapshot version below.
        }
        if (now == null) {
          throw new RollbackException(e.getKey(), Kind.REMOVED, was.getAsLong(), OptionalLong.empty());
        }
        if (now.version().isPresent() && now.version().getAsLong() < was.getAsLong()) {
          throw new RollbackException(e.getKey(), Kind.DECREASED, was.getAsLong(), now.version());
        }
      }
      // Notary (no version in timestamp meta): the snapshot version itself must not decrease.
      if (meta.version().isEmpty() && candidate.version() < snapshot.version()) {
        throw new RollbackException("snapshot", Kind.DECREASED, snapshot.version(),
            OptionalLong.of(candidate.version()));
      }
    }
    snapshot = candidate;
    checkFinalSnapshot();
    return candidate;
  }

  private void checkFinalSnapshot() {
    // 5.5.6: not expired.
    if (snapshot.signed().isExpiredAt(referenceTime)) {
      throw new ExpiredMetadataException("snapshot", snapshot.signed().expires(), referenceTime);
    }
    // 5.5.4: exactly the version timestamp names (mix-and-match).
    OptionalLong expected = timestamp.signed().snapshotMeta().version();
    if (expected.isPresent() && snapshot.version() != expected.getAsLong()) {
      throw new RollbackException("snapshot", Kind.MISMATCH, expected.getAsLong(),
          OptionalLong.of(snapshot.version()));
    }
    // Notary names no version, only hashes: a cached snapshot is current only if it is the file the
    // timestamp pins (else a stale cached copy would pass as final).
    if (expected.isEmpty()) {
      MetaFile meta = timestamp.signed().snapshotMeta();
      Hashes.verify("snapshot", snapshot.raw(), meta.length(), meta.hashes());
    }
    // Notary: snapshot pins root too (notary.md 8); the root we walked to must be that root.
    if (dialect == Dialect.NOTARY) {
      MetaFile rootMeta = snapshot.signed().meta().get("root");
      if (rootMeta != null && !rootMeta.hashes().isEmpty()) {
        Hashes.verify("root", root.raw(), rootMeta.length(), rootMeta.hashes());
      }
    }
  }

  /** The snapshot entry of a targets role; 5.6.1: a role snapshot does not list is never fetched. */
  public MetaFile snapshotMetaFor(String role) {
    if (snapshot == null) {
      throw new IllegalStateException("targets need a trusted snapshot");
    }
    return snapshot.signed().metaFor(role).orElseThrow(() -> new RoleNotInSnapshotException(role));
  }

  /** 5.6: the top-level targets role, delegated by root. */
  public Metadata<Targets> updateTargets(byte[] data) {
    return updateTargets(data, "targets", "root", root.signed().keys(), root.signed().role(RoleType.TARGETS));
  }

  /**
   * 5.6 for a delegated role, verified with the keys of the delegator it was reached through.
   *
   * @param parent trusted targets metadata of the delegator, as this set returned it
   */
  public Metadata<Targets> updateDelegatedTargets(byte[] data, String role, String parentName, Metadata<Targets> parent) {
    if (!trustedTargets.contains(parent)) {
      throw new IllegalStateException("the delegator " + parentName + " is not trusted");
    }
    Delegations delegations = parent.signed().delegations()
        .orElseThrow(() -> new MalformedMetadataException(role, parentName + " delegates no roles"));
    DelegatedRole delegated = delegations.role(role)
        .orElseThrow(() -> new MalformedMetadataException(role, "not delegated by " + parentName));
    return updateTargets(data, role, parentName, delegations.keys(),
        new Role(delegated.keyIds(), delegated.threshold()));
  }

  private Metadata<Targets> updateTargets(byte[] data, String role, String delegator, Map<String, Key> keys, Role keyRole) {
    if (snapshot == null) {
      throw new IllegalStateException("targets need a trusted snapshot");
    }
    checkFinalSnapshot();
    // 5.6.1 (checklist 27): snapshot must list the role.
    MetaFile meta = snapshotMetaFor(role);
    // 5.6.2: length and hashes as snapshot lists them.
    Hashes.verify(role, data, meta.length(), meta.hashes());
    // 5.6.3: right type, signed by a threshold of the delegator's keys for this role.
    Metadata<Targets> candidate = parse(role, data, Targets.class);
    verify(candidate, keys, keyRole, role, delegator);
    // 5.6.4: exactly the version snapshot lists (rollback and mix-and-match).
    if (meta.version().isPresent() && candidate.version() != meta.version().getAsLong()) {
      throw new RollbackException(role, Kind.MISMATCH, meta.version().getAsLong(),
          OptionalLong.of(candidate.version()));
    }
    // 5.6.5: not expired.
    if (candidate.signed().isExpiredAt(referenceTime)) {
      throw new ExpiredMetadataException(role, candidate.signed().expires(), referenceTime);
    }
    Metadata<Targets> replaced = targets.put(new RoleKey(delegator, role), candidate);
    if (replaced != null) {
      trustedTargets.remove(replaced);
    }
    trustedTargets.add(candidate);
    return candidate;
  }

  private <T extends Signed> Metadata<T> parse(String role, byte[] data, Class<T> type) {
    Metadata<? extends Signed> parsed;
    try {
      parsed = dialect.parse(data);
    } catch (MetadataFormatException e) {
      throw new MalformedMetadataException(role, e);
    }
    // B4: a correctly signed file of another role is refused (conformance test_incorrect_metadata_type).
    RoleType expected = type == Root.class ? RoleType.ROOT
        : type == Timestamp.class ? RoleType.TIMESTAMP
        : type == Snapshot.class ? RoleType.SNAPSHOT
        : RoleType.TARGETS;
    if (parsed.type() != expected) {
      throw new WrongMetadataTypeException(expected.roleName(), parsed.type().roleName());
    }
    return parsed.as(type);
  }

  // Threshold of distinct trusted keys (each key once, however many key ids or signatures name it).
  private void verify(Metadata<? extends Signed> md, Map<String, Key> keys, Role role, String roleName, String signedBy) {
    ThresholdCheck.Result result = ThresholdCheck.count(
        md.signedBytes(), md.signatures(), keys, role.keyIds(), role.threshold(), dialect.keyEncoding());
    if (!result.reached()) {
      throw new UnsignedMetadataException(roleName, signedBy, result.valid(), role.threshold());
    }
  }

  /** The versions trusted now, for reports and tests. */
  public TrustedVersions versions() {
    Map<String, Long> delegated = new LinkedHashMap<>();
    targets.forEach((k, v) -> delegated.put(k.role(), v.version()));
    return new TrustedVersions(
        root.version(),
        timestamp == null ? OptionalLong.empty() : OptionalLong.of(timestamp.version()),
        snapshot == null ? OptionalLong.empty() : OptionalLong.of(snapshot.version()),
        Map.copyOf(delegated));
  }

}
