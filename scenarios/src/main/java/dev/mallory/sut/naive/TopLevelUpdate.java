package dev.mallory.sut.naive;

import dev.mallory.model.Metadata;
import dev.mallory.model.MetaFile;
import dev.mallory.model.Role;
import dev.mallory.model.RoleType;
import dev.mallory.model.Root;
import dev.mallory.model.Signed;
import dev.mallory.model.Snapshot;
import dev.mallory.model.Targets;
import dev.mallory.model.Timestamp;
import dev.mallory.client.errors.Reason;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A small, correct update of the four top-level roles (spec 5.2-5.6, without delegations), shared
 * by the naive clients whose flaw lies elsewhere ({@code unchecked-payload}: the target bytes;
 * {@code tofu}: where the first root comes from). It is not the reference client and does not try
 * to be: no delegations, no mirrors, no artifact cache. Each rule cites its spec step.
 */
final class TopLevelUpdate {
  /** The python-tuf / go-tuf defaults for metadata without a listed length (research 2.B). */
  static final long ROOT_MAX = 512_000;
  static final long TIMESTAMP_MAX = 16_384;
  static final long SNAPSHOT_MAX = 2_000_000;
  static final long TARGETS_MAX = 5_000_000;
  static final int MAX_ROOT_ROTATIONS = 256;

  /** The metadata trusted at the end of an update. */
  record Trusted(Metadata<Root> root, Metadata<Timestamp> timestamp, Metadata<Snapshot> snapshot, Metadata<Targets> targets) {}

  private TopLevelUpdate() {}

  static Trusted run(Session session) throws Refusal {
    Path dir = session.metadataDir();
    // 5.2: the locally trusted root, verified against its own keys before any request.
    byte[] rootBytes = LocalMetadata.read(dir, "root")
        .orElseThrow(() -> new Refusal(Reason.INVALID_METADATA, "no trusted root.json in " + dir + " (run init first)"));
    Metadata<Root> root = Verify.parse(rootBytes, Root.class, "trusted root.json");
    Verify.threshold(root, root.signed().keys(), root.signed().role(RoleType.ROOT), "trusted root.json");

    root = updateRoot(session, root);
    // 5.3.10: only the final root's expiry matters.
    Verify.notExpired(root.signed(), session.referenceTime(), "final root.json");

    Metadata<Timestamp> timestamp = updateTimestamp(session, root);
    Metadata<Snapshot> snapshot = updateSnapshot(session, root, timestamp);
    Metadata<Targets> targets = updateTargets(session, root, snapshot);
    return new Trusted(root, timestamp, snapshot, targets);
  }

  /** 5.3: walk N+1.root.json one version at a time until the server has no newer one. */
  private static Metadata<Root> updateRoot(Session session, Metadata<Root> root) throws Refusal {
    for (int i = 0; i < MAX_ROOT_ROTATIONS; i++) {
      long next = root.version() + 1;
      BoundedFetcher.Response response = BoundedFetcher.get(session.metadata(next + ".root.json"), ROOT_MAX);
      if (response.status() == 404 || response.status() == 403) {
        break; // 5.3.3: no newer root
      }
      requireOk(response, next + ".root.json");
      Metadata<Root> candidate = Verify.parse(response.body(), Root.class, next + ".root.json");
      // 5.3.4: signed by a threshold of the trusted root's root keys ...
      Verify.threshold(candidate, root.signed().keys(), root.signed().role(RoleType.ROOT), "root v" + next + " (by the trusted root's keys)");
      // 5.3.5: ... with exactly the next version ...
      if (candidate.version() != next) {
        throw new Refusal(Reason.ROLLBACK, "Expected root version " + next + " instead got version " + candidate.version());
      }
      // 5.3.6: ... and by a threshold of its own root keys.
      Verify.threshold(candidate, candidate.signed().keys(), candidate.signed().role(RoleType.ROOT), "root v" + next + " (by its own keys)");
      boolean rotated =
          !sameKeys(root.signed(), candidate.signed(), RoleType.TIMESTAMP) || !sameKeys(root.signed(), candidate.signed(), RoleType.SNAPSHOT);
      root = candidate;
      LocalMetadata.write(session.metadataDir(), "root", response.body());
      if (rotated) {
        // 5.3.11: fast-forward recovery, forget timestamp and snapshot signed by the old keys.
        LocalMetadata.delete(session.metadataDir(), "timestamp");
        LocalMetadata.delete(session.metadataDir(), "snapshot");
      }
    }
    return root;
  }

