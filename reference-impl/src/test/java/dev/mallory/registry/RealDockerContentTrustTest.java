package dev.mallory.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mallory.client.NotaryLayout;
import dev.mallory.client.Updater;
import dev.mallory.external.DockerRegistry;
import dev.mallory.external.NotaryClient;
import dev.mallory.external.NotaryServer;
import dev.mallory.registry.errors.TagNotSignedException;
import dev.mallory.registry.image.Image;
import dev.mallory.registry.image.ImagePublisher;
import dev.mallory.registry.pull.ContentTrustPull;
import dev.mallory.registry.pull.PullLimits;
import dev.mallory.registry.pull.PullResult;
import dev.mallory.registry.pull.TagResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: Debian's docker-registry 2.8.2 holds the image, the real notary-server holds the
 * trust data, and the tag is signed by the real notary client ({@code notary add <gun> <tag>
 * <manifest-file>} + {@code publish}), which is how Docker's content trust signs. ContentTrustPull
 * reads it through the Notary API with GUN {@code <registry-host>/<name>}.
 */
class RealDockerContentTrustTest {
  private static final String NAME = "example/app";
  @TempDir Path tmp;
  DockerRegistry registry;
  NotaryServer notary;
  RegistryClient client;
  NotaryClient publisher;
  String gun;
  int readers;

  @BeforeEach
  void start() {
    assumeTrue(DockerRegistry.isInstalled(), DockerRegistry.NOT_INSTALLED);
    assumeTrue(NotaryServer.isInstalled(), NotaryServer.NOT_INSTALLED);
    assumeTrue(NotaryClient.isInstalled(), NotaryClient.NOT_INSTALLED);
    registry = DockerRegistry.start(tmp.resolve("registry"));
    notary = NotaryServer.start(tmp.resolve("notary"));
    client = new RegistryClient(registry.url());
    publisher = NotaryClient.create(notary.url(), tmp.resolve("publisher-trust"));
    gun = ContentTrustPull.gun(client, NAME);
  }

  @AfterEach
  void stop() {
    if (notary != null) {
      notary.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  private ContentTrustPull puller() {
    Updater updater = Updater.builder(new NotaryLayout(notary.url(), gun)).metadataDir(tmp.resolve("reader-" + (++readers))).build();
    return new ContentTrustPull(client, NAME, new TagResolver(updater), PullLimits.DEFAULTS);
  }

  @Test
  void imageInTheRealRegistry_signedWithTheRealNotaryClient_isPulled() throws IOException {
    Image image = Images.image("v1");
    Digest pushed = ImagePublisher.push(client, NAME, "latest", image);
    ImagePublisher.sign(publisher, gun, "latest", image, tmp.resolve("work"));
    // Cross-check with the real client: the signed target is the manifest digest.
    assertThat(publisher.lookup(gun, "latest").stdout()).contains(pushed.toString()).contains(" " + image.manifest().length);

    Path root = tmp.resolve("pulls/rootfs");
    PullResult result = puller().pull("latest", root);

    assertThat(result.manifestDigest()).isEqualTo(pushed);
    assertThat(result.tag().role()).isEqualTo("targets");
    assertThat(Files.readString(root.resolve("srv/version"))).isEqualTo("v1\n");
    assertThat(Files.readString(root.resolve("etc/os-release"))).isEqualTo("ID=mallory\n");
    assertThat(Files.readSymbolicLink(root.resolve("srv/current"))).isEqualTo(Path.of("version"));
  }

  @Test
  void chunkedUploadToTheRealRegistry_isPulled() throws IOException {
    RegistryClient chunked = new RegistryClient(registry.url(), 4096, java.time.Duration.ofMinutes(1));
    Image image = Image.of(java.util.List.of(dev.mallory.registry.image.Layer.random(7, "data", 4, 10_000)));
    ImagePublisher.push(chunked, NAME, "chunked", image);
    ImagePublisher.sign(publisher, gun, "chunked", image, tmp.resolve("work"));

    Path root = tmp.resolve("pulls/rootfs");
    puller().pull("chunked", root);

    assertThat(Files.size(root.resolve("data/blob-3.bin"))).isEqualTo(10_000);
  }

  @Test
  void realRegistryServingAnOldManifestUnderTheTag_doesNotMatterAndAnUnsignedTagIsRefused() throws IOException {
    Image v1 = Images.image("v1");
    Image v2 = Images.image("v2");
    ImagePublisher.push(client, NAME, "latest", v1);
    ImagePublisher.sign(publisher, gun, "latest", v1, tmp.resolve("work"));
    ImagePublisher.push(client, NAME, "latest", v2);
    ImagePublisher.sign(publisher, gun, "latest", v2, tmp.resolve("work"));
    // The registry's tag is moved back to v1 (anyone with push rights on the registry can): the
    // signed tag still names v2 and the pull fetches by that digest.
    ImagePublisher.push(client, NAME, "latest", v1);
    ImagePublisher.push(client, NAME, "unsigned", v1);

    Path root = tmp.resolve("pulls/rootfs");
    puller().pull("latest", root);
    assertThat(Files.readString(root.resolve("srv/version"))).isEqualTo("v2\n");

    Path other = tmp.resolve("pulls/other");
    assertThat(catchThrowable(() -> puller().pull("unsigned", other))).isInstanceOf(TagNotSignedException.class);
    assertThat(other).doesNotExist();
  }

  @Test
  void signedDigestTheRealRegistryDoesNotHave_failsWithoutWritingAnything() {
    // Signed with the real client, but the registry only has a different manifest under the tag:
    // the by-digest fetch gets 404 (the real registry is content-addressed and cannot lie).
    Image signed = Images.image("v1");
    ImagePublisher.sign(publisher, gun, "latest", signed, tmp.resolve("work"));
    ImagePublisher.push(client, NAME, "latest", Images.image("v2"));

    Path root = tmp.resolve("pulls/rootfs");
    Throwable t = catchThrowable(() -> puller().pull("latest", root));

    assertThat(t).isInstanceOf(dev.mallory.registry.errors.RegistryException.class);
    assertThat(((dev.mallory.registry.errors.RegistryException) t).status()).isEqualTo(404);
    assertThat(root).doesNotExist();
  }
}
