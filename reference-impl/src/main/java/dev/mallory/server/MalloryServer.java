package dev.mallory.server;

import dev.mallory.http.NettyHttpServer;
import dev.mallory.repo.signing.SigningService;
import dev.mallory.repo.store.MetadataStore;
import dev.mallory.repo.update.UpdateService;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * The reference server: one HTTP listener speaking the TUF layout and the Notary API over one
 * {@link MetadataStore}, with online keys in a {@link SigningService} it only asks to sign.
 *
 * <pre>{@code
 * try (MalloryServer server = MalloryServer.start(ServerConfig.defaults(), store, signer, Clock.systemUTC())) {
 *   URI base = server.url(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class MalloryServer implements AutoCloseable {
  private final NettyHttpServer http;
  private final UpdateService updates;

  private MalloryServer(ServerConfig config, UpdateService updates) {
    this.updates = updates;
    Router router = new Router(updates, config);
    this.http = NettyHttpServer.start(new NettyHttpServer.Settings(
        "mallory-server", config.host(), config.port(), config.maxBodyBytes(), config.idleTimeout(),
        Math.max(4, Runtime.getRuntime().availableProcessors()),
        NotaryErrors.error(400, "UNKNOWN", "malformed request", null), NotaryErrors.unknown(), Map.of()),
        router::route);
  }

  public static MalloryServer start(ServerConfig config, MetadataStore store, SigningService signer, Clock clock) {
    return new MalloryServer(config, new UpdateService(store, signer, clock, config.refreshMargin()));
  }

  public int port() {
    return http.port();
  }

  public URI url() {
    return http.url();
  }

  /** {@code http://host:port/repos/<name>} for a TUF repository (the default one is also at the root). */
  public URI tufUrl(String repository) {
    // URLEncoder writes a space as '+', which a path keeps literally (the server reads '+' as '+')
    return URI.create(url() + "/repos/" + URLEncoder.encode(repository, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  public UpdateService updates() {
    return updates;
  }

  @Override
  public void close() {
    http.close();
  }
}
