package dev.mallory.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.client.errors.DownloadHttpException;
import dev.mallory.client.errors.ExpiredMetadataException;
import dev.mallory.client.errors.LengthOrHashMismatchException;
import dev.mallory.client.errors.RollbackException;
import dev.mallory.client.errors.UnsignedMetadataException;
import dev.mallory.client.errors.WrongMetadataTypeException;
import dev.mallory.model.MetaFile;
import dev.mallory.model.Snapshot;
import dev.mallory.model.Timestamp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Checklist 12-33: timestamp, snapshot and top-level targets (spec 5.4-5.6). */
class TopLevelUpdateTest extends ClientTestBase {

  private static byte[] sameLengthTampered(byte[] raw) {
    return new String(raw, StandardCharsets.UTF_8).replaceFirst("\"version\":1", "\"version\":2")
        .getBytes(StandardCharsets.UTF_8);
  }

  private void publishTimestamp(long version) {
    repo.timestampVersion = version;
    repo.publish();
  }

  // --- 5.4 timestamp ---------------------------------------------------------------------------

  @Test
  void timestamp_unsigned_isRefusedAndOnlyRootIsTrusted() {
    repo.topLevelSigners.put("timestamp", List.of(repo.newKey()));
    repo.publish();

    UnsignedMetadataException e = refreshFails(UnsignedMetadataException.class);

    assertThat(e.role()).isEqualTo("timestamp");
    assertThat(e.valid()).isZero();
    assertThat(trustedVersion("timestamp")).isEqualTo(-1);
  }

  @Test
  void timestamp_ofWrongType_correctlySignedSnapshot_isRefused() {
    repo.topLevelSigners.put("snapshot", repo.topLevelSigners.get("timestamp"));
    repo.publish();
    repo.files.put("/metadata/timestamp.json", repo.bytes("snapshot"));

    WrongMetadataTypeException e = refreshFails(WrongMetadataTypeException.class);

    assertThat(e.expected()).isEqualTo("timestamp");
    assertThat(trustedVersion("timestamp")).isEqualTo(-1);
    assertThat(trustedVersion("root")).isEqualTo(1);
  }

  @Test
  void timestamp_rollbackToLowerVersion_isRefusedAndV2StaysTrusted() {
    publishTimestamp(2);
    byte[] v2 = repo.bytes("timestamp");
    refresh();
    publishTimestamp(1);

    RollbackException e = refreshFails(RollbackException.class);

    assertThat(e.role()).isEqualTo("timestamp");
    assertThat(e.kind()).isEqualTo(RollbackException.Kind.DECREASED);
    assertThat(e.expected()).isEqualTo(2);
    assertThat(e.found()).hasValue(1);
    assertThat(trustedBytes("timestamp")).isEqualTo(v2);
  }

  @Test
  void timestamp_sameVersionWithOtherContent_isKeptSilentlyWithoutSnapshotRequest() {
    refresh();
    byte[] trusted = trustedBytes("timestamp");
    repo.timestampExpires = repo.timestampExpires.plus(Duration.ofHours(1));
    repo.publish();
    server.requests.clear();

    TrustedVersions versions = refresh();

    assertThat(versions.timestamp()).hasValue(1);
    assertThat(trustedBytes("timestamp")).isEqualTo(trusted);
    assertThat(server.requests).containsExactly("/metadata/2.root.json", "/metadata/timestamp.json");
  }

  @Test
  void timestamp_snapshotVersionRollback_isRefused() {
    repo.snapshotVersion = 2;
    publishTimestamp(2);
    refresh();
    repo.snapshotVersion = 1;
    publishTimestamp(3);

    RollbackException e = refreshFails(RollbackException.class);

    assertThat(e.role()).isEqualTo("snapshot");
    assertThat(e.expected()).isEqualTo(2);
    assertThat(e.found()).hasValue(1);
    assertThat(trustedVersion("timestamp")).isEqualTo(2);
  }

  @Test
  void timestamp_expired_isRefusedAndV1StaysTrusted() {
    refresh();
    repo.timestampExpires = NOW.minusSeconds(1);
    publishTimestamp(2);

    ExpiredMetadataException e = refreshFails(ExpiredMetadataException.class);

    assertThat(e.role()).isEqualTo("timestamp");
    assertThat(e.expires()).isEqualTo(NOW.minusSeconds(1));
    assertThat(trustedVersion("timestamp")).isEqualTo(1);
  }

