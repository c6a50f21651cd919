package dev.mallory.sut.server;

import dev.mallory.repo.signing.LocalSigningService;
import dev.mallory.repo.store.MetadataStore;
import dev.mallory.server.MalloryServer;
import dev.mallory.server.PushAuth;
import dev.mallory.server.ServerConfig;
import dev.mallory.sut.MovableClock;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Mallory's own reference server, in-process, with an in-memory store and signer. A restart
 * re-binds the same port and keeps the store (a server with persistent storage); it cannot be
 * crashed apart from this JVM, so it is not killable. Its clock can be moved forward (freshness
 * scenarios). With push authorisation ({@link #withPushAuth}, spec {@code reference:auth}) it grants
 * one generated bearer token the namespace {@value #NAMESPACE} and a second, foreign token only
 * {@value #FOREIGN_NAMESPACE}.
 */
public final class ReferenceServerUnderTest implements ServerUnderTest {
  /** The namespace the publisher's token is granted (server-validation scenarios name their GUNs under it). */
  public static final String NAMESPACE = "mallory.test/";
  /** The namespace the foreign token is granted. */
  public static final String FOREIGN_NAMESPACE = "foreign.test/";

  private final MetadataStore store = MetadataStore.inMemory();
  private final LocalSigningService signer = LocalSigningService.inMemory();
  private final MovableClock clock;
  private final boolean auth;
  private final String publisherToken = token();
  private final String foreignToken = token();
  private MalloryServer server;
  private int port;

  public ReferenceServerUnderTest(Clock clock) {
    this(clock, false);
  }

  private ReferenceServerUnderTest(Clock clock, boolean auth) {
    this.clock = new MovableClock(clock);
    this.auth = auth;
  }

  /** The reference server with push authorisation on. */
  public static ReferenceServerUnderTest withPushAuth(Clock clock) {
    return new ReferenceServerUnderTest(clock, true);
  }

  @Override
  public String name() {
    return auth ? "reference:auth" : "reference";
  }

  @Override
  public Optional<String> pushAuthorization(String gun) {
    return auth && gun.startsWith(NAMESPACE) ? Optional.of("Bearer " + publisherToken) : Optional.empty();
  }

  @Override
  public Optional<String> foreignAuthorization(String gun) {
    return auth && !gun.startsWith(FOREIGN_NAMESPACE) ? Optional.of("Bearer " + foreignToken) : Optional.empty();
  }

  @Override
  public boolean clockDrivable() {
    return true;
  }

  @Override
  public void advanceClock(Duration by) {
    clock.advance(by);
  }

  @Override
  public String storage() {
    return "in-memory store kept by the JVM across restarts (not crash-safe: the process cannot be killed apart from Mallory)";
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
    ServerConfig config = ServerConfig.defaults().withHost("127.0.0.1").withPort(port);
    if (auth) {
      config = config.withAuth(new PushAuth(List.of(
          new PushAuth.Grant(new PushAuth.BearerToken(publisherToken), List.of(NAMESPACE)),
          new PushAuth.Grant(new PushAuth.BearerToken(foreignToken), List.of(FOREIGN_NAMESPACE)))));
    }
    server = MalloryServer.start(config, store, signer, clock);
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

  private static String token() {
    byte[] b = new byte[16];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
