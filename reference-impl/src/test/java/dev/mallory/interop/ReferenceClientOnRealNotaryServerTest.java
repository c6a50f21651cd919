package dev.mallory.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.client.MetadataStore;
import dev.mallory.client.NotaryLayout;
import dev.mallory.client.NotaryTrustPinning;
import dev.mallory.client.TargetInfo;
import dev.mallory.client.TestHttpServer;
import dev.mallory.client.TrustedVersions;
import dev.mallory.client.Updater;
import dev.mallory.client.errors.LengthOrHashMismatchException;
import dev.mallory.client.errors.Reason;
import dev.mallory.client.errors.TrustPinningException;
import dev.mallory.external.CommandResult;
import dev.mallory.external.NotaryClient;
import dev.mallory.external.NotaryLab;
import dev.mallory.external.NotaryServer;
import dev.mallory.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop A (issue 4): the real {@code notary} client publishes {@link NotaryLab}'s repository (a
 * top-level target, the delegation {@code targets/releases} and a target in it) to the real
 * {@code notary-server}; Mallory's reference {@link Updater}, in the Notary dialect with the root
 * certificate pinned and trust on first use off, refreshes from that server and downloads both
 * targets from a loopback HTTP server holding the files the publisher signed.
 */
class ReferenceClientOnRealNotaryServerTest {
  private static final String TARGETS_PATH = "/targets/";
  @TempDir static Path work;
  private static NotaryServer server;
  private static NotaryLab.Sample sample;
  private static TestHttpServer targetFiles;
  /** The root certificate's key id, read from the publisher's own copy of root.json. */
  private static String rootCertId;

  @TempDir Path client;

  @BeforeAll
  static void publishWithTheRealNotaryClient() throws IOException {
    assumeTrue(NotaryServer.isInstalled() && NotaryClient.isInstalled(), NotaryLab.NOT_INSTALLED);
    server = NotaryServer.start(work.resolve("server"));
    sample = NotaryLab.publishSample(server, work.resolve("lab"));
    Path publisherRoot = sample.client().trustDir().resolve("tuf/" + NotaryLab.GUN + "/metadata/root.json");
    rootCertId = Json.parse(Files.readAllBytes(publisherRoot)).at("/signed/roles/root/keyids/0").textValue();
    Map<String, byte[]> files = new ConcurrentHashMap<>();
    sample.targetContents().forEach((name, content) -> files.put(TARGETS_PATH + name, content));
    targetFiles = new TestHttpServer(files);
  }

