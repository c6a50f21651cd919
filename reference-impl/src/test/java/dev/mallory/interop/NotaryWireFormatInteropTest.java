package dev.mallory.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mallory.crypto.KeyEncoding;
import dev.mallory.crypto.ThresholdCheck;
import dev.mallory.dialect.Dialect;
import dev.mallory.external.NotaryLab;
import dev.mallory.external.NotaryServer;
import dev.mallory.model.DelegatedRole;
import dev.mallory.model.Key;
import dev.mallory.model.Metadata;
import dev.mallory.model.Role;
import dev.mallory.model.RoleType;
import dev.mallory.model.Root;
import dev.mallory.model.Signature;
import dev.mallory.model.Signed;
import dev.mallory.model.Snapshot;
import dev.mallory.model.Targets;
import dev.mallory.model.Timestamp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository published by the real {@code notary} client to the real {@code notary-server}
 * (Debian package notary 0.7.0) parses in the NOTARY dialect, and every signature on every role
 * verifies: the ecdsa-x509 root, the ecdsa targets, the server's eddsa timestamp, the delegation.
 */
class NotaryWireFormatInteropTest {
  private static final Dialect NOTARY = Dialect.NOTARY;
  @TempDir static Path work;
  private static NotaryServer server;
  private static NotaryLab.Sample sample;

  @BeforeAll
  static void publishWithTheRealNotaryClient() throws Exception {
    assumeTrue(NotaryServer.isInstalled(), NotaryServer.NOT_INSTALLED);
    server = NotaryServer.start(work.resolve("server"));
    sample = NotaryLab.publishSample(server, work.resolve("lab"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void rootIsSignedByItsOwnEcdsaX509Key() {
    Metadata<Root> root = NOTARY.parse(sample.root(), Root.class);
    Role rootRole = root.signed().role(RoleType.ROOT);

    assertThat(root.signed().key(rootRole.keyIds().get(0))).map(Key::keyType).contains("ecdsa-x509");
    assertThat(root.signatures()).extracting(Signature::method).containsOnly("ecdsa");
    assertThat(verifies(root, root.signed().keys(), rootRole)).isTrue();
  }

  @Test
  void everyTopLevelRoleVerifiesWithTheKeysRootAssignsIt() {
    Root root = NOTARY.parse(sample.root(), Root.class).signed();
    Metadata<Targets> targets = NOTARY.parse(sample.targets(), Targets.class);
    Metadata<Snapshot> snapshot = NOTARY.parse(sample.snapshot(), Snapshot.class);
    Metadata<Timestamp> timestamp = NOTARY.parse(sample.timestamp(), Timestamp.class);

    assertThat(verifies(targets, root.keys(), root.role(RoleType.TARGETS))).isTrue();
    assertThat(verifies(snapshot, root.keys(), root.role(RoleType.SNAPSHOT))).isTrue();
    assertThat(verifies(timestamp, root.keys(), root.role(RoleType.TIMESTAMP))).isTrue();
    assertThat(timestamp.signatures()).extracting(Signature::method).containsOnly("eddsa");
    assertThat(targets.signed().targets()).containsKey(NotaryLab.TOP_TARGET);
  }

  @Test
  void delegatedRoleVerifiesWithTheDelegatorsKeys() {
    Targets targets = NOTARY.parse(sample.targets(), Targets.class).signed();
    Metadata<Targets> releases = NOTARY.parse(sample.releases(), Targets.class);
    DelegatedRole delegation = targets.delegations().orElseThrow().role(NotaryLab.DELEGATION).orElseThrow();

    assertThat(verifies(releases, targets.delegations().get().keys(),
        new Role(delegation.keyIds(), delegation.threshold()))).isTrue();
    assertThat(releases.signed().targets()).containsKey(NotaryLab.DELEGATED_TARGET);
    assertThat(delegation.isDelegatedPath(NotaryLab.DELEGATED_TARGET, NOTARY.pathMatching())).isTrue();
  }

  @Test
  void hashesInParentsCoverTheExactServedBytes() throws Exception {
    Snapshot snapshot = NOTARY.parse(sample.snapshot(), Snapshot.class).signed();
    Timestamp timestamp = NOTARY.parse(sample.timestamp(), Timestamp.class).signed();

    assertThat(timestamp.snapshotMeta().hashes().get("sha256")).isEqualTo(TufJsModelsInteropTest.sha256(sample.snapshot()));
    for (Map.Entry<String, byte[]> role : Map.of("root", sample.root(), "targets", sample.targets(),
        NotaryLab.DELEGATION, sample.releases()).entrySet()) {
      assertThat(snapshot.metaFor(role.getKey()).orElseThrow().hashes().get("sha256"))
          .as(role.getKey()).isEqualTo(TufJsModelsInteropTest.sha256(role.getValue()));
    }
  }

  @Test
  void aSignatureMovedOntoAnotherRoleDoesNotVerify() {
    Root root = NOTARY.parse(sample.root(), Root.class).signed();
    Metadata<Targets> targets = NOTARY.parse(sample.targets(), Targets.class);
    Metadata<Snapshot> snapshot = NOTARY.parse(sample.snapshot(), Snapshot.class);

    // The snapshot's payload with the targets' signatures: the targets key did not sign it.
    assertThat(ThresholdCheck.count(snapshot.signedBytes(), targets.signatures(), root.keys(),
        root.role(RoleType.TARGETS).keyIds(), 1, KeyEncoding.NOTARY).reached()).isFalse();
  }

  private static boolean verifies(Metadata<? extends Signed> md, Map<String, Key> keys, Role role) {
    return ThresholdCheck.count(md.signedBytes(), md.signatures(), keys, role.keyIds(), role.threshold(),
        KeyEncoding.NOTARY).reached();
  }
}