  /** 5.4 */
  private static Metadata<Timestamp> updateTimestamp(Session session, Metadata<Root> root) throws Refusal {
    // An expired local timestamp still counts as the rollback reference (python-tuf, conformance).
    Optional<Metadata<Timestamp>> trusted = local(session.metadataDir(), "timestamp", Timestamp.class, root, RoleType.TIMESTAMP);
    BoundedFetcher.Response response = BoundedFetcher.get(session.metadata("timestamp.json"), TIMESTAMP_MAX);
    requireOk(response, "timestamp.json");
    Metadata<Timestamp> fresh = Verify.parse(response.body(), Timestamp.class, "timestamp.json");
    Verify.threshold(fresh, root.signed().keys(), root.signed().role(RoleType.TIMESTAMP), "timestamp.json");
    Metadata<Timestamp> result = fresh;
    if (trusted.isPresent()) {
      long old = trusted.get().version();
      if (fresh.version() < old) {
        throw new Refusal(Reason.ROLLBACK, "New timestamp version " + fresh.version() + " must be >= " + old);
      }
      if (fresh.version() == old) {
        result = trusted.get(); // 5.4.3.1: the same version is not an error; keep what is trusted
      } else if (snapshotVersion(fresh) < snapshotVersion(trusted.get())) {
        throw new Refusal(Reason.ROLLBACK, "New snapshot version " + snapshotVersion(fresh) + " in timestamp must be >= " + snapshotVersion(trusted.get()));
      }
    }
    Verify.notExpired(result.signed(), session.referenceTime(), "timestamp.json");
    if (result == fresh) {
      LocalMetadata.write(session.metadataDir(), "timestamp", response.body());
    }
    return result;
  }

  /** 5.5 */
  private static Metadata<Snapshot> updateSnapshot(Session session, Metadata<Root> root, Metadata<Timestamp> timestamp) throws Refusal {
    MetaFile meta = timestamp.signed().snapshotMeta();
    long expected = snapshotVersion(timestamp);
    Optional<Metadata<Snapshot>> trusted = local(session.metadataDir(), "snapshot", Snapshot.class, root, RoleType.SNAPSHOT);
    if (trusted.isPresent() && trusted.get().version() == expected && !trusted.get().signed().isExpiredAt(session.referenceTime())) {
      return trusted.get(); // still the current one: nothing to download
    }
    String name = root.signed().consistentSnapshot() ? expected + ".snapshot.json" : "snapshot.json";
    BoundedFetcher.Response response = BoundedFetcher.get(session.metadata(name), meta.length().orElse(SNAPSHOT_MAX));
    requireOk(response, name);
    // 5.5.2: the bytes timestamp pinned (checked before parsing: the hashes come from verified data).
    Verify.lengthAndHashes(response.body(), meta.length().isPresent() ? meta.length().getAsLong() : null, meta.hashes(), "snapshot.json");
    Metadata<Snapshot> fresh = Verify.parse(response.body(), Snapshot.class, name);
    Verify.threshold(fresh, root.signed().keys(), root.signed().role(RoleType.SNAPSHOT), "snapshot.json");
    if (trusted.isPresent()) {
      // 5.5.5: no role may disappear or go back.
      for (Map.Entry<String, MetaFile> old : trusted.get().signed().meta().entrySet()) {
        MetaFile now = fresh.signed().meta().get(old.getKey());
        if (now == null) {
          throw new Refusal(Reason.ROLLBACK, "rollback: new snapshot is missing info for '" + old.getKey() + "'");
        }
        if (versionOf(now) < versionOf(old.getValue())) {
          throw new Refusal(Reason.ROLLBACK, "New " + old.getKey() + " version " + versionOf(now) + " in snapshot must be >= " + versionOf(old.getValue()));
        }
      }
    }
    // 5.5.4
    if (fresh.version() != expected) {
      throw new Refusal(Reason.ROLLBACK, "Expected snapshot version " + expected + ", got " + fresh.version());
    }
    Verify.notExpired(fresh.signed(), session.referenceTime(), "snapshot.json");
    LocalMetadata.write(session.metadataDir(), "snapshot", response.body());
    return fresh;
  }

