package dev.mallory.sut.server;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A Notary-compatible server Mallory validates or puts behind its proxy: the reference server
 * in-process, a server someone else runs (by URL), a process Mallory starts (by command line), or a
 * container Mallory starts (by image). Whatever Mallory starts it also stops, by pid or container
 * id; {@link #close()} is {@link #stop()}.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #url()} is valid; {@link #restart()} and
 * {@link #kill()} only when {@link #restartable()} / {@link #killable()} say so (a server given by
 * URL is neither: Mallory does not own it). A server with memory storage comes back empty after a
 * restart, as a crashed, state-losing server would.
 */
public interface ServerUnderTest extends AutoCloseable {

  /** The Notary health path; the reference server answers it too. */
  String HEALTH_PATH = "/_notary_server/health";

  /** Short name for report columns: {@code reference}, {@code url:...}, {@code cmd:notary-server}, {@code image:...}. */
  String name();

  /** One line for reports: what runs where ({@code notary-server (pid 123) on http://127.0.0.1:4431}). */
  String description();

  /** Starts the server (or, for a URL, checks it answers) and waits until it is healthy. */
  void start();

  /** Base URL ({@code http://127.0.0.1:PORT}, no trailing slash); valid after {@link #start()}. */
  URI url();

  /** True when the server answers its health check now. */
  boolean isHealthy();

  /** Mallory can stop and start it again (same URL). */
  boolean restartable();

  /** Mallory can crash it (SIGKILL / docker kill). */
  boolean killable();

  /** Stop then start on the same URL. @throws UnsupportedOperationException unless {@link #restartable()} */
  void restart();

  /** Crash it now. @throws UnsupportedOperationException unless {@link #killable()} */
  void kill();

  /**
   * The {@code Authorization} header value an honest publisher of {@code gun} sends, when Mallory
   * was given credentials for this server; empty: Mallory pushes anonymously (notary-server's
   * default config has no push authorisation).
   */
  default Optional<String> pushAuthorization(String gun) {
    return Optional.empty();
  }

  /** A credential that is valid on this server but not granted {@code gun}'s namespace, if Mallory has one. */
  default Optional<String> foreignAuthorization(String gun) {
    return Optional.empty();
  }

  /** Mallory can move this server's clock ({@link #advanceClock}); only the in-process reference server. */
  default boolean clockDrivable() {
    return false;
  }

  /** Moves the server's clock forward. @throws UnsupportedOperationException unless {@link #clockDrivable()} */
  default void advanceClock(Duration by) {
    throw new UnsupportedOperationException(name() + ": Mallory cannot move this server's clock");
  }

  /** What the server's storage keeps across a restart, as far as Mallory knows (for the evidence). */
  default String storage() {
    return "unknown storage";
  }

  /**
   * How the server ended, when it is a process Mallory started that is no longer running: its exit
   * code and log tail with any crash report (evidence for a server that went down under an attack).
   */
  default Optional<String> exitReport() {
    return Optional.empty();
  }

  /** Stops what Mallory started (idempotent); a URL server is left alone. */
  void stop();

  @Override
  default void close() {
    stop();
  }
}
