package dev.mallory.server;

import static dev.mallory.server.NotaryUploads.errorCode;
import static dev.mallory.server.NotaryUploads.files;
import static dev.mallory.server.NotaryUploads.sign;
import static dev.mallory.server.NotaryUploads.upload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.model.MetaFile;
import dev.mallory.model.Snapshot;
import dev.mallory.model.TargetFile;
import dev.mallory.model.Targets;
import dev.mallory.repo.Repository;
import dev.mallory.repo.signing.LocalSigningService;
import dev.mallory.repo.store.Hashes;
import dev.mallory.repo.store.MetadataStore;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class PushAuthAndConcurrencyTest {
  private static final String GUN = "example.com/app";

  @Test
  void anonymousAndForeignPushesAreRefusedAndChangeNothing() throws Exception {
    PushAuth auth = new PushAuth(List.of(
        new PushAuth.Grant(new PushAuth.BearerToken("token-example"), List.of("example.com/")),
        new PushAuth.Grant(new PushAuth.Basic("other", "pw"), List.of("other.org/app"))));
    MetadataStore store = MetadataStore.inMemory();
    try (MalloryServer server = MalloryServer.start(ServerConfig.defaults().withAuth(auth), store, LocalSigningService.inMemory(), Clock.systemUTC())) {
      Repository client = NotaryUploads.clientRepository(server.url(), GUN);
      Map<String, byte[]> files = files(client, "root", "targets", "snapshot");

      HttpResponse<String> anonymous = upload(server.url(), GUN, files, null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(errorCode(anonymous)).isEqualTo("UNAUTHORIZED");
      assertThat(upload(server.url(), GUN, files, "Bearer wrong").statusCode()).isEqualTo(401);
      String basic = "Basic " + Base64.getEncoder().encodeToString("other:pw".getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> foreign = upload(server.url(), GUN, files, basic);
      assertThat(foreign.statusCode()).isEqualTo(403);
      assertThat(errorCode(foreign)).isEqualTo("DENIED");
      assertThat(store.repositories()).isEmpty();
      var rotate = NotaryUploads.HTTP.send(java.net.http.HttpRequest.newBuilder(server.url().resolve("/v2/" + GUN + "/_trust/tuf/timestamp.key"))
          .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(rotate.statusCode()).isEqualTo(401);

      assertThat(upload(server.url(), GUN, files, "Bearer token-example").statusCode()).isEqualTo(200);
      byte[] root = NotaryUploads.get(server.url(), "/v2/" + GUN + "/_trust/tuf/root.json").body(); // reads are open
      assertThat(root).isEqualTo(files.get("root"));
      var delete = NotaryUploads.HTTP.send(java.net.http.HttpRequest.newBuilder(server.url().resolve("/v2/" + GUN + "/_trust/tuf/"))
          .DELETE().header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(delete.statusCode()).isEqualTo(403);
      assertThat(store.current(GUN, "root")).isPresent();
    }
  }

  @Test
  void ofTwoConcurrentUploadsOfTheSameRoleVersionExactlyOneWins() throws Exception {
    MetadataStore store = MetadataStore.inMemory();
    try (MalloryServer server = MalloryServer.start(ServerConfig.defaults(), store, LocalSigningService.inMemory(), Clock.systemUTC())) {
      Repository client = NotaryUploads.clientRepository(server.url(), GUN);
      assertThat(upload(server.url(), GUN, files(client, "root", "targets", "snapshot"), null).statusCode()).isEqualTo(200);
      byte[] root = client.current("root").get().bytes();
      for (int round = 0; round < 10; round++) {
        long targetsVersion = store.current(GUN, "targets").get().version() + 1;
        long snapshotVersion = store.current(GUN, "snapshot").get().version() + 1;
        List<Map<String, byte[]>> candidates = new ArrayList<>();
        for (String name : List.of("a" + round, "b" + round)) {
          candidates.add(candidate(client, root, name, targetsVersion, snapshotVersion));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> results = new ArrayList<>();
        for (Map<String, byte[]> files : candidates) {
          results.add(CompletableFuture.supplyAsync(() -> {
            try {
              start.await();
              return upload(server.url(), GUN, files, null);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }));
        }
        start.countDown();
        List<Integer> statuses = results.stream().map(f -> f.join().statusCode()).sorted().toList();
        assertThat(statuses).as("round " + round).containsExactly(200, 400);
        HttpResponse<String> loser = results.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 400).findFirst().get();
        assertThat(errorCode(loser)).isEqualTo("VERSION");
        assertThat(store.current(GUN, "targets").get().version()).isEqualTo(targetsVersion);
      }
    }
  }

  /** Targets v(n) listing one more target, and a snapshot v(m) pinning it: a valid upload. */
  private static Map<String, byte[]> candidate(Repository client, byte[] root, String target, long tv, long sv) {
    Targets base = client.targets("targets");
    Map<String, TargetFile> targets = new TreeMap<>(base.targets());
    byte[] content = target.getBytes(StandardCharsets.UTF_8);
    targets.put(target, new TargetFile(content.length, Hashes.sha256And512(content), null));
    Instant expires = Instant.now().plus(Duration.ofDays(30));
    byte[] targetsFile = sign(new Targets(tv, expires, null, targets, base.delegations(), Map.of()), client.keys("targets"));
    Map<String, MetaFile> meta = new TreeMap<>();
    meta.put("root", NotaryUploads.pin("root", root));
    meta.put("targets", NotaryUploads.pin("targets", targetsFile));
    byte[] snapshotFile = sign(new Snapshot(sv, expires, null, meta, Map.of()), client.keys("snapshot"));
    return Map.of("targets", targetsFile, "snapshot", snapshotFile);
  }

}
