package dev.mallory.sut.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.dialect.Dialect;
import dev.mallory.engine.NotApplicableException;
import dev.mallory.external.LoopbackHttp;
import dev.mallory.external.NotaryServer;
import dev.mallory.json.Json;
import dev.mallory.repo.Repository;
import dev.mallory.repo.store.RoleFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notary-server backend against the real notary-server 0.7.0: one server for every hosted
 * repository, publications uploaded as the notary client uploads them, the server's timestamps
 * recorded as the served history, refusals turned into NOT_APPLICABLE, the server stopped by pid.
 */
class NotaryServerBackendTest {
  @TempDir Path dir;

  private static Repository repository(HostedRepository hosting, Clock clock) {
    return Repository.builder(Dialect.NOTARY).name(hosting.name()).store(hosting.store()).signingService(hosting.signer())
        .clock(clock).createUnpublished();
  }

  @Test
  void theServerSignsEachTimestampOverTheUploadedSnapshotAndServesWhatWasUploaded() {
    assumeTrue(NotaryServer.isInstalled(), NotaryServer.NOT_INSTALLED);
    try (RepositoryBackend backend = RepositoryBackend.of("notary-server");
        HostedRepository first = backend.host(Dialect.NOTARY, dir);
        HostedRepository second = backend.host(Dialect.NOTARY, dir)) {
      assertThat(first.name()).isNotEqualTo(second.name());
      assertThat(first.url()).as("one server for the run").isEqualTo(second.url());
      assertThat(first.signedByServer()).containsExactly("timestamp");

      Repository repo = repository(first, Clock.systemUTC());
      repo.addTarget("app.tgz", "app 1.0".getBytes(StandardCharsets.UTF_8));
      first.published(repo.publish());
      repo.addTarget("app.tgz", "app 1.1".getBytes(StandardCharsets.UTF_8));
      first.published(repo.publish());

      List<RoleFile> timestamps = first.served().history(first.name(), "timestamp");
      assertThat(timestamps).extracting(RoleFile::version).containsExactly(1L, 2L);
      byte[] root = first.served().current(first.name(), "root").orElseThrow().bytes();
      String timestampKeyId = Json.parse(root).path("signed").path("roles").path("timestamp").path("keyids").get(0).asText();
      for (RoleFile t : timestamps) {
        JsonNode signatures = Json.parse(t.bytes()).path("signatures");
        assertThat(signatures.get(0).path("keyid").asText()).as("signed by the server's key the root lists").isEqualTo(timestampKeyId);
      }
      // What the server serves is what was uploaded and what the history holds.
      assertThat(get(first.url(), first.name(), "root.json")).isEqualTo(root);
      assertThat(get(first.url(), first.name(), "timestamp.json")).isEqualTo(timestamps.get(1).bytes());
      assertThat(first.served().current(first.name(), "targets").orElseThrow().version()).isEqualTo(2);
      // Target files come from the content server beside it, by name and by content address.
      assertThat(LoopbackHttp.get(first.contentUrl().resolve("/targets/app.tgz"), 1024).body())
          .isEqualTo("app 1.1".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aRotatedTimestampKeyIsTheOneTheServerSignsWithOnceTheNewRootListsIt() {
    assumeTrue(NotaryServer.isInstalled(), NotaryServer.NOT_INSTALLED);
    try (RepositoryBackend backend = RepositoryBackend.of("notary-server"); HostedRepository hosting = backend.host(Dialect.NOTARY, dir)) {
      Repository repo = repository(hosting, Clock.systemUTC());
      hosting.published(repo.publish());
      String oldKey = keyId(hosting, "timestamp", 1);
      repo.rotateKeys("timestamp");
      hosting.published(repo.publish());
      String newKey = Json.parse(hosting.served().current(hosting.name(), "root").orElseThrow().bytes())
          .path("signed").path("roles").path("timestamp").path("keyids").get(0).asText();
      assertThat(newKey).isNotEqualTo(oldKey);
      assertThat(keyId(hosting, "timestamp", 2)).isEqualTo(newKey);
    }
  }

  @Test
  void anUploadTheServerRefusesIsNotApplicableWithItsAnswer() {
    assumeTrue(NotaryServer.isInstalled(), NotaryServer.NOT_INSTALLED);
    try (RepositoryBackend backend = RepositoryBackend.of("notary-server"); HostedRepository hosting = backend.host(Dialect.NOTARY, dir)) {
      // Signed four years ago: targets and snapshot (three-year Notary lifetimes) have expired, which notary-server refuses.
      Repository repo = repository(hosting, Clock.offset(Clock.systemUTC(), Duration.ofDays(-4 * 365)));
      assertThatThrownBy(() -> hosting.published(repo.publish()))
          .isInstanceOf(NotApplicableException.class)
          .hasMessageStartingWith("notary-server refused the upload of [root, targets, snapshot]: HTTP 400");
      assertThat(hosting.served().current(hosting.name(), "root")).as("nothing refused enters the served history").isEmpty();
    }
  }

  @Test
  void theTufLayoutIsNotApplicable() {
    try (RepositoryBackend backend = RepositoryBackend.of("notary-server")) {
      assertThatThrownBy(() -> backend.host(Dialect.TUF_1_0, dir))
          .isInstanceOf(NotApplicableException.class)
          .hasMessageContaining("Notary API only");
    }
  }

  @Test
  void theSharedServerIsStoppedByPidWhenTheBackendCloses() {
    assumeTrue(NotaryServer.isInstalled(), NotaryServer.NOT_INSTALLED);
    NotaryServerBackend backend = new NotaryServerBackend();
    assertThat(backend.pid()).as("started on first use only").isEmpty();
    backend.host(Dialect.NOTARY, dir).close();
    long pid = backend.pid().orElseThrow();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).hasValue(true);
    backend.close();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThatThrownBy(() -> backend.host(Dialect.NOTARY, dir)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void unknownBackendsAreRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> RepositoryBackend.of("notary-sever"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reference").hasMessageContaining("notary-server");
    assertThat(RepositoryBackend.of("reference")).isSameAs(RepositoryBackend.reference());
  }

  private static String keyId(HostedRepository hosting, String role, long version) {
    return Json.parse(hosting.served().version(hosting.name(), role, version).orElseThrow().bytes())
        .path("signatures").get(0).path("keyid").asText();
  }

  private static byte[] get(URI server, String gun, String file) {
    LoopbackHttp.Response r = LoopbackHttp.get(URI.create(server + "/v2/" + gun + "/_trust/tuf/" + file), 1 << 20);
    assertThat(r.status()).isEqualTo(200);
    return r.body();
  }
}
