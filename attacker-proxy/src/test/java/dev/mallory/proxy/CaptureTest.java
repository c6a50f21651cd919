package dev.mallory.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.attack.Freeze;
import dev.mallory.attack.MixAndMatch;
import dev.mallory.dialect.Dialect;
import dev.mallory.journal.Moment;
import dev.mallory.journal.Recorder;
import dev.mallory.journal.Recording;
import dev.mallory.json.Json;
import dev.mallory.repo.Delegation;
import dev.mallory.repo.Repository;
import dev.mallory.repo.signing.LocalSigningService;
import dev.mallory.repo.store.MetadataStore;
import dev.mallory.repo.store.RoleFile;
import dev.mallory.server.MalloryServer;
import dev.mallory.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "Capture the repository now" against the reference server over real HTTP, in both layouts: every
 * role (every root version, every delegated role the snapshot lists) is fetched and recorded with
 * the bytes upstream serves, although no client asked the proxy for any of them, and a freeze or
 * mix-and-match at the captured moment replays exactly those bytes after upstream has moved on.
 */
class CaptureTest {
  private static final String GUN = "example.com/app";
  private static final String NOTARY_BASE = "/v2/" + GUN + "/_trust/tuf/";
  private static final List<String> TUF_ROLES = List.of("root", "timestamp", "snapshot", "targets", "a/b");
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private MalloryServer server;
  private AttackerProxy proxy;

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** TUF, consistent snapshots, a delegated role whose name needs percent-encoding, root at v2. */
  private Repository tuf() {
    MetadataStore store = MetadataStore.inMemory();
    LocalSigningService signer = LocalSigningService.inMemory();
    Repository repo = Repository.builder(Dialect.TUF_1_0).name("default").store(store).signingService(signer)
        .consistentSnapshot(true).create();
    repo.addTarget("top.bin", bytes("top\n"));
    repo.delegate("targets", "a/b", Delegation.paths("ab/*"));
    repo.addTarget("a/b", "ab/one.txt", bytes("one\n"));
    repo.publish();
    repo.touch("root");
    repo.touch("a/b");
    repo.publish();
    server = MalloryServer.start(ServerConfig.defaults(), store, signer, Clock.systemUTC());
    return repo;
  }

  private Repository notary() {
    MetadataStore store = MetadataStore.inMemory();
    LocalSigningService signer = LocalSigningService.inMemory();
    Repository repo = Repository.builder(Dialect.NOTARY).name(GUN).store(store).signingService(signer).create();
    repo.addTarget("v1", bytes("release one\n"));
    repo.delegate("targets", "targets/releases", Delegation.paths("rel/"));
    repo.addTarget("targets/releases", "rel/one", bytes("released\n"));
    repo.publish();
    server = MalloryServer.start(ServerConfig.defaults(), store, signer, Clock.systemUTC());
    return repo;
  }

  @Test
  void tuf_captureRecordsEveryRoleAsUpstreamServesIt_withoutAnyClientRequest_andAFreezeReplaysIt() throws Exception {
    Repository repo = tuf();
    proxy = AttackerProxy.reverse(server.url()).start();

    Capture capture = proxy.capture("before");

    assertThat(proxy.journal().entries()).as("no client asked the proxy for anything").isEmpty();
    Moment before = capture.moment();
    assertThat(proxy.recorder().moment("before")).contains(before);
    assertThat(capture.missing()).isEmpty();
    for (String role : TUF_ROLES) {
      RoleFile current = repo.current(role).orElseThrow();
      Recording captured = proxy.recorder().asOf("", role, before.seq()).orElseThrow(() -> new AssertionError(role));
      assertThat(captured.sha256()).as(role).isEqualTo(sha(direct(tufPath(role, current.version()))));
      assertThat(captured.version()).as(role).isEqualTo(current.version());
    }
    // Every root version, so a client holding root v1 can walk to v2 in the frozen repository.
    assertThat(proxy.recorder().versions("", "root")).extracting(Recording::version).containsExactly(1L, 2L);
    assertThat(proxy.recorder().version("", "root", 1).orElseThrow().bytes()).isEqualTo(direct("/metadata/1.root.json"));

    // Upstream moves on; through the proxy the client sees the new files ...
    repo.addTarget("top2.bin", bytes("two\n"));
    repo.publish();
    long newTimestamp = repo.current("timestamp").orElseThrow().version();
    long oldSnapshot = proxy.recorder().asOf("", "snapshot", before.seq()).orElseThrow().version();
    assertThat(viaProxy("/metadata/timestamp.json").body()).isEqualTo(direct("/metadata/timestamp.json"));

    // ... until the freeze, which replays the captured moment byte for byte.
    try (AppliedAttack freeze = proxy.apply(new Freeze(null, "before"))) {
      assertThat(viaProxy("/metadata/timestamp.json").body())
          .isEqualTo(proxy.recorder().asOf("", "timestamp", before.seq()).orElseThrow().bytes())
          .isNotEqualTo(direct("/metadata/timestamp.json"));
      assertThat(viaProxy("/metadata/" + oldSnapshot + ".snapshot.json").body())
          .isEqualTo(proxy.recorder().asOf("", "snapshot", before.seq()).orElseThrow().bytes());
      long delegated = proxy.recorder().asOf("", "a/b", before.seq()).orElseThrow().version();
      assertThat(viaProxy("/metadata/" + delegated + ".a%2Fb.json").body())
          .isEqualTo(direct("/metadata/" + delegated + ".a%2Fb.json"));
      assertThat(viaProxy("/metadata/" + newTimestamp + ".snapshot.json").statusCode())
          .as("a snapshot published after the moment does not exist in the frozen repository").isEqualTo(404);
    }
  }

