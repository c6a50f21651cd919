package dev.mallory.sut.backend;

import dev.mallory.dialect.Dialect;
import dev.mallory.repo.Publication;
import dev.mallory.repo.signing.LocalSigningService;
import dev.mallory.repo.signing.SigningService;
import dev.mallory.repo.store.MetadataStore;
import dev.mallory.server.MalloryServer;
import dev.mallory.server.ServerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/**
 * Mallory's reference server, one per scenario, serving the scenario repository's own store: what
 * the repository commits is served at once, and Mallory holds every key (the signing service is
 * in memory), so no scenario is out of its reach.
 */
final class EmbeddedBackend implements RepositoryBackend {
  static final EmbeddedBackend INSTANCE = new EmbeddedBackend();

  /** The GUN of a Notary-dialect scenario repository: every scenario has a server of its own. */
  static final String GUN = "mallory.test/app";

  private EmbeddedBackend() {}

  @Override
  public String id() {
    return REFERENCE;
  }

  @Override
  public HostedRepository host(Dialect dialect, Path runDir) {
    return new Hosting(dialect == Dialect.NOTARY ? GUN : "default", dialect, LocalSigningService.inMemory());
  }

  /**
   * A reference server over a fresh store. It never re-signs stale timestamps: freshness scenarios
   * need their expired files served as they are. In the Notary dialect it serves the repository's
   * targets at {@code /targets/}, as in the TUF layout.
   */
  static final class Hosting implements HostedRepository {
    private final String name;
    private final MetadataStore store = MetadataStore.inMemory();
    private final SigningService signer;
    private final MalloryServer server;

    Hosting(String name, Dialect dialect, SigningService signer) {
      this.name = name;
      this.signer = signer;
      ServerConfig config = ServerConfig.defaults().withRefreshTimestamps(false);
      if (dialect == Dialect.NOTARY) {
        config = config.withDefaultRepository(name);
      }
      this.server = MalloryServer.start(config, store, signer, Clock.systemUTC());
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public MetadataStore store() {
      return store;
    }

    @Override
    public SigningService signer() {
      return signer;
    }

    @Override
    public MetadataStore served() {
      return store;
    }

    @Override
    public Set<String> signedByServer() {
      return Set.of();
    }

    @Override
    public String serverName() {
      return "Mallory's reference server";
    }

    @Override
    public String describe() {
      return "Mallory's reference server at " + server.url();
    }

    @Override
    public void published(Publication publication) {
      // The server serves the store the repository committed to.
    }

    @Override
    public URI url() {
      return server.url();
    }

    @Override
    public URI contentUrl() {
      return server.url();
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
