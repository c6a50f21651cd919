package dev.mallory.sut;

import dev.mallory.external.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One long-lived sigstore-java shim server per run ({@code sigstore-java-client --serve PORT_FILE}):
 * a warm JVM answers a call in about 26 ms instead of 1.1 s cold (shim README). Calls reach it
 * through the same launcher with {@code MALLORY_SIGSTORE_SERVER=PORT_FILE}, so the client is still
 * driven through the conformance CLI and killed by pid on timeout (the server then interrupts the
 * call). Stopped by pid when closed.
 */
final class SigstoreShimServer implements AutoCloseable {
  /** The server is ready in about 0.4 s; a loaded CI machine gets much more. */
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final ManagedProcess process;
  private final Path portFile;
  private final Path dir;

  private SigstoreShimServer(ManagedProcess process, Path portFile, Path dir) {
    this.process = process;
    this.portFile = portFile;
    this.dir = dir;
  }

  static SigstoreShimServer start(Path executable, Path logDir) {
    try {
      Files.createDirectories(logDir);
      Path dir = Files.createTempDirectory(logDir, "sigstore-shim-");
      Path portFile = dir.resolve("server.port");
      ManagedProcess process =
          ManagedProcess.start("sigstore-java-shim", List.of(executable.toString(), "--serve", portFile.toString()), dir, Map.of(), dir);
      try {
        process.waitUntil(() -> Files.isRegularFile(portFile), STARTUP);
      } catch (RuntimeException e) {
        process.close();
        throw e;
      }
      return new SigstoreShimServer(process, portFile, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the sigstore-java shim server", e);
    }
  }

  Path portFile() {
    return portFile;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.close(); // SIGTERM by pid, grace, then SIGKILL
  }
}