  /** 5.6, top-level targets only. */
  private static Metadata<Targets> updateTargets(Session session, Metadata<Root> root, Metadata<Snapshot> snapshot) throws Refusal {
    MetaFile meta = snapshot.signed().metaFor("targets")
        .orElseThrow(() -> new Refusal(Reason.INVALID_METADATA, "snapshot.json is malformed: it does not list targets.json"));
    long expected = versionOf(meta);
    Long length = meta.length().isPresent() ? meta.length().getAsLong() : null;
    Optional<Metadata<Targets>> trusted = local(session.metadataDir(), "targets", Targets.class, root, RoleType.TARGETS);
    if (trusted.isPresent() && trusted.get().version() == expected && !trusted.get().signed().isExpiredAt(session.referenceTime())) {
      try {
        Verify.lengthAndHashes(trusted.get().raw(), length, meta.hashes(), "targets.json");
        return trusted.get();
      } catch (Refusal stale) {
        // the cached copy is not the one snapshot pins: download it
      }
    }
    String name = root.signed().consistentSnapshot() ? expected + ".targets.json" : "targets.json";
    BoundedFetcher.Response response = BoundedFetcher.get(session.metadata(name), length != null ? length : TARGETS_MAX);
    requireOk(response, name);
    Verify.lengthAndHashes(response.body(), length, meta.hashes(), "targets.json"); // 5.6.2
    Metadata<Targets> fresh = Verify.parse(response.body(), Targets.class, name);
    Verify.threshold(fresh, root.signed().keys(), root.signed().role(RoleType.TARGETS), "targets.json"); // 5.6.3
    if (fresh.version() != expected) { // 5.6.4
      throw new Refusal(Reason.ROLLBACK, "Expected targets version " + expected + ", got " + fresh.version());
    }
    Verify.notExpired(fresh.signed(), session.referenceTime(), "targets.json"); // 5.6.5
    LocalMetadata.write(session.metadataDir(), "targets", response.body());
    return fresh;
  }

  /** A local file that still verifies with the current root, or nothing (a file that fails is ignored, as in python-tuf). */
  private static <T extends Signed> Optional<Metadata<T>> local(Path dir, String role, Class<T> type, Metadata<Root> root, RoleType roleType) {
    Optional<byte[]> bytes = LocalMetadata.read(dir, role);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      Metadata<T> metadata = Verify.parse(bytes.get(), type, role + ".json");
      Verify.threshold(metadata, root.signed().keys(), root.signed().role(roleType), role + ".json");
      return Optional.of(metadata);
    } catch (Refusal e) {
      return Optional.empty();
    }
  }

  static void requireOk(BoundedFetcher.Response response, String name) throws Refusal {
    if (response.status() != 200) {
      throw new Refusal(Reason.DOWNLOAD_ERROR, "download of " + name + " failed: HTTP " + response.status());
    }
  }

  private static long snapshotVersion(Metadata<Timestamp> timestamp) {
    return versionOf(timestamp.signed().snapshotMeta());
  }

  private static long versionOf(MetaFile meta) {
    // TUF 1.0 requires the version; the dialect keeps it optional only for Notary.
    return meta.version().orElse(0);
  }

  private static boolean sameKeys(Root a, Root b, RoleType type) {
    Role ra = a.role(type);
    Role rb = b.role(type);
    if (ra.threshold() != rb.threshold() || !new java.util.HashSet<>(ra.keyIds()).equals(new java.util.HashSet<>(rb.keyIds()))) {
      return false;
    }
    for (String id : ra.keyIds()) {
      if (!java.util.Objects.equals(a.keys().get(id), b.keys().get(id))) {
        return false;
      }
    }
    return true;
  }
}
