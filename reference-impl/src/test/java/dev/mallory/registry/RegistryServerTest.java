package dev.mallory.registry;

import static dev.mallory.registry.Images.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mallory.registry.errors.RegistryException;
import dev.mallory.registry.image.Image;
import dev.mallory.registry.image.ImagePublisher;
import dev.mallory.registry.server.RegistryConfig;
import dev.mallory.registry.server.RegistryServer;
import dev.mallory.registry.server.RegistryStore;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reference Registry v2 subset over real HTTP: uploads, digests checked, manifests, bounds. */
class RegistryServerTest {
  private static final String NAME = "example/app";
  private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
  RegistryServer server;
  RegistryClient client;

  @BeforeEach
  void start() {
    server = RegistryServer.start(RegistryConfig.defaults().withMaxRequestBytes(64 * 1024).withMaxBlobBytes(256 * 1024),
        new RegistryStore());
    client = new RegistryClient(server.url());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void ping_answersApiVersion() throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(server.url().resolve("/v2/")).GET());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Docker-Distribution-Api-Version")).contains("registry/2.0");
    client.ping();
  }

  @Test
  void monolithicAndChunkedUploads_storeTheBlobUnderItsDigest() {
    byte[] small = utf8("hello layer\n");
    byte[] big = new byte[150_000];
    new java.util.Random(1).nextBytes(big);
    Digest d1 = client.pushBlob(NAME, small);
    Digest d2 = new RegistryClient(server.url(), 50_000, Duration.ofSeconds(30)).pushBlob(NAME, big); // 3 PATCH + PUT

    assertThat(fetch(d1, 1000)).isEqualTo(small);
    assertThat(fetch(d2, big.length)).isEqualTo(big);
    assertThat(server.store().blob(NAME, d2)).hasValueSatisfying(b -> assertThat(b).isEqualTo(big));
  }

  @Test
  void uploadWithAWrongDigest_isRefusedAndNothingIsStored() throws Exception {
    HttpResponse<String> started = send(HttpRequest.newBuilder(server.url().resolve("/v2/" + NAME + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(started.statusCode()).isEqualTo(202);
    String location = started.headers().firstValue("Location").orElseThrow();
    Digest claimed = Digest.of(utf8("abc"));

    HttpResponse<String> put = send(HttpRequest.newBuilder(server.url().resolve(location + "?digest=" + claimed))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(utf8("not abc"))));

    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(put.body()).contains("DIGEST_INVALID");
    assertThat(server.store().blob(NAME, claimed)).isEmpty();
  }

  @Test
  void bodiesAndBlobsAreBounded() throws Exception {
    HttpResponse<String> tooBig = send(HttpRequest.newBuilder(server.url().resolve("/v2/" + NAME + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[100_000])));
    assertThat(tooBig.statusCode()).isEqualTo(413);

    // chunks under the request bound that add up past the blob bound
    RegistryException e = catchThrowableOfType(
        () -> new RegistryClient(server.url(), 60_000, Duration.ofSeconds(30)).pushBlob(NAME, new byte[300_000]),
        RegistryException.class);
    assertThat(e.status()).isEqualTo(413);
  }

  @Test
  void manifests_byTagAndByDigest_withTheirMediaType() {
    Image image = Images.image("v1");
    Digest digest = ImagePublisher.push(client, NAME, "v1", image);

    RegistryClient.Fetched byTag = client.getManifest(NAME, "v1", 1 << 20);
    RegistryClient.Fetched byDigest = client.getManifest(NAME, digest.toString(), 1 << 20);

    assertThat(byTag.bytes()).isEqualTo(image.manifest());
    assertThat(byDigest.bytes()).isEqualTo(image.manifest());
    assertThat(byDigest.contentType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(client.getManifest(NAME, digest.toString(), 10).overCap()).isTrue();
  }

  @Test
  void manifestNamingAnUnknownBlob_isRefused() {
    Image image = Image.of(List.of(Images.base()));
    client.pushBlob(NAME, image.config()); // layer never uploaded

    RegistryException e = catchThrowableOfType(
        () -> client.pushManifest(NAME, "v1", image.manifestMediaType(), image.manifest()), RegistryException.class);

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("MANIFEST_BLOB_UNKNOWN");
  }

  @Test
  void manifestPutByAWrongDigest_andBadNames_areRefused() {
    Image image = Images.image("v1");
    ImagePublisher.push(client, NAME, "v1", image);
    RegistryException wrongDigest = catchThrowableOfType(() -> client.pushManifest(NAME, Digest.of(utf8("x")).toString(),
        image.manifestMediaType(), image.manifest()), RegistryException.class);
    RegistryException badName = catchThrowableOfType(() -> client.pushBlob("Bad/../Name", utf8("x")), RegistryException.class);

    assertThat(wrongDigest.getMessage()).contains("DIGEST_INVALID");
    assertThat(badName.status()).isIn(400, 404);
  }

  @Test
  void unknownBlobAndManifest_are404() {
    RegistryException blob = catchThrowableOfType(() -> fetch(Digest.of(utf8("nope")), 10), RegistryException.class);
    RegistryException manifest = catchThrowableOfType(() -> client.getManifest(NAME, "nope", 10), RegistryException.class);
    assertThat(blob.status()).isEqualTo(404);
    assertThat(manifest.status()).isEqualTo(404);
  }

  private byte[] fetch(Digest d, long max) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    client.getBlob(NAME, d, max, out::write);
    return out.toByteArray();
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

}
