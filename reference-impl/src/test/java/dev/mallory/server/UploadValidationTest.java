package dev.mallory.server;

import static dev.mallory.server.NotaryUploads.errorCode;
import static dev.mallory.server.NotaryUploads.files;
import static dev.mallory.server.NotaryUploads.sign;
import static dev.mallory.server.NotaryUploads.upload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.crypto.KeyAlgorithm;
import dev.mallory.crypto.KeyEncoding;
import dev.mallory.crypto.KeyGenerator;
import dev.mallory.dialect.Dialect;
import dev.mallory.model.Root;
import dev.mallory.model.Snapshot;
import dev.mallory.model.TargetFile;
import dev.mallory.model.Targets;
import dev.mallory.repo.Delegation;
import dev.mallory.repo.Repository;
import dev.mallory.repo.signing.LocalSigningService;
import dev.mallory.repo.store.Hashes;
import dev.mallory.repo.store.MetadataStore;
import dev.mallory.repo.store.RoleFile;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of bad upload is refused with notary-server's error code, and nothing served changes. */
class UploadValidationTest {
  private static final String GUN = "example.com/app";
  private MetadataStore store;
  private MalloryServer server;
  private Repository client;

  @BeforeEach
  void publishAValidRepositoryWithADelegation() throws Exception {
    store = MetadataStore.inMemory();
    server = MalloryServer.start(ServerConfig.defaults(), store, LocalSigningService.inMemory(), Clock.systemUTC());
    client = NotaryUploads.clientRepository(server.url(), GUN);
    assertThat(upload(server.url(), GUN, files(client, "root", "targets", "snapshot"), null).statusCode()).isEqualTo(200);
    client.delegate("targets", "targets/releases", Delegation.paths("rel/"));
    client.addTarget("targets/releases", "rel/one", bytes("one"));
    client.publish();
    assertThat(upload(server.url(), GUN, files(client, "targets", "targets/releases", "snapshot"), null).statusCode()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void malformedJson() throws Exception {
    refused(Map.of("targets", bytes("{\"signed\":")), "MALFORMED_JSON");
  }

  @Test
  void notMultipart() throws Exception {
    Map<String, byte[]> before = served();
    var r = NotaryUploads.HTTP.send(java.net.http.HttpRequest.newBuilder(server.url().resolve("/v2/" + GUN + "/_trust/tuf/"))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(errorCode(r)).isEqualTo("MALFORMED_UPLOAD");
    assertUnchanged(before);
  }

  @Test
  void invalidRoleNamesAndTheServerManagedTimestamp() throws Exception {
    refused(Map.of("foo", client.current("targets").get().bytes()), "INVALID_ROLE");
    refused(Map.of("targets/../root", client.current("targets").get().bytes()), "INVALID_ROLE");
    refused(Map.of("timestamp", client.current("timestamp").get().bytes()), "INVALID_ROLE");
  }

  @Test
  void fileOfTheWrongType() throws Exception {
    refused(Map.of("snapshot", client.current("targets").get().bytes()), "INVALID_UPDATE");
  }

  @Test
  void targetsSignedByAnUntrustedKey() throws Exception {
    Targets next = withVersion(client.targets("targets"), nextServerVersion("targets"));
    refused(Map.of("targets", sign(next, List.of(KeyGenerator.generate(KeyAlgorithm.ECDSA_P256, KeyEncoding.NOTARY)))), "INVALID_UPDATE");
  }

  @Test
  void targetsVersionNotIncreased() throws Exception {
    // Validly signed, but with the version the server already serves (other content).
    Targets base = withVersion(client.targets("targets"), store.current(GUN, "targets").get().version());
    Map<String, TargetFile> targets = new TreeMap<>(base.targets());
    targets.put("late", new TargetFile(4, Hashes.sha256And512(bytes("late")), null));
    Targets same = new Targets(base.version(), base.expires(), null, targets, base.delegations(), Map.of());
    refused(Map.of("targets", sign(same, client.keys("targets"))), "VERSION");
  }

  @Test
  void rootRotationSignedOnlyByTheNewKeys() throws Exception {
    client.rotateKeys("root");
    client.publish();
    Root newRoot = Dialect.NOTARY.parse(client.current("root").get().bytes(), Root.class).signed();
    refused(Map.of("root", sign(newRoot, client.keys("root"))), "INVALID_UPDATE");
  }

  @Test
  void rootVersionSkipped() throws Exception {
    client.bumpVersion("root", 3);
    client.publish();
    refused(files(client, "root", "snapshot"), "INVALID_UPDATE");
  }

  @Test
  void expiredTargets() throws Exception {
    client.setLifetime("targets", Duration.ofSeconds(-5));
    client.publish();
    refused(files(client, "targets", "snapshot"), "INVALID_UPDATE");
  }

  @Test
  void snapshotThatDoesNotPinTheUploadedTargets() throws Exception {
    client.addTarget("a", bytes("a"));
    client.publish();
    byte[] staleSnapshot = client.current("snapshot").get().bytes();
    client.addTarget("b", bytes("b"));
    client.publish();
    Map<String, byte[]> files = new LinkedHashMap<>(files(client, "targets"));
    files.put("snapshot", staleSnapshot);
    refused(files, "INVALID_UPDATE");
  }

  @Test
  void delegatedRoleSignedByAKeyItWasNotDelegated() throws Exception {
    Targets next = withVersion(client.targets("targets/releases"), nextServerVersion("targets/releases"));
    refused(Map.of("targets/releases", sign(next, client.keys("targets"))), "INVALID_UPDATE");
  }

  @Test
  void delegatedRoleListingATargetOutsideItsPaths() throws Exception {
    Targets base = withVersion(client.targets("targets/releases"), nextServerVersion("targets/releases"));
    Map<String, TargetFile> targets = new TreeMap<>(base.targets());
    targets.put("bin/evil", new TargetFile(4, Hashes.sha256And512(bytes("evil")), null));
    Targets evil = new Targets(base.version(), base.expires(), null, targets, base.delegations(), Map.of());
    refused(Map.of("targets/releases", sign(evil, client.keys("targets/releases"))), "INVALID_UPDATE");
  }

  @Test
  void delegatedRoleNobodyDelegated() throws Exception {
    Targets other = withVersion(client.targets("targets/releases"), 1);
    refused(Map.of("targets/other", sign(other, client.keys("targets/releases"))), "INVALID_UPDATE");
  }

  @Test
  void snapshotSignedByTheWrongKey() throws Exception {
    Snapshot current = Dialect.NOTARY.parse(store.current(GUN, "snapshot").get().bytes(), Snapshot.class).signed();
    Snapshot next = new Snapshot(current.version() + 1, current.expires(), null, current.meta(), Map.of());
    refused(Map.of("snapshot", sign(next, client.keys("targets"))), "INVALID_UPDATE");
  }

  @Test
  void acceptedUploadIsServedAndTheServerResignsTimestamp() throws Exception {
    long ts = store.current(GUN, "timestamp").get().version();
    client.addTarget("good", bytes("good"));
    client.publish();
    assertThat(upload(server.url(), GUN, files(client, "targets", "snapshot"), null).statusCode()).isEqualTo(200);
    assertThat(NotaryUploads.get(server.url(), "/v2/" + GUN + "/_trust/tuf/targets.json").body())
        .isEqualTo(client.current("targets").get().bytes());
    assertThat(store.current(GUN, "timestamp").get().version()).isEqualTo(ts + 1);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private void refused(Map<String, byte[]> files, String code) throws Exception {
    Map<String, byte[]> before = served();
    HttpResponse<String> r = upload(server.url(), GUN, files, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(errorCode(r)).as(r.body()).isEqualTo(code);
    assertUnchanged(before);
  }

  /** Every version of every role and every current file, as served over HTTP. */
  private Map<String, byte[]> served() throws Exception {
    Map<String, byte[]> out = new TreeMap<>();
    for (String role : store.roles(GUN)) {
      for (RoleFile f : store.history(GUN, role)) {
        String path = "/v2/" + GUN + "/_trust/tuf/" + f.version() + "." + role + ".json";
        out.put(path, NotaryUploads.get(server.url(), path).body());
      }
      String path = "/v2/" + GUN + "/_trust/tuf/" + role + ".json";
      out.put(path, NotaryUploads.get(server.url(), path).body());
    }
    return out;
  }

  private void assertUnchanged(Map<String, byte[]> before) throws Exception {
    Map<String, byte[]> after = served();
    assertThat(after.keySet()).isEqualTo(before.keySet());
    for (String path : before.keySet()) {
      assertThat(Arrays.equals(after.get(path), before.get(path))).as(path).isTrue();
    }
  }

  private long nextServerVersion(String role) {
    return store.current(GUN, role).map(f -> f.version() + 1).orElse(1L);
  }

  private static Targets withVersion(Targets t, long version) {
    return new Targets(version, Instant.now().plus(Duration.ofDays(30)), null, t.targets(), t.delegations(), Map.of());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

}
