package dev.mallory.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.attack.ArbitraryInstallation;
import dev.mallory.attack.EndlessData;
import dev.mallory.attack.ExtraneousDependencies;
import dev.mallory.attack.FastForward;
import dev.mallory.attack.Freeze;
import dev.mallory.attack.JsonForgery;
import dev.mallory.attack.KeyCompromise;
import dev.mallory.attack.MaliciousMirror;
import dev.mallory.attack.MixAndMatch;
import dev.mallory.attack.Rollback;
import dev.mallory.attack.SlowRetrieval;
import dev.mallory.attack.TypeConfusion;
import dev.mallory.attack.WrongSoftware;
import dev.mallory.classify.FileKind;
import dev.mallory.classify.Naming;
import dev.mallory.crypto.SigningKey;
import dev.mallory.crypto.ThresholdCheck;
import dev.mallory.journal.JournalEntry;
import dev.mallory.journal.Recorder;
import dev.mallory.json.Json;
import dev.mallory.model.Metadata;
import dev.mallory.model.Signed;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every attack through real HTTP on loopback: the bytes change exactly as claimed, and the journal says so. */
class AttacksTest {
  private TufFixture repo;
  private AttackerProxy proxy;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() throws IOException {
    repo = new TufFixture();
    proxy = AttackerProxy.reverse(repo.url()).start();
  }

