package dev.mallory.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mallory.client.errors.DownloadHttpException;
import dev.mallory.client.errors.RollbackException;
import dev.mallory.model.TargetFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TUF's goal that one malicious mirror cannot prevent updates from good ones: the first mirror
 * misbehaves in one way per test, the second ({@code server}, serving the repository honestly)
 * must still give the update, and nothing the bad mirror sent may be trusted or stored.
 */
class MirrorsTest extends ClientTestBase {
  private static final byte[] CONTENT = "app 1.0".getBytes(StandardCharsets.UTF_8);
  private TestHttpServer bad;

  @AfterEach
  void stopBadMirror() {
    if (bad != null) {
      bad.close();
    }
  }

  /** Every role one version up, as a repository publishing an update does. */
  private void publishNewVersion() {
    repo.role("targets").version++;
    repo.snapshotVersion++;
    repo.timestampVersion++;
    repo.publish();
  }

  /** The bad mirror first, serving a copy of the repository as it is now; the honest server second. */
  private Updater badThenGood() throws Exception {
    bad = new TestHttpServer(new ConcurrentHashMap<>(repo.files));
    return Updater.builder(new TufLayout(bad.url("/metadata/")))
        .metadataDir(metadataDir)
        .targetDir(targetDir)
        .targetBaseUrl(bad.url("/targets/"))
        .clock(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC))
        .mirror(layout(), server.url("/targets/"))
        .build();
  }

  @Test
  void mirrors_firstMirrorFailingTheTimestamp_updateComesFromTheSecond() throws Exception {
    publishNewVersion();
    Updater updater = badThenGood();
    bad.handlers.put("/metadata/timestamp.json", TestHttpServer.status(503));

    TrustedVersions versions = updater.refresh();

    assertThat(versions.timestamp()).hasValue(repo.timestampVersion);
    assertThat(bad.requestsUnder("/metadata/timestamp.json")).hasSize(1);
    assertThat(server.requestsUnder("/metadata/timestamp.json")).hasSize(1);
  }

  @Test
  void mirrors_firstMirrorServingATamperedTarget_goodBytesFromTheSecondAndNoPartialFile() throws Exception {
    TargetFile file = repo.addTarget("targets", "app.tgz", CONTENT);
    repo.publish();
    Updater updater = badThenGood();
    String url = "/targets/" + file.hashes().get("sha256") + ".app.tgz";
    byte[] evil = CONTENT.clone();
    evil[0] ^= 1;
    bad.handlers.put(url, ex -> {
      ex.sendResponseHeaders(200, evil.length);
      ex.getResponseBody().write(evil);
    });

    Path stored = updater.download("app.tgz");

    assertThat(Files.readAllBytes(stored)).isEqualTo(CONTENT);
    assertThat(bad.requestsUnder(url)).hasSize(1);
    try (var files = Files.list(targetDir)) {
      assertThat(files.toList()).containsExactly(stored);
    }
  }

  @Test
  void mirrors_firstMirrorReplayingAnOlderTimestamp_skippedAndTrustDoesNotGoBack() throws Exception {
    repo.publish();
    bad = new TestHttpServer(new HashMap<>(repo.files)); // a mirror frozen at this moment
    refresh();
    repo.addTarget("targets", "app.tgz", CONTENT);
    publishNewVersion();
    refresh(); // the client now trusts newer metadata than the frozen mirror holds
    long trusted = trustedVersion("timestamp");
    Updater updater = Updater.builder(new TufLayout(bad.url("/metadata/")))
        .metadataDir(metadataDir)
        .clock(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC))
        .mirror(layout(), null)
        .build();

    TrustedVersions versions = updater.refresh();

    assertThat(versions.timestamp()).hasValue(trusted);
    assertThat(trusted).isEqualTo(2);
    assertThat(trustedVersion("timestamp")).isEqualTo(trusted);
    assertThat(bad.requestsUnder("/metadata/timestamp.json")).hasSize(1);
  }

  @Test
  void mirrors_firstMirrorWithholdingTheNextRoot_rootComesFromTheSecond() throws Exception {
    Updater updater = badThenGood(); // the bad mirror's copy has root version 1 only
    publishNextRoot();

    updater.refresh();

    assertThat(trustedVersion("root")).isEqualTo(2);
    assertThat(bad.requestsUnder("/metadata/2.root.json")).hasSize(1);
  }

  @Test
  void mirrors_everyMirrorFailing_firstMirrorsErrorWithTheOthersSuppressedAndNothingTrustedChanges() throws Exception {
    repo.publish();
    refresh();
    long before = trustedVersion("timestamp");
    Updater updater = badThenGood();
    bad.handlers.put("/metadata/timestamp.json", TestHttpServer.status(503));
    server.handlers.put("/metadata/timestamp.json", TestHttpServer.status(500));

    DownloadHttpException e = catchThrowableOfType(DownloadHttpException.class, updater::refresh);

    assertThat(e.status()).isEqualTo(503);
    assertThat(e.getSuppressed()).singleElement().isInstanceOfSatisfying(DownloadHttpException.class,
        other -> assertThat(other.status()).isEqualTo(500));
    assertThat(trustedVersion("timestamp")).isEqualTo(before);
  }

  @Test
  void mirrors_oneMirrorReplaying_isStillRefusedWhenItIsTheOnlyOne() throws Exception {
    repo.publish();
    bad = new TestHttpServer(new HashMap<>(repo.files));
    refresh();
    publishNewVersion();
    refresh();
    Updater onlyBad = Updater.builder(new TufLayout(bad.url("/metadata/")))
        .metadataDir(metadataDir)
        .clock(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC))
        .build();

    RollbackException e = refreshFails(onlyBad, RollbackException.class);

    assertThat(e.getSuppressed()).isEmpty();
  }
}
