package dev.mallory.sut.server;

import dev.mallory.external.FreePort;
import java.net.URI;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A Notary server Mallory launches and owns: a process ({@link CommandServer}) or a container
 * ({@link ImageServer}), listening on a free 127.0.0.1 port that Mallory writes into the config it
 * renders from a template.
 *
 * <p>Why a common base: the two differ only in what they launch and how they tell it still runs.
 * The port and URL, the health check, restart as stop-then-launch on the same port, and the
 * startup time are one piece of logic, kept here once so the two cannot drift apart.
 */
abstract sealed class LaunchedServer implements ServerUnderTest permits CommandServer, ImageServer {
  private final String configTemplate;
  private final Duration startTimeout;
  private int port;
  private Duration startupTime;

  LaunchedServer(String configTemplate, Duration startTimeout) {
    this.configTemplate = configTemplate;
    this.startTimeout = startTimeout;
  }

  /** Starts the process or container on {@link #port()} and waits until it is healthy. */
  abstract void launch();

  /** True while the process or container runs (it may not answer yet). */
  abstract boolean running();

  /** Takes a new free port for the next {@link #launch()}; a restart keeps the old one. */
  final void pickPort() {
    port = FreePort.find();
  }

  final int port() {
    return port;
  }

  /** The server's config, from the template, listening on {@link #port()}. */
  final String renderConfig() {
    return NotaryServerConfig.render(configTemplate, port);
  }

  /**
   * Polls the health path until it answers 200, then records the startup time since {@code begin}
   * ({@link System#nanoTime()} when the launch began).
   *
   * @throws ServerStartException when {@code alive} turns false or the start timeout passes
   */
  final void awaitHealthy(long begin, BooleanSupplier alive, String what, Supplier<String> logs) {
    Health.await(url(), startTimeout, alive, what, logs);
    startupTime = Duration.ofNanos(System.nanoTime() - begin);
  }

  /** The end of a {@link #description()}: how long the latest start took, once it was healthy. */
  final String healthyAfter() {
    return startupTime == null ? "" : ", healthy after " + startupTime.toMillis() + " ms";
  }

  @Override
  public String storage() {
    return NotaryServerConfig.describeStorage(configTemplate);
  }

  @Override
  public URI url() {
    if (port == 0) {
      throw new IllegalStateException(name() + " is not started");
    }
    return URI.create("http://127.0.0.1:" + port);
  }

  /** From launch (exec, or container create) to the first 200 on the health path, for the latest start. */
  public Duration startupTime() {
    return startupTime;
  }

  @Override
  public boolean isHealthy() {
    return running() && Health.ok(url());
  }

  @Override
  public boolean restartable() {
    return true;
  }

  @Override
  public boolean killable() {
    return true;
  }

  /** Stops the server and launches it again on the same port. */
  @Override
  public synchronized void restart() {
    stop();
    launch();
  }
}
