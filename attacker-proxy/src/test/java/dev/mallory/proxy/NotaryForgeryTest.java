package dev.mallory.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.attack.KeyCompromise;
import dev.mallory.crypto.SigningKey;
import dev.mallory.crypto.ThresholdCheck;
import dev.mallory.dialect.Dialect;
import dev.mallory.json.Json;
import dev.mallory.model.Metadata;
import dev.mallory.model.Signed;
import dev.mallory.repo.Repository;
import dev.mallory.repo.signing.LocalSigningService;
import dev.mallory.repo.store.MetadataStore;
import dev.mallory.server.MalloryServer;
import dev.mallory.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forgeries in the Notary dialect against the reference server's Notary API: meta entries carry
 * base64 sha256/sha512 and a length but no version, the parent is fetched by the forged child's hex
 * SHA-256 ({@code snapshot.<hash>.json}), and every forged file verifies with the stolen key under
 * {@link Dialect#NOTARY}'s canonical form.
 */
class NotaryForgeryTest {
  private static final String GUN = "example.com/app";
  private static final String BASE = "/v2/" + GUN + "/_trust/tuf/";
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private MalloryServer server;
  private Repository repo;
  private LocalSigningService signer;
  private AttackerProxy proxy;

  @BeforeEach
  void start() {
    MetadataStore store = MetadataStore.inMemory();
    signer = LocalSigningService.inMemory();
    repo = Repository.builder(Dialect.NOTARY).name(GUN).store(store).signingService(signer).create();
    repo.addTarget("v1", "release one\n".getBytes(StandardCharsets.UTF_8));
    repo.publish();
    server = MalloryServer.start(ServerConfig.defaults(), store, signer, Clock.systemUTC());
    proxy = AttackerProxy.reverse(server.url()).start();
  }

  @AfterEach
  void stop() {
    proxy.close();
    server.close();
  }

  private byte[] get(String path) throws Exception {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(proxy.url() + path))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(path + ": " + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    return r.body();
  }

  @Test
  void keyCompromise_resignsTargetsSnapshotAndTimestamp_withBase64HashesAndNoVersionsInMeta() throws Exception {
    byte[] genuineTs = get(BASE + "timestamp.json");
    byte[] genuineSnap = get(BASE + "snapshot.json");
    JsonNode genuineMeta = Json.parse(genuineTs).path("signed").path("meta").path("snapshot");
    assertThat(genuineMeta.has("version")).as("Notary meta has no version").isFalse();

    SigningKey targetsKey = repo.keys("targets").get(0);
    SigningKey snapshotKey = repo.keys("snapshot").get(0);
    SigningKey timestampKey = signer.signingKeys(GUN, "timestamp").get(0);
    proxy.keys().put("t", targetsKey).put("s", snapshotKey).put("ts", timestampKey);
    proxy.apply(new KeyCompromise(GUN, "targets", null, null,
        Map.of("targets", List.of("t"), "snapshot", List.of("s"), "timestamp", List.of("ts")),
        Map.of("evil", "pwned\n"), List.of("v1")));

    byte[] ts = get(BASE + "timestamp.json");
    assertSignedBy(ts, timestampKey);
    JsonNode tsSigned = Json.parse(ts).path("signed");
    assertThat(tsSigned.path("version").asLong())
        .isEqualTo(Json.parse(genuineTs).path("signed").path("version").asLong() + 1);
    JsonNode snapMeta = tsSigned.path("meta").path("snapshot");
    assertThat(snapMeta.has("version")).isFalse();

    // A Notary client asks for the snapshot by the hex SHA-256 its timestamp lists (base64 there).
    String snapHex = HexFormat.of().formatHex(Base64.getDecoder().decode(snapMeta.path("hashes").path("sha256").asText()));
    byte[] snap = get(BASE + "snapshot." + snapHex + ".json");
    assertThat(snap).isEqualTo(get(BASE + "snapshot.json")).isNotEqualTo(genuineSnap);
    assertSignedBy(snap, snapshotKey);
    assertListed(snapMeta, snap);

    JsonNode targetsMeta = Json.parse(snap).path("signed").path("meta").path("targets");
    assertThat(targetsMeta.has("version")).isFalse();
    String targetsHex = HexFormat.of().formatHex(
        Base64.getDecoder().decode(targetsMeta.path("hashes").path("sha256").asText()));
    byte[] targets = get(BASE + "targets." + targetsHex + ".json");
    assertSignedBy(targets, targetsKey);
    assertListed(targetsMeta, targets);
    // The root entry of the snapshot is the genuine one, untouched.
    assertThat(Json.parse(snap).path("signed").path("meta").path("root"))
        .isEqualTo(Json.parse(genuineSnap).path("signed").path("meta").path("root"));

    JsonNode listed = Json.parse(targets).path("signed").path("targets");
    assertThat(listed.has("v1")).isFalse();
    byte[] evil = "pwned\n".getBytes(StandardCharsets.UTF_8);
    assertThat(listed.path("evil").path("length").asInt()).isEqualTo(evil.length);
    assertThat(listed.path("evil").path("hashes").path("sha256").asText()).isEqualTo(b64("SHA-256", evil));
    assertThat(listed.path("evil").path("hashes").path("sha512").asText()).isEqualTo(b64("SHA-512", evil));

    // The forgeries parse as Notary metadata (Go-style names, base64 hashes) and the journal says who fired.
    assertThat(Dialect.NOTARY.parse(ts).version()).isEqualTo(tsSigned.path("version").asLong());
    assertThat(proxy.journal().byAttackType("key-compromise")).extracting(e -> e.request().role())
        .contains("timestamp", "snapshot", "targets");
  }

  @Test
  void keyCompromise_ofTheTimestampAlone_keepsTheGenuineSnapshotHashes() throws Exception {
    byte[] genuineTs = get(BASE + "timestamp.json");
    SigningKey timestampKey = signer.signingKeys(GUN, "timestamp").get(0);
    proxy.keys().put("ts", timestampKey);
    proxy.apply(new KeyCompromise(GUN, "timestamp", 1000L, "P30D", Map.of("timestamp", List.of("ts")), null, null));
    byte[] ts = get(BASE + "timestamp.json");
    assertSignedBy(ts, timestampKey);
    JsonNode signed = Json.parse(ts).path("signed");
    assertThat(signed.path("version").asLong()).isEqualTo(1000L);
    assertThat(signed.path("meta")).isEqualTo(Json.parse(genuineTs).path("signed").path("meta"));
    assertListed(signed.path("meta").path("snapshot"), get(BASE + "snapshot.json"));
  }

  /** The meta entry names exactly these bytes: length and base64 sha256/sha512, no version. */
  private static void assertListed(JsonNode meta, byte[] file) throws Exception {
    assertThat(meta.path("length").asInt()).isEqualTo(file.length);
    assertThat(meta.path("hashes").path("sha256").asText()).isEqualTo(b64("SHA-256", file));
    assertThat(meta.path("hashes").path("sha512").asText()).isEqualTo(b64("SHA-512", file));
    assertThat(meta.has("version")).isFalse();
  }

  private static String b64(String algorithm, byte[] bytes) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance(algorithm).digest(bytes));
  }

  private static void assertSignedBy(byte[] raw, SigningKey key) {
    Metadata<? extends Signed> md = Dialect.NOTARY.parse(raw);
    ThresholdCheck.Result r = ThresholdCheck.count(md.signedBytes(), md.signatures(),
        Map.of(key.keyId(), key.publicKey()), List.of(key.keyId()), 1, key.encoding());
    assertThat(r.reached()).as("signed by " + key.keyId() + " under Notary's canonical form: " + r).isTrue();
  }
}
