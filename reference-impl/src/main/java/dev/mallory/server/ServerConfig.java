package dev.mallory.server;

import java.time.Duration;

/**
 * How a {@link MalloryServer} listens and behaves.
 *
 * @param host address to bind (loopback by default)
 * @param port 0 for a free port
 * @param maxBodyBytes largest request body accepted (notary-server's default is also bounded)
 * @param idleTimeout connections idle this long are closed
 * @param refreshTimestamps re-sign timestamps about to expire when serving them; scenarios that
 *     need a stale timestamp (freshness attacks by moving the repository's clock) turn it off
 * @param refreshMargin how close to expiry a timestamp is re-signed
 * @param auth push authorisation
 * @param defaultRepository the repository also served at {@code /metadata/} and {@code /targets/}
 */
public record ServerConfig(
    String host,
    int port,
    int maxBodyBytes,
    Duration idleTimeout,
    boolean refreshTimestamps,
    Duration refreshMargin,
    PushAuth auth,
    String defaultRepository) {

  public static ServerConfig defaults() {
    return new ServerConfig("127.0.0.1", 0, 20 * 1024 * 1024, Duration.ofSeconds(30), true, Duration.ofHours(1),
        PushAuth.disabled(), "default");
  }

  public ServerConfig withPort(int port) {
    return new ServerConfig(host, port, maxBodyBytes, idleTimeout, refreshTimestamps, refreshMargin, auth, defaultRepository);
  }

  public ServerConfig withHost(String host) {
    return new ServerConfig(host, port, maxBodyBytes, idleTimeout, refreshTimestamps, refreshMargin, auth, defaultRepository);
  }

  public ServerConfig withAuth(PushAuth auth) {
    return new ServerConfig(host, port, maxBodyBytes, idleTimeout, refreshTimestamps, refreshMargin, auth, defaultRepository);
  }

  public ServerConfig withRefreshTimestamps(boolean on) {
    return new ServerConfig(host, port, maxBodyBytes, idleTimeout, on, refreshMargin, auth, defaultRepository);
  }

  public ServerConfig withMaxBodyBytes(int max) {
    return new ServerConfig(host, port, max, idleTimeout, refreshTimestamps, refreshMargin, auth, defaultRepository);
  }

  public ServerConfig withIdleTimeout(Duration idle) {
    return new ServerConfig(host, port, maxBodyBytes, idle, refreshTimestamps, refreshMargin, auth, defaultRepository);
  }

  public ServerConfig withDefaultRepository(String name) {
    return new ServerConfig(host, port, maxBodyBytes, idleTimeout, refreshTimestamps, refreshMargin, auth, name);
  }
}
