package dev.mallory.sut;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@link Clients#fromSpec} needs from the run.
 *
 * @param projectRoot the Mallory checkout (where {@code scenarios/clients/} is)
 * @param logDir where long-lived helper processes (the sigstore-java shim server) write their logs
 * @param commandTimeout the per-command bound for external clients (then TimedOut, killed by pid)
 * @param reference the in-process reference client, registered by the engine
 */
public record ClientsOptions(Path projectRoot, Path logDir, Duration commandTimeout, Optional<ReferenceClient> reference) {

  /** The project root from {@code -Dmallory.root}, {@code $MALLORY_HOME}, or the first parent of the working dir holding {@code scenarios/clients}. */
  public static ClientsOptions defaults() {
    return new ClientsOptions(findProjectRoot(), Path.of(System.getProperty("java.io.tmpdir"), "mallory-clients"),
        CliClient.DEFAULT_TIMEOUT, Optional.empty());
  }

  public ClientsOptions withReference(ReferenceClient reference) {
    return new ClientsOptions(projectRoot, logDir, commandTimeout, Optional.of(reference));
  }

  public ClientsOptions withCommandTimeout(Duration timeout) {
    return new ClientsOptions(projectRoot, logDir, timeout, reference);
  }

  public ClientsOptions withLogDir(Path dir) {
    return new ClientsOptions(projectRoot, dir, commandTimeout, reference);
  }

  public Path clientsDir() {
    return projectRoot.resolve("scenarios").resolve("clients");
  }

  static Path findProjectRoot() {
    for (String configured : new String[] {System.getProperty("mallory.root"), System.getenv("MALLORY_HOME")}) {
      if (configured != null && !configured.isBlank() && Files.isDirectory(Path.of(configured, "scenarios", "clients"))) {
        return Path.of(configured).toAbsolutePath();
      }
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("scenarios").resolve("clients"))) {
        return p;
      }
    }
    return Path.of("").toAbsolutePath(); // shipped clients then report a missing binary as a harness fault
  }
}