  @AfterAll
  static void stop() {
    if (targetFiles != null) {
      targetFiles.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private Updater pinnedUpdater() {
    return updater(new NotaryTrustPinning(List.of(rootCertId), List.of(), false));
  }

  private Updater updater(NotaryTrustPinning pinning) {
    return Updater.builder(new NotaryLayout(server.url(), NotaryLab.GUN))
        .metadataDir(client.resolve("metadata"))
        .targetDir(client.resolve("targets"))
        .targetBaseUrl(targetFiles.url(TARGETS_PATH))
        .trustPinning(pinning)
        .build();
  }

  @Test
  void pinnedReferenceClient_trustsExactlyTheVersionsNotaryServerServes() {
    Updater updater = pinnedUpdater();

    TrustedVersions afterRefresh = updater.refresh();
    updater.getTargetInfo(NotaryLab.DELEGATED_TARGET).orElseThrow();
    TrustedVersions versions = updater.trustedVersions().orElseThrow();

    assertThat(afterRefresh.targets()).containsOnlyKeys("targets"); // delegations load on demand (5.6.7)
    assertThat(versions.root()).isEqualTo(servedVersion("root"));
    assertThat(versions.timestamp()).hasValue(servedVersion("timestamp"));
    assertThat(versions.snapshot()).hasValue(servedVersion("snapshot"));
    assertThat(versions.targets()).isEqualTo(Map.of(
        "targets", servedVersion("targets"), NotaryLab.DELEGATION, servedVersion(NotaryLab.DELEGATION)));
    // Two publishes (the second adds the delegated target): the snapshot moved past version 1.
    assertThat(versions.snapshot().getAsLong()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void topLevelAndDelegatedTargets_downloadWithTheHashesTheNotaryClientSigned() throws Exception {
    Updater updater = pinnedUpdater();
    updater.refresh();

    for (String name : List.of(NotaryLab.TOP_TARGET, NotaryLab.DELEGATED_TARGET)) {
      byte[] content = sample.targetContents().get(name);
      String sha256 = TufJsModelsInteropTest.sha256(content);
      TargetInfo info = updater.getTargetInfo(name).orElseThrow();
      Path file = updater.download(name);

      assertThat(info.role()).isEqualTo(name.equals(NotaryLab.TOP_TARGET) ? "targets" : NotaryLab.DELEGATION);
      assertThat(info.file().hashes()).containsEntry("sha256", sha256); // Notary's base64, read as hex
      assertThat(info.file().length()).isEqualTo(content.length);
      assertThat(TufJsModelsInteropTest.sha256(Files.readAllBytes(file))).isEqualTo(sha256);
      // The real client agrees: "NAME sha256:HEX SIZE".
      CommandResult lookup = sample.client().lookup(NotaryLab.GUN, name);
      assertThat(lookup.stdout()).as("%s", lookup).contains("sha256:" + sha256 + " " + content.length);
    }
    assertThat(targetFiles.requestsUnder(TARGETS_PATH))
        .contains(TARGETS_PATH + NotaryLab.TOP_TARGET, TARGETS_PATH + NotaryLab.DELEGATED_TARGET);
  }

  @Test
  void persistedMetadata_isByteIdenticalToWhatNotaryServerServes() throws IOException {
    Updater updater = pinnedUpdater();
    updater.refresh();
    updater.getTargetInfo(NotaryLab.DELEGATED_TARGET).orElseThrow();

    MetadataStore store = new MetadataStore(client.resolve("metadata"));
    for (String role : NotaryLab.ROLES) {
      byte[] stored = Files.readAllBytes(store.fileFor(role));
      assertThat(stored).as(role + " as published").isEqualTo(sample.metadata().get(role));
      assertThat(stored).as(role + " as served now")
          .isEqualTo(NotaryLab.fetchMetadata(server.url(), NotaryLab.GUN, role));
    }
    try (Stream<Path> files = Files.list(client.resolve("metadata"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "root.json", "timestamp.json", "snapshot.json", "targets.json", "targets%2Freleases.json");
    }
  }

  @Test
  void tamperedTargets_areRefusedWithLengthOrHashMismatch_andNothingIsWritten() throws IOException {
    Updater updater = pinnedUpdater();
    updater.refresh();
    for (String name : List.of(NotaryLab.TOP_TARGET, NotaryLab.DELEGATED_TARGET)) {
      byte[] tampered = sample.targetContents().get(name).clone();
      tampered[0] ^= 0x20; // same length: only the hash can tell
      String path = TARGETS_PATH + name;
      targetFiles.handlers.put(path, exchange -> {
        exchange.sendResponseHeaders(200, tampered.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(tampered);
        }
      });
      try {
        LengthOrHashMismatchException e =
            catchThrowableOfType(() -> updater.download(name), LengthOrHashMismatchException.class);

        assertThat(e).as(name).isNotNull();
        assertThat(e.subject()).isEqualTo(name);
        assertThat(e.reason()).isEqualTo(Reason.LENGTH_OR_HASH_MISMATCH);
      } finally {
        targetFiles.handlers.remove(path);
      }
    }
    try (Stream<Path> left = Files.walk(client.resolve("targets"))) {
      assertThat(left.filter(Files::isRegularFile)).as("no target, no partial file").isEmpty();
    }
  }

  @Test
  void pinningAnotherRootCertificate_refusesTheRealRoot_andStoresNothing() {
    Updater updater = updater(new NotaryTrustPinning(List.of("0".repeat(64)), List.of(), false));

    TrustPinningException e = catchThrowableOfType(updater::refresh, TrustPinningException.class);

    assertThat(e).isNotNull();
    assertThat(e.gun()).isEqualTo(NotaryLab.GUN);
    assertThat(client.resolve("metadata")).satisfiesAnyOf(
        dir -> assertThat(dir).doesNotExist(), dir -> assertThat(dir).isEmptyDirectory());
  }

  private static long servedVersion(String role) {
    JsonNode version = Json.parse(NotaryLab.fetchMetadata(server.url(), NotaryLab.GUN, role))
        .at("/signed/version");
    return version.asLong();
  }
}
