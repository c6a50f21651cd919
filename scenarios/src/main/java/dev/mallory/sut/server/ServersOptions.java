package dev.mallory.sut.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@link Servers#fromSpec} needs besides the spec.
 *
 * @param workDir where configs and logs of started servers go (a subdirectory per server)
 * @param configTemplate the config written for {@code cmd:} and {@code image:} servers, with
 *     {@code {port}} replaced by the free loopback port; empty: {@link NotaryServerConfig#TEMPLATE}
 *     (notary-server, plain HTTP, memory storage, local signer)
 * @param containerConfigPath where an {@code image:} server reads its config inside the container
 * @param startTimeout how long a started server may take to answer its health check
 */
public record ServersOptions(Path workDir, Optional<Path> configTemplate, String containerConfigPath, Duration startTimeout) {

  /** The path {@code scripts/build-notary-image.sh} bakes into the image's entrypoint. */
  public static final String DEFAULT_CONTAINER_CONFIG = "/etc/notary-server/server.json";

  /** notary-server is healthy in 10-50 ms, a cold container in well under a second; the rest is margin. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

  public static ServersOptions in(Path workDir) {
    return new ServersOptions(workDir, Optional.empty(), DEFAULT_CONTAINER_CONFIG, DEFAULT_START_TIMEOUT);
  }

  public ServersOptions withConfigTemplate(Path template) {
    return new ServersOptions(workDir, Optional.of(template), containerConfigPath, startTimeout);
  }

  public ServersOptions withContainerConfigPath(String path) {
    return new ServersOptions(workDir, configTemplate, path, startTimeout);
  }

  public ServersOptions withWorkDir(Path dir) {
    return new ServersOptions(dir, configTemplate, containerConfigPath, startTimeout);
  }

  public ServersOptions withStartTimeout(Duration timeout) {
    return new ServersOptions(workDir, configTemplate, containerConfigPath, timeout);
  }
}
