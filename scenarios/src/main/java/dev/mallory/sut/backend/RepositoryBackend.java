package dev.mallory.sut.backend;

import dev.mallory.dialect.Dialect;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the scenario repositories of one system under test are served from: the part after
 * {@code @} in a client spec ({@code notary@notary-server}).
 *
 * <ul>
 *   <li>{@code reference} (default): Mallory's embedded reference server, one per scenario; Mallory
 *       holds every key, so every scenario of the catalogue can be set up.
 *   <li>{@code notary-server}: the real Debian notary-server 0.7.0, started once per run on a free
 *       loopback port and stopped by pid when the run ends; each scenario publishes under a GUN of
 *       its own, over notary-server's HTTP API, as the notary client does. The server signs the
 *       timestamps with a key only it holds, so scenarios that need that key, or a timestamp it
 *       would not sign, are NOT_APPLICABLE (see {@link HostedRepository#signedByServer()}).
 * </ul>
 */
public interface RepositoryBackend extends AutoCloseable {
  String REFERENCE = "reference";
  String NOTARY_SERVER = "notary-server";

  /** The backend's id in client specs and report names. */
  String id();

  /**
   * A fresh repository of one scenario, its servers listening on free loopback ports.
   *
   * @param runDir the run's work directory (a server shared by the run keeps its config and logs there)
   * @throws dev.mallory.engine.NotApplicableException when the backend cannot serve the dialect
   */
  HostedRepository host(Dialect dialect, Path runDir);

  /** Stops whatever the backend shared between scenarios, by pid. */
  @Override
  default void close() {}

  /** Mallory's embedded reference server. */
  static RepositoryBackend reference() {
    return EmbeddedBackend.INSTANCE;
  }

  /** @throws IllegalArgumentException for an unknown id, naming the known ones */
  static RepositoryBackend of(String id) {
    return switch (id.strip().toLowerCase(Locale.ROOT)) {
      case REFERENCE -> reference();
      case NOTARY_SERVER -> new NotaryServerBackend();
      default -> throw new IllegalArgumentException("unknown repository backend '" + id + "'; known: " + usage());
    };
  }

  static String usage() {
    return REFERENCE + " (default), " + NOTARY_SERVER;
  }
}
