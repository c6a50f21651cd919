package dev.mallory.registry.server;

import dev.mallory.http.NettyHttpServer;
import java.net.URI;
import java.util.Map;

/**
 * The reference Docker Registry v2 (subset, see {@link RegistryApi}) on 127.0.0.1 over Netty.
 * Separate from {@code MalloryServer} so the trust server and the registry can be attacked (and
 * replaced by the real ones) independently, as in a real Docker Content Trust deployment.
 *
 * <pre>{@code
 * try (RegistryServer registry = RegistryServer.start(RegistryConfig.defaults(), new RegistryStore())) {
 *   URI base = registry.url(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class RegistryServer implements AutoCloseable {
  private final RegistryStore store;
  private final NettyHttpServer http;

  private RegistryServer(RegistryConfig config, RegistryStore store) {
    this.store = store;
    RegistryApi api = new RegistryApi(store, config);
    // Uploads hash and copy up to maxRequestBytes: the shared server runs them on its 4 workers.
    this.http = NettyHttpServer.start(new NettyHttpServer.Settings(
        "mallory-registry", "127.0.0.1", config.port(), config.maxRequestBytes(), config.idleTimeout(), 4,
        RegistryResponse.error(400, "UNSUPPORTED", "malformed request"),
        RegistryResponse.error(500, "UNKNOWN", "internal error"),
        Map.of("Docker-Distribution-Api-Version", "registry/2.0")),
        api::route);
  }

  public static RegistryServer start(RegistryConfig config, RegistryStore store) {
    return new RegistryServer(config, store);
  }

  public static RegistryServer start() {
    return start(RegistryConfig.defaults(), new RegistryStore());
  }

  public int port() {
    return http.port();
  }

  /** {@code http://127.0.0.1:PORT}, no trailing slash. */
  public URI url() {
    return http.url();
  }

  /** {@code 127.0.0.1:PORT}: the registry host part of a Docker GUN. */
  public String host() {
    return "127.0.0.1:" + port();
  }

  public RegistryStore store() {
    return store;
  }

  @Override
  public void close() {
    http.close();
  }
}
