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
  void aServerThatDiesIsReplacedOnANewPortAndTheRepositoriesItServedReportTheFault() throws Exception {
    assumeTrue(NotaryServer.isInstalled(), NotaryServer.NOT_INSTALLED);
    try (NotaryServerBackend backend = new NotaryServerBackend(); HostedRepository before = backend.host(Dialect.NOTARY, dir)) {
      before.published(repository(before, Clock.systemUTC()).publish());
      assertThat(before.fault()).isEmpty();
      long dead = backend.pid().orElseThrow();
      crash(dead);

      assertThat(before.fault()).as("the scenario it served cannot be judged").hasValueSatisfying(f ->
          assertThat(f).contains("(pid " + dead + ") died during the scenario", "notary-server-1.err.log"));
      try (HostedRepository after = backend.host(Dialect.NOTARY, dir)) {
        after.published(repository(after, Clock.systemUTC()).publish());
        assertThat(after.fault()).isEmpty();
        assertThat(after.url()).as("a new port: the old scenarios never reach the empty replacement").isNotEqualTo(before.url());
        assertThat(backend.pid().orElseThrow()).isNotEqualTo(dead);
      }
      assertThat(backend.deaths()).singleElement().asString().contains("pid " + dead);
    }
  }

  @Test
  void aServerThatKeepsDyingEndsTheRunWithEveryDeathCounted() throws Exception {
    assumeTrue(NotaryServer.isInstalled(), NotaryServer.NOT_INSTALLED);
    try (NotaryServerBackend backend = new NotaryServerBackend()) {
      for (int start = 0; start <= NotaryServerBackend.MAX_REPLACEMENTS; start++) {
        backend.host(Dialect.NOTARY, dir).close();
        crash(backend.pid().orElseThrow());
      }
      assertThatThrownBy(() -> backend.host(Dialect.NOTARY, dir))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("died " + (NotaryServerBackend.MAX_REPLACEMENTS + 1) + " times");
      assertThatThrownBy(() -> backend.host(Dialect.NOTARY, dir)).as("and stays given up").isInstanceOf(IllegalStateException.class);
    }
  }

  /**
   * The in-process signer's key map has no lock: many scenarios making their repositories at once
   * must not take the server down (it did, one run in about ten, before Mallory serialised them).
   */
  @Test
  void repositoriesMadeAtOnceInManyThreadsLeaveTheServerRunning() throws Exception {
    assumeTrue(NotaryServer.isInstalled(), NotaryServer.NOT_INSTALLED);
    try (NotaryServerBackend backend = new NotaryServerBackend()) {
      backend.host(Dialect.NOTARY, dir).close();
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
      try {
        List<java.util.concurrent.Future<Long>> published = new java.util.ArrayList<>();
        for (int i = 0; i < 48; i++) {
          published.add(pool.submit(() -> {
            try (HostedRepository hosting = backend.host(Dialect.NOTARY, dir)) {
              Repository repo = repository(hosting, Clock.systemUTC());
              hosting.published(repo.publish());
              repo.rotateKeys("timestamp");
              hosting.published(repo.publish());
              return hosting.served().current(hosting.name(), "timestamp").orElseThrow().version();
            }
          }));
        }
        for (java.util.concurrent.Future<Long> f : published) {
          assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(2L);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(backend.deaths()).isEmpty();
    }
  }

  @Test
  void theServerIsAskedForAKeyOnlyWhileTheKeyLockIsHeld() throws Exception {
    java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    List<Boolean> heldAtRequest = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    com.sun.net.httpserver.HttpServer stub = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    stub.createContext("/", exchange -> {
      heldAtRequest.add(lock.isLocked());
      byte[] key = "{\"keytype\":\"ed25519\",\"keyval\":{\"public\":\"AAAA\",\"private\":null}}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, key.length);
      exchange.getResponseBody().write(key);
      exchange.close();
    });
    stub.start();
    try {
      ServerHeldKeys keys = new ServerHeldKeys(new dev.mallory.server.client.NotaryHttp(
          URI.create("http://127.0.0.1:" + stub.getAddress().getPort()), exchange -> { }), "example.com/app", lock);
      keys.publicKey("example.com/app", "timestamp", null);
      keys.rotate("example.com/app", "timestamp", null);
      assertThat(heldAtRequest).containsExactly(true, true);
      assertThat(lock.isLocked()).as("released after each request").isFalse();
    } finally {
      stub.stop(0);
    }
  }

  /** SIGKILL, as the Go runtime's fatal error ends it: no clean shutdown. */
  private static void crash(long pid) throws Exception {
    ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
    handle.destroyForcibly();
    handle.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
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
