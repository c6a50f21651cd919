package dev.mallory.sut;

import java.net.URI;
import java.nio.file.Path;

/**
 * Everything a client needs for one scenario. URLs point at the attacker proxy, never at the
 * repository directly.
 *
 * @param workDir a fresh directory owned by this scenario; the client keeps its state under it
 * @param trustedRoot the root metadata the client is initialised with (out of band)
 * @param metadataUrl base URL of metadata ({@code http://127.0.0.1:P/metadata/})
 * @param targetsUrl base URL of target files
 * @param notaryServer the Notary server URL, for Notary-dialect clients (else null)
 * @param gun the Notary repository name (else null)
 */
public record ClientSetup(
    Path workDir, byte[] trustedRoot, URI metadataUrl, URI targetsUrl, URI notaryServer, String gun) {

  public Path metadataDir() {
    return workDir.resolve("metadata");
  }

  public Path targetDir() {
    return workDir.resolve("targets");
  }
}
