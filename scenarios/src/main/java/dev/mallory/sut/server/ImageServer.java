package dev.mallory.sut.server;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.images.PullPolicy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A server Mallory starts from a container image ({@code image:mallory/notary-server:local}) with
 * Testcontainers.
 *
 * <p>Networking: host networking only, listening on a free 127.0.0.1 port that Mallory writes into
 * the config it copies into the container (at {@link ServersOptions#containerConfigPath()}) before
 * the container starts. The daemon is expected to run without a bridge
 * ({@code scripts/dockerd.sh start}); no port is published. Images are never pulled: they must be
 * on the machine ({@code scripts/build-notary-image.sh}).
 *
 * <p>Testcontainers reads two settings only from the environment, so the JVM must be started with
 * {@code TESTCONTAINERS_RYUK_DISABLED=true} (no reaper container to pull) and
 * {@code TESTCONTAINERS_HOST_OVERRIDE=localhost} (otherwise, on a machine with {@code /.dockerenv},
 * it pulls alpine to find a gateway, retrying forever); the {@code mallory} launcher and the test
 * build set both. Without them the start fails at once with that explanation. Mallory removes the
 * container itself (by id) on {@link #stop()}.
 */
public final class ImageServer extends LaunchedServer {
  private final String image;
  private final String containerConfigPath;
  private GenericContainer<?> container;
  private String containerId;

  public ImageServer(String image, String configTemplate, String containerConfigPath, Duration startTimeout) {
    super(configTemplate, startTimeout);
    if (image.isBlank()) {
      throw new IllegalArgumentException("image: needs an image name, e.g. image:mallory/notary-server:local");
    }
    this.image = image;
    this.containerConfigPath = containerConfigPath;
  }

  /** Why containers cannot be used in this JVM, or empty when they can. Never throws. */
  public static Optional<String> unavailableReason() {
    for (String[] variable : new String[][] {{"TESTCONTAINERS_RYUK_DISABLED", "true"}, {"TESTCONTAINERS_HOST_OVERRIDE", "localhost"}}) {
      String value = System.getenv(variable[0]);
      if (value == null || value.isBlank()) {
        return Optional.of("the JVM must run with " + variable[0] + "=" + variable[1]
            + " (Testcontainers reads it only from the environment; the mallory launcher and mvn test set it)");
      }
    }
    try {
      if (!DockerClientFactory.instance().isDockerAvailable()) {
        return Optional.of("no Docker daemon answers (start one: scripts/dockerd.sh start)");
      }
    } catch (RuntimeException e) {
      return Optional.of("no Docker daemon answers (start one: scripts/dockerd.sh start): " + e.getMessage());
    }
    return Optional.empty();
  }

  /** True when the image is on the machine (it is never pulled). */
  public static boolean imageExists(String image) {
    try {
      DockerClientFactory.instance().client().inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** True when the Docker daemon still knows a container with this id (running or not). */
  public static boolean containerExists(String containerId) {
    try {
      DockerClientFactory.instance().client().inspectContainerCmd(containerId).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  @Override
  public String name() {
    return "image:" + image;
  }

  @Override
  public String description() {
    return "container of " + image + (containerId == null ? " (not started)"
        : " (id " + containerId.substring(0, Math.min(12, containerId.length())) + ", host network) on " + url()
            + healthyAfter());
  }

  @Override
  public synchronized void start() {
    if (running()) {
      return;
    }
    unavailableReason().ifPresent(reason -> {
      throw new ServerStartException("cannot start " + name() + ": " + reason);
    });
    if (!imageExists(image)) {
      throw new ServerStartException("image " + image + " is not on this machine and Mallory never pulls"
          + (image.equals("mallory/notary-server:local") ? "; build it: scripts/build-notary-image.sh" : ""));
    }
    pickPort();
    launch();
  }

  /** The id of the current container (it changes on restart). */
  public String containerId() {
    if (containerId == null) {
      throw new IllegalStateException(name() + " is not started");
    }
    return containerId;
  }

  @Override
  boolean running() {
    return container != null && container.isRunning();
  }

  /** {@code docker kill} (SIGKILL); the container stays until {@link #stop()} removes it. */
  @Override
  public synchronized void kill() {
    if (running()) { // after stop() the container is gone: nothing to kill
      DockerClientFactory.instance().client().killContainerCmd(containerId).exec();
    }
  }

  /** Stops and removes the container by id, and checks the daemon no longer knows it. */
  @Override
  public synchronized void stop() {
    if (container == null) {
      return;
    }
    String id = containerId;
    try {
      container.stop(); // kill + remove (with volumes)
    } finally {
      container = null;
    }
    if (id != null && containerExists(id)) {
      DockerClient docker = DockerClientFactory.instance().client();
      docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    }
  }

  /** A new container from the same image; {@link #restart()} removed the old one first. */
  @Override
  void launch() {
    byte[] config = renderConfig().getBytes(StandardCharsets.UTF_8);
    GenericContainer<?> created = new GenericContainer<>(DockerImageName.parse(image))
        .withNetworkMode("host")
        .withImagePullPolicy(PullPolicy.defaultPolicy())
        .withCopyToContainer(Transferable.of(config, 0644), containerConfigPath)
        .waitingFor(new NoWait());
    long begin = System.nanoTime();
    container = created;
    try {
      created.start();
    } catch (RuntimeException e) {
      stop();
      throw new ServerStartException("cannot start a container of " + image + ": " + e.getMessage(), e);
    }
    containerId = created.getContainerId();
    try {
      awaitHealthy(begin, created::isRunning, name() + " (container " + containerId + ")", created::getLogs);
    } catch (ServerStartException e) {
      stop();
      throw e;
    }
  }

  /** Readiness is Mallory's own health poll; Testcontainers' port checks do not apply to host networking. */
  private static final class NoWait extends AbstractWaitStrategy {
    @Override
    protected void waitUntilReady() {}
  }
}
