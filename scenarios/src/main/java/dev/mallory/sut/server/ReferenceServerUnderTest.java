package dev.mallory.sut.server;

import dev.mallory.repo.signing.LocalSigningService;
import dev.mallory.repo.store.MetadataStore;
import dev.mallory.server.MalloryServer;
import dev.mallory.server.ServerConfig;
import java.net.URI;
import java.time.Clock;

/**
 * Mallory's own reference server, in-process, with an in-memory store and signer. A restart
 * re-binds the same port and keeps the store (a server with persistent storage); it cannot be
 * crashed apart from this JVM, so it is not killable.
 */
public final class ReferenceServerUnderTest implements ServerUnderTest {
  private final MetadataStore store = MetadataStore.inMemory();
  private final LocalSigningService signer = LocalSigningService.inMemory();
  private final Clock clock;
  private MalloryServer server;
  private int port;

  public ReferenceServerUnderTest(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "reference";
  }

  @Override
  public String description() {
    return "Mallory reference server (in-process)" + (server == null ? "" : " on " + url());
  }

  @Override
  public synchronized void start() {
    if (server != null) {
      return;
    }
    server = MalloryServer.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(port), store, signer, clock);
    port = server.port();
    Health.await(server.url(), java.time.Duration.ofSeconds(30), () -> true, "the reference server", () -> "");
  }

  @Override
  public URI url() {
    if (server == null) {
      throw new IllegalStateException("the reference server is not started");
    }
    return server.url();
  }

  /** The running server, for steps that seed it directly. */
  public MalloryServer server() {
    return server;
  }

  public MetadataStore store() {
    return store;
  }

  @Override
  public boolean isHealthy() {
    return server != null && Health.ok(server.url());
  }

  @Override
  public boolean restartable() {
    return true;
  }

  @Override
  public boolean killable() {
    return false;
  }

  @Override
  public synchronized void restart() {
    stop();
    start();
  }

  @Override
  public void kill() {
    throw new UnsupportedOperationException("the in-process reference server cannot be crashed apart from this JVM");
  }

  @Override
  public synchronized void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
