package dev.mallory.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.client.errors.DownloadHttpException;
import dev.mallory.client.errors.ExpiredMetadataException;
import dev.mallory.client.errors.MalformedMetadataException;
import dev.mallory.client.errors.Reason;
import dev.mallory.client.errors.RollbackException;
import dev.mallory.client.errors.UnsignedMetadataException;
import dev.mallory.client.errors.WrongMetadataTypeException;
import dev.mallory.model.Root;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Checklist 1-11: fixed start time, trusted root, the root chain (spec 5.1-5.3). */
class RootUpdateTest extends ClientTestBase {

  @Test
  void fixedStartTime_clockIsReadOncePerRefresh_soLaterReadsCannotExpireMetadata() {
    AtomicInteger reads = new AtomicInteger();
    Clock jumping = new Clock() {
      @Override public ZoneId getZone() { return ZoneId.of("UTC"); }
      @Override public Clock withZone(ZoneId zone) { return this; }
      @Override public Instant instant() {
        // first read is "now"; any later read would be after every expiry
        return reads.getAndIncrement() == 0 ? NOW : NOW.plus(Duration.ofDays(30));
      }
    };
    TrustedVersions versions = builder().clock(jumping).build().refresh();

    assertThat(reads).hasValue(1);
    assertThat(versions.timestamp()).hasValue(1);
  }

  @Test
  void firstRefresh_requestsRootTimestampSnapshotTargetsAndPersistsThemUnversioned() {
    refresh();

    assertThat(server.requests).containsExactly(
        "/metadata/2.root.json", "/metadata/timestamp.json", "/metadata/1.snapshot.json", "/metadata/1.targets.json");
    assertThat(trustedVersion("root")).isEqualTo(1);
    assertThat(trustedVersion("timestamp")).isEqualTo(1);
    assertThat(trustedVersion("snapshot")).isEqualTo(1);
    assertThat(trustedVersion("targets")).isEqualTo(1);
    assertThat(metadataDir.toFile().list()).containsExactlyInAnyOrder(
        "root.json", "timestamp.json", "snapshot.json", "targets.json");
  }

  @Test
  void trustedRoot_unsigned_isRefusedBeforeAnyRequest() throws Exception {
    String unsigned = new String(repo.rootBytes(1), StandardCharsets.UTF_8)
        .replaceAll("\"signatures\":\\[.*\\]", "\"signatures\":[]");
    Files.writeString(new MetadataStore(metadataDir).fileFor("root"), unsigned);

    UnsignedMetadataException e = refreshFails(UnsignedMetadataException.class);

    assertThat(e.valid()).isZero();
    assertThat(e.threshold()).isEqualTo(1);
    assertThat(server.requests).isEmpty();
  }

  @Test
  void trustedRoot_malformed_isRefusedBeforeAnyRequest() throws Exception {
    Files.writeString(new MetadataStore(metadataDir).fileFor("root"), "{\"signed\":{\"_type\":\"root\"},\"signatures\":[]}");

    MalformedMetadataException e = refreshFails(MalformedMetadataException.class);

    assertThat(e.reason()).isEqualTo(Reason.INVALID_METADATA);
    assertThat(server.requests).isEmpty();
  }

  @Test
  void trustedRoot_missing_isRefusedBeforeAnyRequest() throws Exception {
    Files.delete(new MetadataStore(metadataDir).fileFor("root"));

    refreshFails(MalformedMetadataException.class);
    assertThat(server.requests).isEmpty();
  }

  @Test
  void rootChain_walksEveryVersionUntil404_andPersistsTheLast() {
    publishNextRoot();
    publishNextRoot();

    refresh();

    assertThat(server.requestsUnder("/metadata/").subList(0, 3))
        .containsExactly("/metadata/2.root.json", "/metadata/3.root.json", "/metadata/4.root.json");
    assertThat(trustedBytes("root")).isEqualTo(repo.rootBytes(3));
  }

  @Test
  void rootChain_stopsAfterMaxRootRotations() {
    for (int i = 0; i < 5; i++) {
      publishNextRoot();
    }
    updater(UpdaterConfig.DEFAULTS.withMaxRootRotations(3)).refresh();

    assertThat(trustedVersion("root")).isEqualTo(4);
    assertThat(server.requests).doesNotContain("/metadata/5.root.json");
  }

  @Test
  void rootChain_serverErrorOtherThan404_abortsRefresh() {
    server.handlers.put("/metadata/2.root.json", TestHttpServer.status(500));

    DownloadHttpException e = refreshFails(DownloadHttpException.class);

    assertThat(e.status()).isEqualTo(500);
    assertThat(server.requests).containsExactly("/metadata/2.root.json");
  }

  @Test
  void newRoot_ofWrongType_isRefusedAndV1StaysTrusted() {
    repo.files.put("/metadata/2.root.json", repo.bytes("timestamp"));

    WrongMetadataTypeException e = refreshFails(WrongMetadataTypeException.class);

    assertThat(e.expected()).isEqualTo("root");
    assertThat(e.found()).isEqualTo("timestamp");
    assertThat(trustedVersion("root")).isEqualTo(1);
  }

  @Test
  void newRoot_notSignedByTrustedRootKeys_isRefusedAndV1StaysTrusted() {
    rotate("root", false);

    UnsignedMetadataException e = refreshFails(UnsignedMetadataException.class);

    assertThat(e.signedBy()).isEqualTo("trusted root");
    assertThat(e.valid()).isZero();
    assertThat(trustedVersion("root")).isEqualTo(1);
    assertThat(trustedVersion("timestamp")).isEqualTo(-1);
  }

