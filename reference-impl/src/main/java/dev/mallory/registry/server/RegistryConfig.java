package dev.mallory.registry.server;

import java.time.Duration;

/**
 * Limits of a {@link RegistryServer}.
 *
 * @param maxRequestBytes largest request body (one PATCH chunk, a monolithic PUT); bigger gets 413
 *     before it is buffered
 * @param maxBlobBytes largest blob an upload session may grow to across its chunks
 * @param maxUploads upload sessions open at once; each holds its bytes in memory
 */
public record RegistryConfig(int port, int maxRequestBytes, long maxBlobBytes, int maxUploads, Duration idleTimeout) {
  public static RegistryConfig defaults() {
    return new RegistryConfig(0, 64 * 1024 * 1024, 1L << 30, 64, Duration.ofSeconds(60));
  }

  public RegistryConfig withMaxRequestBytes(int max) {
    return new RegistryConfig(port, max, maxBlobBytes, maxUploads, idleTimeout);
  }

  public RegistryConfig withMaxBlobBytes(long max) {
    return new RegistryConfig(port, maxRequestBytes, max, maxUploads, idleTimeout);
  }
}