  @Test
  void timestamp_expiringExactlyAtStartTime_isExpired() {
    repo.timestampExpires = NOW;
    repo.publish();

    refreshFails(ExpiredMetadataException.class);
  }

  @Test
  void timestamp_expiredLocalCopy_isStillTheRollbackReference() {
    repo.timestampExpires = NOW.plus(Duration.ofHours(1));
    publishTimestamp(3);
    refresh();
    repo.timestampExpires = NOW.plus(Duration.ofDays(7));
    publishTimestamp(2);

    RollbackException e = refreshFails(updaterAt(NOW.plus(Duration.ofHours(2))), RollbackException.class);

    assertThat(e.expected()).isEqualTo(3);
  }

  @Test
  void timestamp_expiredLocalCopy_doesNotBlockAValidUpdate() {
    repo.timestampExpires = NOW.plus(Duration.ofHours(1));
    repo.publish();
    refresh();
    repo.timestampExpires = NOW.plus(Duration.ofDays(7));
    publishTimestamp(2);

    updaterAt(NOW.plus(Duration.ofHours(2))).refresh();

    assertThat(trustedVersion("timestamp")).isEqualTo(2);
  }

  @Test
  void timestamp_404_failsRefresh() {
    repo.files.remove("/metadata/timestamp.json");

    DownloadHttpException e = refreshFails(DownloadHttpException.class);

    assertThat(e.status()).isEqualTo(404);
  }