  @Test
  void tuf_mixAndMatch_takesARoleFromACapturedMoment() throws Exception {
    Repository repo = tuf();
    proxy = AttackerProxy.reverse(server.url()).start();
    Capture old = proxy.capture("old");
    repo.addTarget("top2.bin", bytes("two\n"));
    repo.publish();
    proxy.capture("now");
    long currentTargets = repo.current("targets").orElseThrow().version();

    try (AppliedAttack mix = proxy.apply(new MixAndMatch(null, Map.of("targets", "old")))) {
      byte[] served = viaProxy("/metadata/" + currentTargets + ".targets.json").body();
      assertThat(served).isEqualTo(proxy.recorder().asOf("", "targets", old.moment().seq()).orElseThrow().bytes())
          .isNotEqualTo(direct("/metadata/" + currentTargets + ".targets.json"));
    }
  }

  @Test
  void notary_captureNeedsTheGun_recordsEveryRoleByTheHashItsParentLists_andAFreezeReplaysIt() throws Exception {
    Repository repo = notary();
    proxy = AttackerProxy.reverse(server.url()).start();

    Capture capture = proxy.capture("before", CaptureSpec.notary(GUN));

    assertThat(proxy.journal().entries()).isEmpty();
    for (String role : List.of("root", "timestamp", "snapshot", "targets", "targets/releases")) {
      Recording captured = proxy.recorder().asOf(GUN, role, capture.moment().seq())
          .orElseThrow(() -> new AssertionError(role));
      assertThat(captured.sha256()).as(role).isEqualTo(sha(direct(NOTARY_BASE + role + ".json")))
          .isEqualTo(sha(repo.current(role).orElseThrow().bytes()));
    }
    // Snapshot and targets were asked for by the hash the parent lists, as a Notary client does.
    assertThat(capture.files()).extracting(Recording::path)
        .anyMatch(p -> p.matches("/v2/" + GUN + "/_trust/tuf/snapshot\\.[0-9a-f]{64}\\.json"));

    byte[] capturedTimestamp = direct(NOTARY_BASE + "timestamp.json");
    repo.addTarget("v2", bytes("release two\n"));
    repo.publish();
    try (AppliedAttack freeze = proxy.apply(new Freeze(GUN, "before"))) {
      assertThat(viaProxy(NOTARY_BASE + "timestamp.json").body()).isEqualTo(capturedTimestamp)
          .isNotEqualTo(direct(NOTARY_BASE + "timestamp.json"));
      assertThat(viaProxy(NOTARY_BASE + "targets/releases.json").body())
          .isEqualTo(proxy.recorder().asOf(GUN, "targets/releases", capture.moment().seq()).orElseThrow().bytes());
    }
  }

