package dev.mallory.sut.pull;

import dev.mallory.client.NotaryLayout;
import dev.mallory.client.Updater;
import dev.mallory.external.DockerRegistry;
import dev.mallory.external.NotaryClient;
import dev.mallory.external.NotaryServer;
import dev.mallory.registry.Digest;
import dev.mallory.registry.RegistryClient;
import dev.mallory.registry.image.Image;
import dev.mallory.registry.image.ImagePublisher;
import dev.mallory.registry.pull.ContentTrustPull;
import dev.mallory.registry.pull.TagResolver;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The real thing: Debian's docker-registry (distribution 2.8) holds the image, the real
 * notary-server holds the trust data, and tags are signed by the real notary client
 * ({@code notary add} + {@code publish}), as {@code docker trust sign} does. The registry itself is
 * content-addressed and honest, so the attacker is a {@link TamperingRelay} in front of it (a man in
 * the middle, or a compromised registry front end); pullers reach the registry only through it,
 * while the GUN stays {@code <registry-host>/<name>} of the real registry. Every process started
 * here is stopped by pid on {@link #close()}.
 */
public final class RealBackend implements PullBackend {
  public static final String NAME = "example/app";

  private final Path dir;
  private final DockerRegistry registry;
  private final NotaryServer notary;
  private final RegistryClient direct;
  private final TamperingRelay relay;
  private final RegistryClient throughRelay;
  private final NotaryClient publisher;
  private final String gun;

  /** Why the real backend cannot run here, if it cannot. */
  public static Optional<String> unavailable() {
    if (!DockerRegistry.isInstalled()) {
      return Optional.of(DockerRegistry.NOT_INSTALLED);
    }
    if (!NotaryServer.isInstalled()) {
      return Optional.of(NotaryServer.NOT_INSTALLED);
    }
    if (!NotaryClient.isInstalled()) {
      return Optional.of(NotaryClient.NOT_INSTALLED);
    }
    return Optional.empty();
  }

  public RealBackend(Path dir) {
    this.dir = dir;
    DockerRegistry startedRegistry = DockerRegistry.start(dir.resolve("registry"));
    NotaryServer startedNotary = null;
    TamperingRelay startedRelay = null;
    try {
      startedNotary = NotaryServer.start(dir.resolve("notary"));
      direct = new RegistryClient(startedRegistry.url());
      startedRelay = new TamperingRelay(startedRegistry.url(), NAME);
      throughRelay = new RegistryClient(startedRelay.url());
      publisher = NotaryClient.create(startedNotary.url(), dir.resolve("publisher-trust"));
      gun = ContentTrustPull.gun(direct, NAME);
    } catch (RuntimeException e) {
      if (startedRelay != null) {
        startedRelay.close();
      }
      if (startedNotary != null) {
        startedNotary.close();
      }
      startedRegistry.close();
      throw e;
    }
    registry = startedRegistry;
    notary = startedNotary;
    relay = startedRelay;
  }

  @Override
  public String imageName() {
    return NAME;
  }

  @Override
  public RegistryClient pullerRegistry() {
    return throughRelay;
  }

  @Override
  public Digest publish(String tag, Image image) {
    Digest d = ImagePublisher.push(direct, NAME, tag, image);
    ImagePublisher.sign(publisher, gun, tag, image, dir.resolve("publisher-work"));
    return d;
  }

  @Override
  public Digest push(String tag, Image image) {
    return ImagePublisher.push(direct, NAME, tag, image);
  }

  @Override
  public void pushBlob(byte[] bytes) {
    direct.pushBlob(NAME, bytes);
  }

  /**
   * Not available: the real notary client refuses to add a target outside a delegation's paths
   * ("could not add all targets"), and forging the delegated file for the real server is not
   * built yet.
   */
  @Override
  public void signWithoutAuthority(String tag, Image image) {
    throw new UnsupportedOperationException("the real notary client will not sign a target outside the delegation's paths; "
        + "a forged delegated role for the real notary-server is not built yet");
  }

  @Override
  public TagResolver newResolver(Path trustDir) {
    return new TagResolver(Updater.builder(new NotaryLayout(notary.url(), gun)).metadataDir(trustDir).build());
  }

  @Override
  public void tamperBlob(Digest digest, byte[] bytes) {
    relay.tamperBlob(digest, bytes);
  }

  @Override
  public void tamperManifest(Digest digest, String mediaType, byte[] bytes) {
    relay.tamperManifest(digest, mediaType, bytes);
  }

  @Override
  public void tamperTag(String tag, Digest digest) {
    relay.tamperTag(tag, digest);
  }

  @Override
  public void stopTampering() {
    relay.stopTampering();
  }

  /** The relay's journal: one line per puller request. */
  public List<String> journal() {
    return relay.journal();
  }

  @Override
  public String describe() {
    return "real docker-registry " + registry.url() + " (pid " + registry.pid() + ") behind the tampering relay " + relay.url()
        + " + real notary-server " + notary.url() + " (pid " + notary.pid() + "), GUN " + gun + ", tags signed by the real notary client";
  }

  @Override
  public void close() {
    try {
      relay.close();
    } finally {
      try {
        notary.close();
      } finally {
        registry.close();
      }
    }
  }
}
