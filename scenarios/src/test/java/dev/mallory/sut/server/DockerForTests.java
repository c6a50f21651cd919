package dev.mallory.sut.server;

import dev.mallory.external.CommandResult;
import dev.mallory.external.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Gets a Docker daemon and the notary-server image for the container tests: starts dockerd with
 * {@code scripts/dockerd.sh start} when none answers (remembering that it did, so {@link #release()}
 * stops only that one, by the script's pid file), and builds {@code mallory/notary-server:local}
 * with {@code scripts/build-notary-image.sh} when it is missing.
 */
final class DockerForTests {
  static final String IMAGE = "mallory/notary-server:local";

  private static boolean startedByUs;

  private DockerForTests() {}

  static Path projectRoot() {
    String configured = System.getProperty("mallory.root");
    Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
    for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("scripts").resolve("dockerd.sh"))) {
        return p;
      }
    }
    return start;
  }

  /** Empty when containers can run here, else why not (the test then skips with that text). */
  static synchronized Optional<String> acquire() {
    Optional<String> env = envProblem();
    if (env.isPresent()) {
      return env;
    }
    Path scripts = projectRoot().resolve("scripts");
    CommandResult start = CommandRunner.run(List.of("bash", scripts.resolve("dockerd.sh").toString(), "start"), Duration.ofSeconds(90));
    if (!start.ok()) {
      return Optional.of("docker could not be started here (scripts/dockerd.sh start): " + start.output().strip());
    }
    if (start.stdout().startsWith("started") && !start.stdout().contains("(already)")) {
      startedByUs = true;
    }
    Optional<String> unavailable = ImageServer.unavailableReason();
    if (unavailable.isPresent()) {
      return unavailable;
    }
    if (!ImageServer.imageExists(IMAGE)) {
      CommandResult build = CommandRunner.run(List.of("bash", scripts.resolve("build-notary-image.sh").toString()), Duration.ofSeconds(180));
      if (!build.ok()) {
        return Optional.of("cannot build " + IMAGE + ": " + build.output().strip());
      }
    }
    return Optional.empty();
  }

  /** Stops dockerd if this JVM started it. */
  static synchronized void release() {
    if (startedByUs) {
      CommandRunner.run(List.of("bash", projectRoot().resolve("scripts").resolve("dockerd.sh").toString(), "stop"), Duration.ofSeconds(30));
      startedByUs = false;
    }
  }

  private static Optional<String> envProblem() {
    if (!"true".equals(System.getenv("TESTCONTAINERS_RYUK_DISABLED")) || System.getenv("TESTCONTAINERS_HOST_OVERRIDE") == null) {
      return Optional.of("run with TESTCONTAINERS_RYUK_DISABLED=true and TESTCONTAINERS_HOST_OVERRIDE=localhost (mvn test sets both)");
    }
    return Optional.empty();
  }
}
