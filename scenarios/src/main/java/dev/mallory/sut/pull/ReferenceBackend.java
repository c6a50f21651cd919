package dev.mallory.sut.pull;

import dev.mallory.client.NotaryLayout;
import dev.mallory.client.RemoteLayout;
import dev.mallory.client.TufLayout;
import dev.mallory.client.Updater;
import dev.mallory.dialect.Dialect;
import dev.mallory.model.TargetFile;
import dev.mallory.model.Targets;
import dev.mallory.registry.Digest;
import dev.mallory.registry.RegistryClient;
import dev.mallory.registry.image.Image;
import dev.mallory.registry.image.ImagePublisher;
import dev.mallory.registry.pull.ContentTrustPull;
import dev.mallory.registry.pull.TagResolver;
import dev.mallory.registry.server.RegistryServer;
import dev.mallory.registry.server.RegistryStore;
import dev.mallory.repo.Delegation;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference registry ({@link RegistryServer}, attacked through its {@link RegistryStore}
 * {@code tamper*} hooks) and the reference server holding the signed tags, in the TUF layout
 * ({@code /repos/app/metadata/}, clients start from root v1 shipped out of band) or through the
 * Notary API (GUN {@code <registry-host>/<name>}, trust on first use, as Docker does).
 */
public final class ReferenceBackend implements PullBackend {
  public static final String NAME = "example/app";

  private final Dialect dialect;
  private final RegistryServer registry;
  private final RegistryClient client;
  private final MalloryServer trust;
  private final Repository repo;
  /** How to undo each tampering, in order. */
  private final List<Runnable> restore = new ArrayList<>();

  public ReferenceBackend(Dialect dialect) {
    this.dialect = dialect;
    this.registry = RegistryServer.start();
    this.client = new RegistryClient(registry.url());
    MetadataStore store = MetadataStore.inMemory();
    LocalSigningService signer = LocalSigningService.inMemory();
    try {
      this.repo = Repository.builder(dialect).name(repoName()).store(store).signingService(signer).create();
      this.trust = MalloryServer.start(ServerConfig.defaults(), store, signer, Clock.systemUTC());
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
  }

  private String repoName() {
    return dialect == Dialect.NOTARY ? ContentTrustPull.gun(client, NAME) : "app";
  }

  @Override
  public String imageName() {
    return NAME;
  }

  @Override
  public RegistryClient pullerRegistry() {
    return client;
  }

  @Override
  public Digest publish(String tag, Image image) {
    Digest d = ImagePublisher.push(client, NAME, tag, image);
    ImagePublisher.sign(repo, tag, image);
    return d;
  }

  @Override
  public Digest push(String tag, Image image) {
    return ImagePublisher.push(client, NAME, tag, image);
  }

  @Override
  public void pushBlob(byte[] bytes) {
    client.pushBlob(NAME, bytes);
  }

  @Override
  public void signWithoutAuthority(String tag, Image image) {
    String role = dialect == Dialect.NOTARY ? "targets/releases" : "releases";
    repo.delegate("targets", role, Delegation.paths(dialect == Dialect.NOTARY ? "releases/" : "releases/*"));
    repo.publish();
    // The holder of the delegated key lists the tag although the delegation does not cover it.
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
  public TagResolver newResolver(Path trustDir) {
    RemoteLayout layout;
    if (dialect == Dialect.TUF_1_0) {
      Updater.initialize(trustDir, repo.bytes("root", 1), Dialect.TUF_1_0);
      layout = new TufLayout(URI.create(trust.tufUrl(repoName()) + "/metadata/"));
    } else {
      layout = new NotaryLayout(trust.url(), repoName());
    }
    return new TagResolver(Updater.builder(layout).metadataDir(trustDir).build());
  }

  @Override
  public synchronized void tamperBlob(Digest digest, byte[] bytes) {
    RegistryStore store = registry.store();
    byte[] genuine = store.blob(NAME, digest).orElse(null);
    restore.add(() -> {
      if (genuine != null) {
        store.tamperBlob(NAME, digest, genuine);
      }
    });
    store.tamperBlob(NAME, digest, bytes);
  }

  @Override
  public synchronized void tamperManifest(Digest digest, String mediaType, byte[] bytes) {
    RegistryStore store = registry.store();
    RegistryStore.StoredManifest genuine = store.manifest(NAME, digest).orElse(null);
    restore.add(() -> {
      if (genuine != null) {
        store.tamperManifest(NAME, digest, genuine.mediaType(), genuine.bytes());
      }
    });
    store.tamperManifest(NAME, digest, mediaType, bytes);
  }

  @Override
  public synchronized void tamperTag(String tag, Digest digest) {
    RegistryStore store = registry.store();
    Digest genuine = store.tag(NAME, tag).orElse(null);
    restore.add(() -> {
      if (genuine != null) {
        store.tamperTag(NAME, tag, genuine);
      }
    });
    store.tamperTag(NAME, tag, digest);
  }

  @Override
  public synchronized void stopTampering() {
    for (int i = restore.size() - 1; i >= 0; i--) {
      restore.get(i).run();
    }
    restore.clear();
  }

  @Override
  public String describe() {
    return "reference registry " + registry.url() + " + reference server " + trust.url()
        + (dialect == Dialect.NOTARY ? " (Notary API, GUN " + repoName() + ")" : " (TUF layout, repository " + repoName() + ")");
  }

  @Override
  public void close() {
    try {
      trust.close();
    } finally {
      registry.close();
    }
  }
}