  @AfterEach
  void stop() {
    proxy.close();
    repo.close();
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(proxy.url().resolve(path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private JournalEntry lastFor(String path) {
    List<JournalEntry> all = proxy.journal().find(e -> e.request().path().equals(path));
    assertThat(all).as("journal entries for " + path).isNotEmpty();
    return all.get(all.size() - 1);
  }

  private static long version(byte[] metadata) {
    return Json.parse(metadata).path("signed").path("version").asLong();
  }

  private static String sha(byte[] b) {
    return Recorder.sha256Hex(b);
  }

  /** Fetches v1 of everything through the proxy, marks it, publishes v2 upstream. */
  private void seeV1ThenPublish() throws Exception {
    for (String r : List.of("root", "timestamp", "snapshot", "targets")) {
      assertThat(get("/metadata/" + r + ".json").statusCode()).isEqualTo(200);
    }
    proxy.mark("v1");
    repo.publish();
  }

  @Test
  void passthrough_isByteExact_andJournalClassifiesTheRequest() throws Exception {
    HttpResponse<byte[]> r = get("/metadata/1.root.json");
    assertThat(r.body()).isEqualTo(repo.file("/metadata/1.root.json"));
    JournalEntry e = lastFor("/metadata/1.root.json");
    assertThat(e.request().kind()).isEqualTo(FileKind.METADATA);
    assertThat(e.request().role()).isEqualTo("root");
    assertThat(e.request().naming()).isEqualTo(Naming.BY_VERSION);
    assertThat(e.request().version()).isEqualTo(1L);
    assertThat(e.effect()).isEqualTo("Passthrough");
    assertThat(e.attacked()).isFalse();
    assertThat(e.upstreamSha256()).isEqualTo(e.sentSha256()).isEqualTo(sha(r.body()));
    assertThat(proxy.recorder().version("", "root", 1)).isPresent();
  }

  @Test
  void rollback_replaysTheRecordedOldTimestamp_untilClosed() throws Exception {
    seeV1ThenPublish();
    byte[] v1 = proxy.recorder().version("", "timestamp", 1).orElseThrow().bytes();
    byte[] v2 = repo.file("/metadata/timestamp.json");
    try (AppliedAttack a = proxy.apply(new Rollback(null, "timestamp", 1L))) {
      HttpResponse<byte[]> r = get("/metadata/timestamp.json");
      assertThat(r.body()).isEqualTo(v1);
      JournalEntry e = lastFor("/metadata/timestamp.json");
      assertThat(e.attackId()).isEqualTo(a.id());
      assertThat(e.attackType()).isEqualTo("rollback");
      assertThat(e.effect()).isEqualTo("ReplayRecorded");
      assertThat(e.upstreamSha256()).isEqualTo(sha(v2));
      assertThat(e.sentSha256()).isEqualTo(sha(v1));
      // other roles untouched
      assertThat(get("/metadata/snapshot.json").body()).isEqualTo(repo.file("/metadata/snapshot.json"));
    }
    // same keep-alive client: the next request is honest again
    assertThat(get("/metadata/timestamp.json").body()).isEqualTo(v2);
    assertThat(proxy.journal().byAttackType("rollback")).hasSize(1);
  }

  @Test
  void rollback_withoutVersion_replaysTheNewestOlderOne_andFailsLoudlyWhenNoneIsRecorded() throws Exception {
    proxy.apply(new Rollback(null, "snapshot", null));
    HttpResponse<byte[]> none = get("/metadata/snapshot.json");
    assertThat(none.statusCode()).isEqualTo(500);
    assertThat(new String(none.body(), StandardCharsets.UTF_8)).contains("no recorded older version of snapshot");
    proxy.reset();
    seeV1ThenPublish();
    repo.publish(); // v3 upstream
    get("/metadata/snapshot.json"); // recorded v3
    proxy.apply(new Rollback(null, "snapshot", null));
    assertThat(version(get("/metadata/snapshot.json").body())).isEqualTo(1);
  }

  @Test
  void freeze_servesTheRepositoryAsOfTheMoment_andWithholdsNewerVersions() throws Exception {
    seeV1ThenPublish();
    proxy.apply(new Freeze(null, "v1"));
    assertThat(version(get("/metadata/timestamp.json").body())).isEqualTo(1);
    assertThat(version(get("/metadata/snapshot.json").body())).isEqualTo(1);
    assertThat(get("/metadata/2.snapshot.json").statusCode()).isEqualTo(404);
    assertThat(proxy.journal().byAttackType("freeze")).hasSize(3);
  }

  @Test
  void mixAndMatch_combinesRolesFromDifferentMoments() throws Exception {
    seeV1ThenPublish();
    proxy.apply(new MixAndMatch(null, Map.of("targets", "v1")));
    assertThat(version(get("/metadata/timestamp.json").body())).isEqualTo(2);
    assertThat(version(get("/metadata/snapshot.json").body())).isEqualTo(2);
    assertThat(version(get("/metadata/2.targets.json").body())).isEqualTo(1);
    assertThat(lastFor("/metadata/2.targets.json").attackType()).isEqualTo("mix-and-match");
  }

  @Test
  void fastForward_resignsTimestampAtAHugeVersion_withTheStolenKey() throws Exception {
    proxy.keys().put("stolen-ts", repo.timestampKey);
    proxy.apply(new FastForward(null, "timestamp", null, "P30D", Map.of("timestamp", List.of("stolen-ts"))));
    byte[] body = get("/metadata/timestamp.json").body();
    assertThat(version(body)).isEqualTo(Integer.MAX_VALUE);
    assertSignedBy(body, repo.timestampKey);
    assertThat(lastFor("/metadata/timestamp.json").effect()).isEqualTo("Resign");
  }

  @Test
  void keyCompromise_chainedForgery_fixesParentHashesAndVersions_andServesTheAddedTarget() throws Exception {
    proxy.keys().put("t", repo.targetsKey).put("s", repo.snapshotKey).put("ts", repo.timestampKey);
    proxy.apply(new KeyCompromise(null, "targets", null, null,
        Map.of("targets", List.of("t"), "snapshot", List.of("s"), "timestamp", List.of("ts")),
        Map.of("evil.txt", "pwned"), List.of("b.txt")));
    byte[] ts = get("/metadata/timestamp.json").body();
    byte[] snap = get("/metadata/snapshot.json").body();
    byte[] targets = get("/metadata/2.targets.json").body(); // consistent-snapshot name of the forged version
    assertSignedBy(ts, repo.timestampKey);
    assertSignedBy(snap, repo.snapshotKey);
    assertSignedBy(targets, repo.targetsKey);
    assertThat(version(ts)).isEqualTo(2);
    JsonNode tsMeta = Json.parse(ts).path("signed").path("meta").path("snapshot.json");
    assertThat(tsMeta.path("hashes").path("sha256").asText()).isEqualTo(sha(snap));
    assertThat(tsMeta.path("length").asInt()).isEqualTo(snap.length);
    JsonNode snapMeta = Json.parse(snap).path("signed").path("meta").path("targets.json");
    assertThat(snapMeta.path("version").asLong()).isEqualTo(2);
    assertThat(snapMeta.path("hashes").path("sha256").asText()).isEqualTo(sha(targets));
    JsonNode listed = Json.parse(targets).path("signed").path("targets");
    assertThat(listed.has("evil.txt")).isTrue();
    assertThat(listed.has("b.txt")).isFalse();
    byte[] evil = get("/targets/evil.txt").body();
    assertThat(new String(evil, StandardCharsets.UTF_8)).isEqualTo("pwned");
    assertThat(listed.path("evil.txt").path("hashes").path("sha256").asText()).isEqualTo(sha(evil));
  }

  @Test
  void keyCompromise_withoutParentKeys_servesTheGenuineParent() throws Exception {
    proxy.keys().put("t", repo.targetsKey);
    proxy.apply(new KeyCompromise(null, "targets", null, null, Map.of("targets", List.of("t")),
        Map.of("evil.txt", "pwned"), null));
    assertThat(get("/metadata/snapshot.json").body()).isEqualTo(repo.file("/metadata/snapshot.json"));
    byte[] forged = get("/metadata/1.targets.json").body(); // asked by the genuine version: still forged
    assertThat(version(forged)).isEqualTo(2);
    assertSignedBy(forged, repo.targetsKey);
  }

  @Test
  void endlessData_chunked_streamsUntilTheLimit() throws Exception {
    proxy.apply(new EndlessData(null, "timestamp", null, "chunked", null, 3_000_000L));
    HttpResponse<byte[]> r = get("/metadata/timestamp.json");
    assertThat(r.body()).hasSize(3_000_000);
    assertThat(r.headers().firstValue("transfer-encoding")).contains("chunked");
    Thread.sleep(100);
    JournalEntry e = lastFor("/metadata/timestamp.json");
    assertThat(e.effect()).isEqualTo("EndlessBody");
    assertThat(e.sentBytes()).isEqualTo(3_000_000);
  }

  @Test
  void endlessData_lyingLength_sendsMoreThanItDeclares() throws Exception {
    proxy.apply(new EndlessData(null, null, "a.txt", "lying-length", 10L, 200_000L));
    byte[] raw = rawGet("/targets/a.txt", 400_000);
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    assertThat(text).containsIgnoringCase("content-length: 10\r\n");
    int headerEnd = text.indexOf("\r\n\r\n") + 4;
    assertThat(raw.length - headerEnd).isEqualTo(200_000);
  }

  @Test
  void endlessData_close_neverEnds_theClientMustHangUp() throws Exception {
    proxy.apply(new EndlessData(null, "snapshot", null, null, null, null));
    try (Socket s = new Socket("127.0.0.1", proxy.port())) {
      s.getOutputStream().write("GET /metadata/snapshot.json HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      byte[] buf = new byte[65536];
      long total = 0;
      while (total < 50_000_000) {
        int n = in.read(buf);
        assertThat(n).as("stream ended after " + total + " bytes").isPositive();
        total += n;
      }
    }
    Thread.sleep(200);
    assertThat(lastFor("/metadata/snapshot.json").sentBytes()).isGreaterThanOrEqualTo(50_000_000 - 65536 * 16L);
  }

  @Test
  void slowRetrieval_dripsTheGenuineBytes() throws Exception {
    byte[] genuine = repo.file("/metadata/timestamp.json");
    int ticks = 20;
    int per = genuine.length / ticks + 1;
    proxy.apply(new SlowRetrieval(null, "timestamp", null, per, 25L));
    long t0 = System.nanoTime();
    byte[] body = get("/metadata/timestamp.json").body();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(body).isEqualTo(genuine);
    assertThat(ms).isGreaterThanOrEqualTo(19 * 25L - 50);
    Thread.sleep(50);
    assertThat(lastFor("/metadata/timestamp.json").effect()).isEqualTo("Drip");
  }

  @Test
  void slowRetrieval_aClientThatGivesUpIsJournaledWhenItHangsUp_notAtTheNextTick() throws Exception {
    proxy.apply(new SlowRetrieval(null, "timestamp", null, 1, 30_000L)); // one byte now, the next in 30 s
    try (Socket s = new Socket("127.0.0.1", proxy.port())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write("GET /metadata/timestamp.json HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] head = new byte[4096];
      int n = 0;
      while (!new String(head, 0, n, StandardCharsets.US_ASCII).contains("\r\n\r\n")) {
        n += s.getInputStream().read(head, n, head.length - n);
      }
    }
    long hungUp = System.nanoTime();
    while (proxy.journal().find(e -> e.request().path().equals("/metadata/timestamp.json")).isEmpty()
        && System.nanoTime() - hungUp < 5_000_000_000L) {
      Thread.sleep(20);
    }
    JournalEntry e = lastFor("/metadata/timestamp.json");
    assertThat(e.effect()).isEqualTo("Drip");
    assertThat(e.sentBytes()).isEqualTo(1);
    assertThat(e.micros()).isLessThan(10_000_000L);
  }

  @Test
  void arbitraryInstallation_sameLength_onlyTheHashTells() throws Exception {
    byte[] genuine = repo.file("/targets/a.txt");
    proxy.apply(new ArbitraryInstallation(null, "a.txt", null, true));
    byte[] served = get("/targets/a.txt").body();
    assertThat(served).hasSameSizeAs(genuine).isNotEqualTo(genuine);
    assertThat(get("/targets/b.txt").body()).isEqualTo(repo.file("/targets/b.txt"));
    JournalEntry e = lastFor("/targets/a.txt");
    assertThat(e.request().kind()).isEqualTo(FileKind.TARGET);
    assertThat(e.request().targetPath()).isEqualTo("a.txt");
    assertThat(e.sentSha256()).isEqualTo(sha(served)).isNotEqualTo(e.upstreamSha256());
  }

  @Test
  void arbitraryInstallation_otherLength() throws Exception {
    proxy.apply(new ArbitraryInstallation(null, "a.txt", "#!/bin/sh\nrm -rf ~\n", false));
    assertThat(new String(get("/targets/a.txt").body(), StandardCharsets.UTF_8)).isEqualTo("#!/bin/sh\nrm -rf ~\n");
  }

  @Test
  void wrongSoftware_servesAnotherGenuineTarget() throws Exception {
    proxy.apply(new WrongSoftware(null, "a.txt", "b.txt"));
    assertThat(get("/targets/a.txt").body()).isEqualTo(repo.file("/targets/b.txt"));
    assertThat(lastFor("/targets/a.txt").attackType()).isEqualTo("wrong-software");
  }

  @Test
  void typeConfusion_servesTheSnapshotAsTheTimestamp() throws Exception {
    proxy.apply(new TypeConfusion(null, "timestamp", "snapshot"));
    assertThat(get("/metadata/timestamp.json").body()).isEqualTo(repo.file("/metadata/snapshot.json"));
  }

  @Test
  void maliciousMirror_eachBehaviour() throws Exception {
    try (var a = proxy.apply(new MaliciousMirror(null, "timestamp", null, "not-found"))) {
      assertThat(get("/metadata/timestamp.json").statusCode()).isEqualTo(404);
    }
    try (var a = proxy.apply(new MaliciousMirror(null, "timestamp", null, "server-error"))) {
      assertThat(get("/metadata/timestamp.json").statusCode()).isEqualTo(500);
    }
    try (var a = proxy.apply(new MaliciousMirror(null, "timestamp", null, "empty"))) {
      HttpResponse<byte[]> r = get("/metadata/timestamp.json");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEmpty();
    }
    try (var a = proxy.apply(new MaliciousMirror(null, "timestamp", null, "garbage"))) {
      assertThat(new String(get("/metadata/timestamp.json").body(), StandardCharsets.UTF_8)).contains("garbage");
    }
    try (var a = proxy.apply(new MaliciousMirror(null, "timestamp", null, "reset"))) {
      assertThatThrownBy(() -> get("/metadata/timestamp.json")).isInstanceOf(IOException.class);
      Thread.sleep(50);
      assertThat(lastFor("/metadata/timestamp.json").effect()).isEqualTo("ResetConnection");
    }
    repo.publish();
    get("/metadata/timestamp.json"); // v2 recorded after v1
    try (var a = proxy.apply(new MaliciousMirror(null, "timestamp", null, "stale"))) {
      assertThat(version(get("/metadata/timestamp.json").body())).isEqualTo(1);
    }
    assertThat(get("/metadata/timestamp.json").statusCode()).isEqualTo(200);
  }

  @Test
  void extraneousDependencies_addsASignedTargetAndADependencyOnIt() throws Exception {
    proxy.keys().put("t", repo.targetsKey);
    proxy.apply(new ExtraneousDependencies(null, null, "libevil.so", "evil", "a.txt", Map.of("targets", List.of("t"))));
    byte[] targets = get("/metadata/targets.json").body();
    assertSignedBy(targets, repo.targetsKey);
    JsonNode t = Json.parse(targets).path("signed").path("targets");
    assertThat(t.has("libevil.so")).isTrue();
    assertThat(t.path("a.txt").path("custom").path("dependencies").get(0).asText()).isEqualTo("libevil.so");
    assertThat(get("/targets/libevil.so").body()).isEqualTo("evil".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void jsonForgeries_editExactlyWhatTheyName() throws Exception {
    byte[] genuine = repo.file("/metadata/timestamp.json");
    try (var a = proxy.apply(new JsonForgery(null, "timestamp", "duplicate-signature", null))) {
      JsonNode sigs = Json.parse(get("/metadata/timestamp.json").body()).path("signatures");
      assertThat(sigs).hasSize(2);
      assertThat(sigs.get(0)).isEqualTo(sigs.get(1));
    }
    try (var a = proxy.apply(new JsonForgery(null, "timestamp", "remove-signature", null))) {
      byte[] b = get("/metadata/timestamp.json").body();
      assertThat(Json.parse(b).path("signatures")).isEmpty();
      assertThat(Json.parse(b).path("signed")).isEqualTo(Json.parse(genuine).path("signed"));
    }
    proxy.keys().put("root", repo.rootKey);
    try (var a = proxy.apply(new JsonForgery(null, "root", "threshold-zero", Map.of("root", List.of("root"))))) {
      byte[] b = get("/metadata/root.json").body();
      Json.parse(b).path("signed").path("roles").forEach(r -> assertThat(r.path("threshold").asInt()).isZero());
      assertThat(Json.parse(b).path("signatures").get(0).path("keyid").asText()).isEqualTo(repo.rootKey.keyId());
    }
    try (var a = proxy.apply(new JsonForgery(null, "root", "duplicate-key", null))) {
      JsonNode ts = Json.parse(get("/metadata/root.json").body()).path("signed").path("roles").path("timestamp");
      assertThat(ts.path("keyids")).hasSize(2);
      assertThat(ts.path("keyids").get(0)).isEqualTo(ts.path("keyids").get(1));
      assertThat(ts.path("threshold").asInt()).isEqualTo(2);
    }
    try (var a = proxy.apply(new JsonForgery(null, "targets", "target-path-traversal", null))) {
      assertThat(Json.parse(get("/metadata/targets.json").body()).path("signed").path("targets").has("../../x")).isTrue();
    }
    try (var a = proxy.apply(new JsonForgery(null, "targets", "delegation-path-traversal", null))) {
      JsonNode roles = Json.parse(get("/metadata/targets.json").body()).path("signed").path("delegations").path("roles");
      assertThat(roles.get(0).path("name").asText()).isEqualTo("../x");
    }
  }

  @Test
  void firstAppliedAttackWins_andAChangeTakesEffectOnTheNextKeepAliveRequest() throws Exception {
    seeV1ThenPublish();
    AppliedAttack first = proxy.apply(new MaliciousMirror(null, "timestamp", null, "not-found"));
    proxy.apply(new Rollback(null, "timestamp", 1L));
    assertThat(get("/metadata/timestamp.json").statusCode()).isEqualTo(404);
    first.close();
    assertThat(version(get("/metadata/timestamp.json").body())).isEqualTo(1);
    proxy.reset();
    assertThat(version(get("/metadata/timestamp.json").body())).isEqualTo(2);
  }

  @Test
  void bounds_largeRequestIs413_largeUpstreamIs502_deadUpstreamIs502() throws Exception {
    try (AttackerProxy small = AttackerProxy.reverse(repo.url()).maxRequestBytes(1000).maxResponseBytes(100).start()) {
      HttpResponse<String> big = http.send(HttpRequest.newBuilder(small.url().resolve("/metadata/root.json"))
          .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[5000])).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(big.statusCode()).isEqualTo(413);
      HttpResponse<String> tooLarge = http.send(HttpRequest.newBuilder(small.url().resolve("/metadata/root.json")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(tooLarge.statusCode()).isEqualTo(502);
    }
    int deadPort;
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    try (AttackerProxy dead = AttackerProxy.reverse(URI.create("http://127.0.0.1:" + deadPort)).start()) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(dead.url().resolve("/metadata/root.json")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(dead.journal().entries().get(0).upstreamError()).contains("cannot connect");
    }
  }

  @Test
  void forwardMode_absoluteUri_routesAMadeUpHostToLoopback() throws Exception {
    try (AttackerProxy fwd = AttackerProxy.forward().start()) {
      HttpClient viaProxy = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .proxy(java.net.ProxySelector.of(new java.net.InetSocketAddress("127.0.0.1", fwd.port()))).build();
      URI u = URI.create("http://repo.test:" + repo.url().getPort() + "/metadata/timestamp.json");
      HttpResponse<byte[]> r = viaProxy.send(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.body()).isEqualTo(repo.file("/metadata/timestamp.json"));
      assertThat(fwd.journal().entries().get(0).host()).isEqualTo("repo.test:" + repo.url().getPort());
    }
  }

  private byte[] rawGet(String path, int max) throws IOException {
    try (Socket s = new Socket("127.0.0.1", proxy.port())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return s.getInputStream().readNBytes(max);
    }
  }

  private static void assertSignedBy(byte[] raw, SigningKey key) {
    Metadata<? extends Signed> md = TufFixture.D.parse(raw);
    ThresholdCheck.Result r = ThresholdCheck.count(md.signedBytes(), md.signatures(),
        Map.of(key.keyId(), key.publicKey()), List.of(key.keyId()), 1, key.encoding());
    assertThat(r.reached()).as("signed by " + key + ": " + HexFormat.of().formatHex(md.signedBytes()).length()).isTrue();
  }
}
