package dev.mallory.registry;

import dev.mallory.client.NotaryLayout;
import dev.mallory.client.RemoteLayout;
import dev.mallory.client.TufLayout;
import dev.mallory.client.Updater;
import dev.mallory.dialect.Dialect;
import dev.mallory.model.TargetFile;
import dev.mallory.model.Targets;
import dev.mallory.registry.image.Image;
import dev.mallory.registry.image.ImagePublisher;
import dev.mallory.registry.pull.ContentTrustPull;
import dev.mallory.registry.pull.NaivePull;
import dev.mallory.registry.pull.PullLimits;
import dev.mallory.registry.pull.TagResolver;
import dev.mallory.registry.server.RegistryServer;
import dev.mallory.repo.Repository;
import dev.mallory.repo.RoleSigner;
import dev.mallory.repo.signing.LocalSigningService;
import dev.mallory.repo.store.Hashes;
import dev.mallory.repo.store.MetadataStore;
import dev.mallory.repo.store.RoleFile;
import dev.mallory.server.MalloryServer;
import dev.mallory.server.ServerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference deployment of Docker Content Trust on loopback: the reference registry, and the
 * reference server holding the signed tags in either dialect (TUF layout at
 * {@code /repos/<name>/metadata/}, or the Notary API with GUN {@code <registry-host>/<name>}).
 */
final class ReferenceSetup implements AutoCloseable {
  static final String NAME = "example/app";

  final Dialect dialect;
  final Path dir;
  final RegistryServer registry;
  final RegistryClient client;
  final MalloryServer trust;
  final Repository repo;
  private int clients;

  ReferenceSetup(Dialect dialect, Path dir) {
    this.dialect = dialect;
    this.dir = dir;
    this.registry = RegistryServer.start();
    this.client = new RegistryClient(registry.url());
    MetadataStore store = MetadataStore.inMemory();
    LocalSigningService signer = LocalSigningService.inMemory();
    this.repo = Repository.builder(dialect).name(repoName()).store(store).signingService(signer).create();
    this.trust = MalloryServer.start(ServerConfig.defaults(), store, signer, Clock.systemUTC());
  }

  String repoName() {
    return dialect == Dialect.NOTARY ? ContentTrustPull.gun(client, NAME) : "app";
  }

  /** Pushes the image under {@code tag} and signs the tag to its manifest. */
  Digest publish(String tag, Image image) {
    Digest d = ImagePublisher.push(client, NAME, tag, image);
    ImagePublisher.sign(repo, tag, image);
    return d;
  }

  /** A fresh client (new trust directory): TUF starts from root v1 shipped out of band, Notary by TOFU. */
  TagResolver resolver() {
    Path metadata = dir.resolve("trust-" + (++clients));
    RemoteLayout layout;
    if (dialect == Dialect.TUF_1_0) {
      Updater.initialize(metadata, repo.bytes("root", 1), Dialect.TUF_1_0);
      layout = new TufLayout(URI.create(trust.tufUrl(repoName()) + "/metadata/"));
    } else {
      layout = new NotaryLayout(trust.url(), repoName());
    }
    return new TagResolver(Updater.builder(layout).metadataDir(metadata).build());
  }

  ContentTrustPull pull(PullLimits limits) {
    return new ContentTrustPull(client, NAME, resolver(), limits);
  }

  ContentTrustPull pull() {
    return pull(PullLimits.DEFAULTS);
  }

  NaivePull naive() {
    return new NaivePull(client, NAME, resolver());
  }

  /**
   * The holder of a delegated role's key lists {@code tag} in that role although the delegation
   * does not cover the tag's path: signed with a real key, but without authority. The snapshot and
   * timestamp honestly pin the forged role file (the repository signs whatever role is current).
   */
  void signWithoutAuthority(String role, String tag, Image image) {
    Targets current = repo.targets(role);
    Map<String, TargetFile> targets = new LinkedHashMap<>(current.targets());
    targets.put(tag, new TargetFile(image.manifest().length, Hashes.sha256And512(image.manifest()), null));
    long version = repo.current(role).orElseThrow().version() + 1;
    Targets forged = new Targets(version, current.expires(), current.specVersion(), targets, current.delegations(),
        current.unrecognized());
    RoleFile file = RoleSigner.sign(dialect, repoName(), role, forged, repo.keys(role), null, List.of());
    repo.store().commit(repoName(), List.of(file));
    repo.touch("snapshot");
    repo.publish();
  }

  @Override
  public void close() {
    trust.close();
    registry.close();
  }
}