  @Test
  void timestamp_isPersistedByteForByteAsServed() {
    byte[] served = (new String(repo.bytes("timestamp"), StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
    repo.files.put("/metadata/timestamp.json", served);

    refresh();

    assertThat(trustedBytes("timestamp")).isEqualTo(served);
  }

  // --- 5.5 snapshot ----------------------------------------------------------------------------

  @Test
  void snapshot_cachedAndCurrent_isNotDownloadedAgain() {
    refresh();
    publishTimestamp(2); // same snapshot
    server.requests.clear();

    refresh();

    assertThat(server.requests).containsExactly("/metadata/2.root.json", "/metadata/timestamp.json");
    assertThat(trustedVersion("timestamp")).isEqualTo(2);
  }

  @Test
  void snapshot_hashMismatchWithTimestamp_isRefusedAndTimestampStaysTrusted() {
    repo.metaHashes = true;
    repo.publish();
    repo.files.put("/metadata/1.snapshot.json", sameLengthTampered(repo.bytes("snapshot")));

    LengthOrHashMismatchException e = refreshFails(LengthOrHashMismatchException.class);

    assertThat(e.subject()).isEqualTo("snapshot");
    assertThat(trustedVersion("timestamp")).isEqualTo(1);
    assertThat(trustedVersion("snapshot")).isEqualTo(-1);
  }

  @Test
  void snapshot_unknownHashAlgorithmInTimestamp_failsClosed() {
    byte[] snapshot = repo.bytes("snapshot");
    Timestamp ts = new Timestamp(2, repo.timestampExpires, repo.specVersion(),
        new MetaFile(OptionalLong.of(1), OptionalLong.of(snapshot.length), Map.of("md5-unknown", "00")), Map.of());
    repo.files.put("/metadata/timestamp.json", repo.dialect.sign(ts, repo.topLevelSigners.get("timestamp")).raw());

    LengthOrHashMismatchException e = refreshFails(LengthOrHashMismatchException.class);

    assertThat(e.found()).contains("unsupported");
    assertThat(trustedVersion("snapshot")).isEqualTo(-1);
  }

  @Test
  void snapshot_unsigned_isRefusedAndTimestampStaysTrusted() {
    repo.topLevelSigners.put("snapshot", List.of(repo.newKey()));
    repo.publish();

    UnsignedMetadataException e = refreshFails(UnsignedMetadataException.class);

    assertThat(e.role()).isEqualTo("snapshot");
    assertThat(trustedVersion("timestamp")).isEqualTo(1);
    assertThat(trustedVersion("snapshot")).isEqualTo(-1);
  }

  @Test
  void snapshot_ofWrongType_isRefused() {
    repo.files.put("/metadata/1.snapshot.json", repo.bytes("targets"));

    WrongMetadataTypeException e = refreshFails(WrongMetadataTypeException.class);

    assertThat(e.expected()).isEqualTo("snapshot");
    assertThat(e.found()).isEqualTo("targets");
  }

  @Test
  void snapshot_versionDifferentFromTimestamp_isMixAndMatch() {
    repo.snapshotVersion = 3;
    repo.publish();
    repo.files.put("/metadata/1.snapshot.json", repo.files.get("/metadata/3.snapshot.json"));
    byte[] snapshot = repo.bytes("snapshot");
    Timestamp ts = new Timestamp(2, repo.timestampExpires, repo.specVersion(), MetaFile.ofVersion(1), Map.of());
    repo.files.put("/metadata/timestamp.json", repo.dialect.sign(ts, repo.topLevelSigners.get("timestamp")).raw());
    assertThat(snapshot).isNotEmpty();

    RollbackException e = refreshFails(RollbackException.class);

    assertThat(e.role()).isEqualTo("snapshot");
    assertThat(e.kind()).isEqualTo(RollbackException.Kind.MISMATCH);
    assertThat(e.expected()).isEqualTo(1);
    assertThat(e.found()).hasValue(3);
    assertThat(trustedVersion("snapshot")).isEqualTo(-1);
  }

  @Test
  void snapshot_roleRemoved_isRollback() {
    repo.addDelegation("targets", "role1", List.of("*"), false);
    repo.publish();
    refresh();
    repo.roles.remove("role1");
    repo.snapshotVersion = 2;
    publishTimestamp(2);

    RollbackException e = refreshFails(RollbackException.class);

    assertThat(e.role()).isEqualTo("role1");
    assertThat(e.kind()).isEqualTo(RollbackException.Kind.REMOVED);
    assertThat(trustedVersion("snapshot")).isEqualTo(1);
  }

  @Test
  void snapshot_targetsVersionDecreases_isRollbackAndSnapshotV2StaysTrusted() {
    repo.role("targets").version = 2;
    repo.snapshotVersion = 2;
    publishTimestamp(2);
    refresh();
    repo.role("targets").version = 1;
    repo.snapshotVersion = 3;
    publishTimestamp(3);

    RollbackException e = refreshFails(RollbackException.class);

    assertThat(e.role()).isEqualTo("targets");
    assertThat(e.kind()).isEqualTo(RollbackException.Kind.DECREASED);
    assertThat(trustedVersion("snapshot")).isEqualTo(2);
  }

  @Test
  void snapshot_rollbackWithHashes_isRefused() {
    repo.metaHashes = true;
    repo.snapshotVersion = 2;
    publishTimestamp(2);
    refresh();
    repo.snapshotVersion = 1;
    publishTimestamp(3);

    RollbackException e = refreshFails(RollbackException.class);

    assertThat(e.expected()).isEqualTo(2);
    assertThat(trustedVersion("snapshot")).isEqualTo(2);
  }

  @Test
  void snapshot_expired_isRefusedAndTimestampV2Accepted() {
    refresh();
    repo.snapshotExpires = NOW.minusSeconds(1);
    repo.snapshotVersion = 2;
    publishTimestamp(2);

    ExpiredMetadataException e = refreshFails(ExpiredMetadataException.class);

    assertThat(e.role()).isEqualTo("snapshot");
    assertThat(trustedVersion("timestamp")).isEqualTo(2);
    assertThat(trustedVersion("snapshot")).isEqualTo(1);
  }

  @Test
  void snapshot_404_failsRefreshAndTimestampV2StaysTrusted() {
    refresh();
    repo.snapshotVersion = 2;
    publishTimestamp(2);
    repo.files.remove("/metadata/2.snapshot.json");

    refreshFails(DownloadHttpException.class);

    assertThat(trustedVersion("timestamp")).isEqualTo(2);
    assertThat(trustedVersion("snapshot")).isEqualTo(1);
  }

  // --- 5.6 targets -----------------------------------------------------------------------------

  @Test
  void targets_hashMismatchWithSnapshot_isRefusedAndSnapshotStaysTrusted() {
    repo.metaHashes = true;
    repo.publish();
    repo.files.put("/metadata/1.targets.json", sameLengthTampered(repo.bytes("targets")));

    LengthOrHashMismatchException e = refreshFails(LengthOrHashMismatchException.class);

    assertThat(e.subject()).isEqualTo("targets");
    assertThat(trustedVersion("snapshot")).isEqualTo(1);
    assertThat(trustedVersion("targets")).isEqualTo(-1);
  }

  @Test
  void targets_unsigned_isRefused() {
    repo.topLevelSigners.put("targets", List.of(repo.newKey()));
    repo.publish();

    UnsignedMetadataException e = refreshFails(UnsignedMetadataException.class);

    assertThat(e.role()).isEqualTo("targets");
    assertThat(e.signedBy()).isEqualTo("root");
    assertThat(trustedVersion("snapshot")).isEqualTo(1);
    assertThat(trustedVersion("targets")).isEqualTo(-1);
  }

  @Test
  void targets_ofWrongType_isRefused() {
    repo.files.put("/metadata/1.targets.json", repo.bytes("snapshot"));

    refreshFails(WrongMetadataTypeException.class);
    assertThat(trustedVersion("targets")).isEqualTo(-1);
  }

  @Test
  void targets_versionDifferentFromSnapshot_isRefused() {
    repo.role("targets").version = 3;
    repo.publish();
    repo.files.put("/metadata/1.targets.json", repo.files.get("/metadata/3.targets.json"));
    Snapshot s = new Snapshot(2, repo.snapshotExpires, repo.specVersion(), Map.of("targets", MetaFile.ofVersion(1)), Map.of());
    repo.files.put("/metadata/2.snapshot.json", repo.dialect.sign(s, repo.topLevelSigners.get("snapshot")).raw());
    Timestamp ts = new Timestamp(2, repo.timestampExpires, repo.specVersion(), MetaFile.ofVersion(2), Map.of());
    repo.files.put("/metadata/timestamp.json", repo.dialect.sign(ts, repo.topLevelSigners.get("timestamp")).raw());

    RollbackException e = refreshFails(RollbackException.class);

    assertThat(e.role()).isEqualTo("targets");
    assertThat(e.expected()).isEqualTo(1);
    assertThat(e.found()).hasValue(3);
    assertThat(trustedVersion("targets")).isEqualTo(-1);
  }

  @Test
  void targets_expired_isRefusedAndSnapshotV2Accepted() {
    refresh();
    repo.role("targets").expires = NOW.minusSeconds(1);
    repo.role("targets").version = 2;
    repo.snapshotVersion = 2;
    publishTimestamp(2);

    ExpiredMetadataException e = refreshFails(ExpiredMetadataException.class);

    assertThat(e.role()).isEqualTo("targets");
    assertThat(trustedVersion("snapshot")).isEqualTo(2);
    assertThat(trustedVersion("targets")).isEqualTo(1);
  }

  @Test
  void targets_404_failsRefreshAndSnapshotV2StaysTrusted() {
    refresh();
    repo.role("targets").version = 2;
    repo.snapshotVersion = 2;
    publishTimestamp(2);
    repo.files.remove("/metadata/2.targets.json");

    refreshFails(DownloadHttpException.class);

    assertThat(trustedVersion("snapshot")).isEqualTo(2);
    assertThat(trustedVersion("targets")).isEqualTo(1);
  }

  @Test
  void targets_fastForwardRecovery_afterSnapshotKeyRotation() {
    repo.role("targets").version = 99_999;
    repo.snapshotVersion = 2;
    publishTimestamp(2);
    refresh();

    rotate("snapshot", true);
    rotate("timestamp", true);
    repo.role("targets").version = 1;
    repo.snapshotVersion = 1;
    publishTimestamp(1);
    refresh();

    assertThat(trustedVersion("targets")).isEqualTo(1);
  }

  @Test
  void metaWithHashesAndLengths_isAcceptedEndToEnd() {
    repo.metaHashes = true;
    repo.publish();

    TrustedVersions v = refresh();

    assertThat(v.targets()).containsEntry("targets", 1L);
  }
}
