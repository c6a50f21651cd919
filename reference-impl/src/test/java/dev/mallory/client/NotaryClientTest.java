package dev.mallory.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mallory.client.errors.LengthOrHashMismatchException;
import dev.mallory.client.errors.RollbackException;
import dev.mallory.client.errors.TrustPinningException;
import dev.mallory.client.errors.UnsignedMetadataException;
import dev.mallory.dialect.Dialect;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Notary API and trust options (notary.md 7-8, tuf-attacks.md 3.3). */
class NotaryClientTest extends ClientTestBase {
  private static final String BASE = "/v2/" + TestRepository.GUN + "/_trust/tuf/";

  @Override
  Dialect dialect() {
    return Dialect.NOTARY;
  }

  private String rootKeyId() {
    return repo.topLevelSigners.get("root").get(0).keyId();
  }

  @Test
  void trustOnFirstUse_fetchesRootThenRolesByHash() {
    repo.addDelegation("targets", "targets/releases", List.of(""), false);
    repo.addTarget("targets/releases", "v1", "one".getBytes(StandardCharsets.UTF_8));
    repo.publish();

    Updater updater = updater();
    updater.refresh();
    TargetInfo info = updater.getTargetInfo("v1").orElseThrow();

    assertThat(info.role()).isEqualTo("targets/releases");
    assertThat(server.requests).hasSize(6);
    assertThat(server.requests.get(0)).isEqualTo(BASE + "root.json");
    assertThat(server.requests.get(1)).isEqualTo(BASE + "2.root.json");
    assertThat(server.requests.get(2)).isEqualTo(BASE + "timestamp.json");
    assertThat(server.requests.get(3)).matches(BASE.replace(".", "\\.") + "snapshot\\.[0-9a-f]{64}\\.json");
    assertThat(server.requests.get(4)).matches(BASE.replace(".", "\\.") + "targets\\.[0-9a-f]{64}\\.json");
    assertThat(server.requests.get(5)).matches(BASE.replace(".", "\\.") + "targets/releases\\.[0-9a-f]{64}\\.json");
    assertThat(metadataDir.toFile().list()).containsExactlyInAnyOrder(
        "root.json", "timestamp.json", "snapshot.json", "targets.json", "targets%2Freleases.json");
  }

  @Test
  void pinnedCertId_matchingRootKey_isTrusted() {
    updater(new NotaryTrustPinning(List.of(rootKeyId()), List.of(), false)).refresh();

    assertThat(trustedVersion("root")).isEqualTo(1);
  }

  @Test
  void pinnedCertId_notMatching_refusesTheRootAndWritesNothing() {
    var pinning = new NotaryTrustPinning(List.of("00".repeat(32)), List.of(), true);

    TrustPinningException e = refreshFails(updater(pinning), TrustPinningException.class);

    assertThat(e.gun()).isEqualTo(TestRepository.GUN);
    assertThat(metadataDir.toFile().list()).isNullOrEmpty();
  }

  @Test
  void trustOnFirstUseDisabled_withoutPins_refusesTheRoot() {
    refreshFails(updater(new NotaryTrustPinning(List.of(), List.of(), false)), TrustPinningException.class);
    assertThat(server.requests).containsExactly(BASE + "root.json");
  }

  @Test
  void rootCertificateForAnotherGun_isRefusedEvenWithTofu() throws Exception {
    var otherGunKey = dev.mallory.crypto.KeyGenerator.generate(
        dev.mallory.crypto.KeyAlgorithm.ECDSA_P256_X509, dialect().keyEncoding(), "evil.example/other");
    repo.setTopLevelKeys("root", List.of(otherGunKey), 1);
    repo.publishRoot();
    repo.files.put(BASE + "root.json", repo.rootBytes(1));

    refreshFails(TrustPinningException.class);
  }

  @Test
  void timestampRollback_isRefused() {
    repo.timestampVersion = 3;
    repo.publish();
    updater().refresh();
    repo.timestampVersion = 2;
    repo.publish();

    RollbackException e = refreshFails(RollbackException.class);

    assertThat(e.expected()).isEqualTo(3);
  }

  @Test
  void snapshotVersionDecrease_withoutVersionsInMeta_isRefused() {
    repo.snapshotVersion = 3;
    repo.timestampVersion = 2;
    repo.publish();
    updater().refresh();
    repo.snapshotVersion = 2;
    repo.timestampVersion = 3;
    repo.publish();

    RollbackException e = refreshFails(RollbackException.class);

    assertThat(e.role()).isEqualTo("snapshot");
    assertThat(e.expected()).isEqualTo(3);
  }

  @Test
  void rootRotation_walksVersionedRoots() {
    updater().refresh();
    rotate("root", true);
    repo.timestampVersion = 2;
    repo.publish(); // Notary's snapshot pins the new root

    updater().refresh();

    assertThat(trustedVersion("root")).isEqualTo(2);
  }

  @Test
  void rootRotation_withoutOldKeySignature_isRefused() {
    updater().refresh();
    rotate("root", false);

    refreshFails(UnsignedMetadataException.class);
    assertThat(trustedVersion("root")).isEqualTo(1);
  }

  @Test
  void snapshotPinningAnotherRoot_isRefused() {
    updater().refresh();
    repo.rootVersion = 3; // root v3 signed and listed in snapshot, but never served as 3.root.json
    repo.publishRoot();
    repo.files.remove(BASE + "3.root.json");
    repo.timestampVersion = 2;
    repo.publish();

    LengthOrHashMismatchException e = refreshFails(LengthOrHashMismatchException.class);

    assertThat(e.subject()).isEqualTo("root");
  }

  @Test
  void cachedClient_fetchesOnlyTimestampWhenNothingChanged() {
    updater().refresh();
    server.requests.clear();

    updater().refresh();

    assertThat(server.requests).containsExactly(BASE + "2.root.json", BASE + "timestamp.json");
  }

  private Updater updater(NotaryTrustPinning pinning) {
    return builder().trustPinning(pinning).build();
  }

  @Test
  void delegatedTargetOutsideDelegatedPrefix_isNotFound() {
    repo.addDelegation("targets", "targets/releases", List.of("release/"), false);
    repo.addTarget("targets/releases", "other/x", "x".getBytes(StandardCharsets.UTF_8));
    repo.addTarget("targets/releases", "release/y", "y".getBytes(StandardCharsets.UTF_8));
    repo.publish();
    Updater updater = updater();

    assertThat(updater.getTargetInfo("other/x")).isEmpty();
    assertThat(updater.getTargetInfo("release/y")).isPresent();
    assertThatThrownBy(() -> updater.download("other/x")).isInstanceOf(dev.mallory.client.errors.TargetNotFoundException.class);
  }
}