  @Test
  void newRoot_notSignedByItsOwnNewKeys_isRefusedAndV1StaysTrusted() {
    var oldRoot = List.copyOf(repo.topLevelSigners.get("root"));
    repo.setTopLevelKeys("root", List.of(repo.newKey()), 1);
    repo.topLevelSigners.put("root", oldRoot); // signs with the old key only
    publishNextRoot();

    UnsignedMetadataException e = refreshFails(UnsignedMetadataException.class);

    assertThat(e.signedBy()).isEqualTo("new root");
    assertThat(trustedVersion("root")).isEqualTo(1);
  }

  @Test
  void rootRotation_signedByOldAndNewKeys_isAccepted() {
    rotate("root", true);
    publishNextRoot(); // v3 signed by the new key only: fine, v2 trusts it

    refresh();

    assertThat(trustedVersion("root")).isEqualTo(3);
  }

  @Test
  void newRoot_withSameVersion_isRollbackAndV1StaysTrusted() {
    repo.files.put("/metadata/2.root.json", repo.rootBytes(1));

    RollbackException e = refreshFails(RollbackException.class);

    assertThat(e.kind()).isEqualTo(RollbackException.Kind.MISMATCH);
    assertThat(e.expected()).isEqualTo(2);
    assertThat(e.found()).hasValue(1);
    assertThat(trustedVersion("root")).isEqualTo(1);
  }

  @Test
  void newRoot_skippingAVersion_isRefusedAndV1StaysTrusted() {
    repo.rootVersion = 3;
    byte[] v3 = repo.publishRoot().raw();
    repo.files.put("/metadata/2.root.json", v3);

    RollbackException e = refreshFails(RollbackException.class);

    assertThat(e.expected()).isEqualTo(2);
    assertThat(e.found()).hasValue(3);
    assertThat(trustedVersion("root")).isEqualTo(1);
  }

  @Test
  void intermediateRoot_expired_isIgnored() {
    repo.rootExpires = NOW.minus(Duration.ofDays(1));
    publishNextRoot();
    repo.rootExpires = NOW.plus(Duration.ofDays(7));
    publishNextRoot();

    refresh();

    assertThat(trustedVersion("root")).isEqualTo(3);
  }

  @Test
  void finalRoot_expired_isPersistedButRefreshStopsBeforeTimestamp() {
    repo.rootExpires = NOW.minus(Duration.ofDays(1));
    publishNextRoot();

    ExpiredMetadataException e = refreshFails(ExpiredMetadataException.class);

    assertThat(e.role()).isEqualTo("root");
    assertThat(e.referenceTime()).isEqualTo(NOW);
    assertThat(trustedVersion("root")).isEqualTo(2);
    assertThat(server.requests).doesNotContain("/metadata/timestamp.json");
  }

  @Test
  void trustedRoot_expiredLocally_canStillBeUpdated() {
    repo.rootExpires = NOW.plus(Duration.ofDays(30));
    repo.timestampExpires = repo.snapshotExpires = NOW.plus(Duration.ofDays(30));
    repo.role("targets").expires = NOW.plus(Duration.ofDays(30));
    publishNextRoot();
    repo.publish();

    updaterAt(NOW.plus(Duration.ofDays(8))).refresh();

    assertThat(trustedVersion("root")).isEqualTo(2);
  }

  @Test
  void fastForwardRecovery_timestampKeyRotation_forgetsFastForwardedTimestamp() {
    repo.timestampVersion = 99_999;
    repo.publish();
    refresh();
    assertThat(trustedVersion("timestamp")).isEqualTo(99_999);

    rotate("timestamp", true);
    repo.timestampVersion = 1;
    repo.publish();
    refresh();

    assertThat(trustedVersion("timestamp")).isEqualTo(1);
  }

  @Test
  void fastForwardRecovery_snapshotKeyRotation_forgetsFastForwardedSnapshot() {
    repo.snapshotVersion = 99_999;
    repo.timestampVersion = 2;
    repo.publish();
    refresh();
    assertThat(trustedVersion("snapshot")).isEqualTo(99_999);

    rotate("snapshot", true);
    repo.snapshotVersion = 1;
    repo.timestampVersion = 3;
    repo.publish();
    refresh();

    assertThat(trustedVersion("snapshot")).isEqualTo(1);
  }

  @Test
  void fastForward_withoutKeyRotation_blocksLegitimateTimestamp() {
    repo.timestampVersion = 99_999;
    repo.publish();
    refresh();
    repo.timestampVersion = 2;
    repo.publish();

    RollbackException e = refreshFails(RollbackException.class);

    assertThat(e.expected()).isEqualTo(99_999);
  }

  @Test
  void consistentSnapshotOff_fetchesUnversionedRoleFiles() {
    repo.consistentSnapshot = false;
    publishNextRoot();

    refresh();

    assertThat(server.requests).containsExactly("/metadata/2.root.json", "/metadata/3.root.json",
        "/metadata/timestamp.json", "/metadata/snapshot.json", "/metadata/targets.json");
  }

  @Test
  void initialize_refusesARootThatIsNotSelfSigned() {
    var other = repo.newKey();
    Root root = (Root) repo.signed.get("root").signed();
    byte[] wronglySigned = repo.dialect.sign(root, List.of(other)).raw();

    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> Updater.initialize(tmp.resolve("fresh"), wronglySigned, repo.dialect))
        .isInstanceOf(UnsignedMetadataException.class);
  }
}
