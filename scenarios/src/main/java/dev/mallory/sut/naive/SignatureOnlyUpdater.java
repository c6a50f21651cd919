package dev.mallory.sut.naive;

import dev.mallory.model.Key;
import dev.mallory.model.Metadata;
import dev.mallory.model.Role;
import dev.mallory.model.RoleType;
import dev.mallory.model.Root;
import dev.mallory.model.Snapshot;
import dev.mallory.model.Targets;
import dev.mallory.model.Timestamp;
import dev.mallory.client.errors.Reason;
import java.util.List;
import java.util.Map;

/**
 * The GPG model: one signing key, and a file is good if that key signed it ("Exploring Docker
 * Security - Part 3", "Why not use GPG for image signing?": "No freshness guarantees - Consider a
 * Man-in-the-Middle who serves you a package from years ago, which also has been signed by the
 * currently valid key pair. Your update system will download the package, successfully verify the
 * signature and install the software", seed 000; Cappos et al., "A Look In the Mirror", CCS 2008).
 *
 * <p>This client trusts exactly one key, the first targets key of the root it was given, and never
 * learns another (no root rotation). It finds {@code targets.json} by following timestamp and
 * snapshot as plain pointers (their signatures are by keys this design does not know, so they are
 * not checked), or fetches {@code targets.json} directly when the root says consistent_snapshot is
 * off. Then it accepts targets metadata if that one key signed it, whatever its version, expiry or
 * the role's threshold. Target files are checked against the signed length and hashes, as GPG
 * checks a package's signature.
 *
 * <p>So replays, freezes, rollbacks and mix-and-match get through; metadata the key did not sign
 * (forged, unsigned, signed by an attacker's key) and tampered targets do not.
 */
public final class SignatureOnlyUpdater implements NaiveUpdater {

  @Override
  public void refresh(Session session) throws Refusal {
    update(session);
  }

  @Override
  public void download(Session session, List<String> targetPaths) throws Refusal {
    Metadata<Targets> targets = update(session);
    boolean consistent = trustedRoot(session).signed().consistentSnapshot();
    for (String targetPath : targetPaths) {
      VerifiedTargetDownload.download(session, targets, targetPath, consistent);
    }
  }

  private static Metadata<Root> trustedRoot(Session session) throws Refusal {
    byte[] bytes = LocalMetadata.read(session.metadataDir(), "root")
        .orElseThrow(() -> new Refusal(Reason.INVALID_METADATA, "no trusted root.json in " + session.metadataDir() + " (run init first)"));
    return Verify.parse(bytes, Root.class, "trusted root.json");
  }

  private static Metadata<Targets> update(Session session) throws Refusal {
    Metadata<Root> root = trustedRoot(session);
    List<String> targetsKeys = root.signed().role(RoleType.TARGETS).keyIds();
    String keyId = targetsKeys.get(0);
    Key key = root.signed().key(keyId)
        .orElseThrow(() -> new Refusal(Reason.INVALID_METADATA, "trusted root.json is malformed: no key " + keyId));

    String targetsName = "targets.json";
    byte[] timestampBytes = null;
    byte[] snapshotBytes = null;
    if (root.signed().consistentSnapshot()) {
      // Pointers only: read the versions, check nothing (THE FLAW, part 1).
      BoundedFetcher.Response ts = BoundedFetcher.get(session.metadata("timestamp.json"), TopLevelUpdate.TIMESTAMP_MAX);
      TopLevelUpdate.requireOk(ts, "timestamp.json");
      Metadata<Timestamp> timestamp = Verify.parse(ts.body(), Timestamp.class, "timestamp.json");
      long snapshotVersion = timestamp.signed().snapshotMeta().version().orElse(1);
      String snapshotName = snapshotVersion + ".snapshot.json";
      BoundedFetcher.Response sn = BoundedFetcher.get(session.metadata(snapshotName), TopLevelUpdate.SNAPSHOT_MAX);
      TopLevelUpdate.requireOk(sn, snapshotName);
      Metadata<Snapshot> snapshot = Verify.parse(sn.body(), Snapshot.class, snapshotName);
      long targetsVersion = snapshot.signed().metaFor("targets")
          .orElseThrow(() -> new Refusal(Reason.INVALID_METADATA, snapshotName + " is malformed: it does not list targets.json"))
          .version().orElse(1);
      targetsName = targetsVersion + ".targets.json";
      timestampBytes = ts.body();
      snapshotBytes = sn.body();
    }
    BoundedFetcher.Response response = BoundedFetcher.get(session.metadata(targetsName), TopLevelUpdate.TARGETS_MAX);
    TopLevelUpdate.requireOk(response, targetsName);
    Metadata<Targets> targets = Verify.parse(response.body(), Targets.class, targetsName);
    // THE FLAW, part 2: one key, one signature, no version, no expiry, no threshold.
    Verify.threshold(targets, Map.of(keyId, key), new Role(List.of(keyId), 1), "targets.json");
    // The pointers it followed are kept too: they are what it now believes is current.
    if (timestampBytes != null) {
      LocalMetadata.write(session.metadataDir(), "timestamp", timestampBytes);
      LocalMetadata.write(session.metadataDir(), "snapshot", snapshotBytes);
    }
    LocalMetadata.write(session.metadataDir(), "targets", response.body());
    return targets;
  }
}
