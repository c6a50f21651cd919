package dev.mallory.sut;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Everything a client needs for one scenario. URLs point at the attacker proxy, never at the
 * repository directly, except those of fallback mirrors (scenarios tagged {@code @mirrors}).
 *
 * @param workDir a fresh directory owned by this scenario; the client keeps its state under it
 * @param trustedRoot the root metadata the client is initialised with (out of band)
 * @param metadataUrl base URL of metadata ({@code http://127.0.0.1:P/metadata/})
 * @param targetsUrl base URL of target files
 * @param notaryServer the Notary server URL, for Notary-dialect clients (else null)
 * @param gun the Notary repository name (else null)
 * @param fallbackMirrors further mirrors of the same repository, to try in order after the first
 *     (only given to clients with {@link Capability#MIRRORS})
 * @param clock the scenario's time: a client with {@link Capability#REFERENCE_TIME} reads "now"
 *     from it at every command (it runs ahead of the real time once "time passes")
 */
public record ClientSetup(
    Path workDir, byte[] trustedRoot, URI metadataUrl, URI targetsUrl, URI notaryServer, String gun,
    List<Mirror> fallbackMirrors, Clock clock) {

  /** Another copy of the repository: the same three URLs as the first mirror's. */
  public record Mirror(URI metadataUrl, URI targetsUrl, URI notaryServer) {}

  public ClientSetup {
    fallbackMirrors = List.copyOf(fallbackMirrors);
    java.util.Objects.requireNonNull(clock, "clock");
  }

  /** One mirror only, on the real clock. */
  public ClientSetup(Path workDir, byte[] trustedRoot, URI metadataUrl, URI targetsUrl, URI notaryServer, String gun) {
    this(workDir, trustedRoot, metadataUrl, targetsUrl, notaryServer, gun, List.of(), Clock.systemUTC());
  }

  public ClientSetup withTrustedRoot(byte[] root) {
    return new ClientSetup(workDir, root, metadataUrl, targetsUrl, notaryServer, gun, fallbackMirrors, clock);
  }

  public ClientSetup withFallbackMirror(Mirror mirror) {
    List<Mirror> all = new java.util.ArrayList<>(fallbackMirrors);
    all.add(mirror);
    return new ClientSetup(workDir, trustedRoot, metadataUrl, targetsUrl, notaryServer, gun, all, clock);
  }

  /** The same setup on the scenario's clock. */
  public ClientSetup withClock(Clock scenarioClock) {
    return new ClientSetup(workDir, trustedRoot, metadataUrl, targetsUrl, notaryServer, gun, fallbackMirrors, scenarioClock);
  }

  public Path metadataDir() {
    return workDir.resolve("metadata");
  }

  public Path targetDir() {
    return workDir.resolve("targets");
  }
}