  @Test
  void forwardMode_capturesTheOriginTheSpecNames() throws Exception {
    Repository repo = tuf();
    proxy = AttackerProxy.forward().start();
    assertThatThrownBy(() -> proxy.capture("x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("origin");

    Capture capture = proxy.capture("before", CaptureSpec.tuf().origin(server.url()));

    assertThat(proxy.recorder().asOf("", "timestamp", capture.moment().seq()).orElseThrow().bytes())
        .isEqualTo(repo.current("timestamp").orElseThrow().bytes());
  }

  @Test
  void limitsAndUpstreamFailures_failTheCaptureWithATypedError_andMarkNothing() throws Exception {
    tuf();
    proxy = AttackerProxy.reverse(server.url()).start();

    assertThatThrownBy(() -> proxy.capture("small", CaptureSpec.tuf().limits(3, 1 << 20)))
        .isInstanceOfSatisfying(CaptureException.class, e -> assertThat(e.overLimit()).isTrue())
        .hasMessageContaining("limit of 3");
    assertThatThrownBy(() -> proxy.capture("tiny", CaptureSpec.tuf().limits(100, 16)))
        .isInstanceOfSatisfying(CaptureException.class, e -> assertThat(e.overLimit()).isTrue())
        .hasMessageContaining("over the capture's limit of 16");
    assertThatThrownBy(() -> proxy.capture("elsewhere", CaptureSpec.tuf("/repos/none/metadata/")))
        .isInstanceOfSatisfying(CaptureException.class, e -> assertThat(e.overLimit()).isFalse())
        .hasMessageContaining("timestamp.json");
    assertThatThrownBy(() -> CaptureSpec.notary("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CaptureSpec.tuf("/a/../metadata/")).isInstanceOf(IllegalArgumentException.class);
    assertThat(proxy.recorder().moments()).isEmpty();
  }

  @Test
  void rest_postMomentsWithCapture_fetchesTheRepository_andAFreezeAppliedOverRestReplaysIt() throws Exception {
    Repository repo = tuf();
    proxy = AttackerProxy.reverse(server.url()).controlPort(0).start();
    URI control = proxy.controlUrl().orElseThrow();

    HttpResponse<byte[]> created = post(control, "/moments", "{\"label\":\"before\",\"capture\":true}");

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode body = Json.parse(created.body());
    assertThat(body.path("label").asText()).isEqualTo("before");
    JsonNode timestamp = null;
    for (JsonNode f : body.path("files")) {
      if (f.path("role").asText().equals("timestamp")) {
        timestamp = f;
      }
    }
    assertThat(timestamp).as("the capture lists the timestamp it fetched").isNotNull();
    assertThat(timestamp.path("sha256").asText()).isEqualTo(Recorder.sha256Hex(direct("/metadata/timestamp.json")));
    byte[] captured = direct("/metadata/timestamp.json");

    repo.publish();
    assertThat(post(control, "/attacks", "{\"type\":\"freeze\",\"moment\":\"before\"}").statusCode()).isEqualTo(201);
    assertThat(viaProxy("/metadata/timestamp.json").body()).isEqualTo(captured)
        .isNotEqualTo(direct("/metadata/timestamp.json"));
  }

  @Test
  void rest_captureOfNotaryNeedsTheGun_andUpstreamFailureIs502() throws Exception {
    Repository repo = notary();
    proxy = AttackerProxy.reverse(server.url()).controlPort(0).start();
    URI control = proxy.controlUrl().orElseThrow();

    HttpResponse<byte[]> noGun = post(control, "/moments", "{\"label\":\"n\",\"capture\":{\"dialect\":\"notary\"}}");
    assertThat(noGun.statusCode()).isEqualTo(400);
    assertThat(Json.parse(noGun.body()).path("error").asText()).contains("GUN must be given");

    HttpResponse<byte[]> ok = post(control, "/moments", "{\"label\":\"n\",\"capture\":{\"gun\":\"" + GUN + "\"}}");
    assertThat(ok.statusCode()).isEqualTo(201);
    assertThat(proxy.recorder().asOf(GUN, "targets", proxy.recorder().moment("n").orElseThrow().seq())
        .orElseThrow().bytes()).isEqualTo(repo.current("targets").orElseThrow().bytes());

    HttpResponse<byte[]> unknownGun = post(control, "/moments",
        "{\"label\":\"u\",\"capture\":{\"gun\":\"example.com/nothing\"}}");
    assertThat(unknownGun.statusCode()).isEqualTo(502);
    assertThat(Json.parse(unknownGun.body()).path("error").asText()).contains("capture failed");
    assertThat(proxy.recorder().moment("u")).isEmpty();
  }

  private HttpResponse<byte[]> post(URI control, String path, String json) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(control + path)).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String tufPath(String role, long version) {
    return role.equals("timestamp") ? "/metadata/timestamp.json"
        : "/metadata/" + version + "." + role.replace("/", "%2F") + ".json";
  }

  private byte[] direct(String path) throws Exception {
    HttpResponse<byte[]> r = get(server.url(), path);
    assertThat(r.statusCode()).as("upstream " + path).isEqualTo(200);
    return r.body();
  }

  private HttpResponse<byte[]> viaProxy(String path) throws Exception {
    return get(proxy.url(), path);
  }

  private HttpResponse<byte[]> get(URI base, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String sha(byte[] b) {
    return Recorder.sha256Hex(b);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
