package dev.mallory.registry.image;

import dev.mallory.external.CommandResult;
import dev.mallory.external.NotaryClient;
import dev.mallory.registry.Digest;
import dev.mallory.registry.RegistryClient;
import dev.mallory.repo.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Pushes images to a registry (reference or real) and signs tags the way {@code docker trust sign}
 * does: a targets entry named after the tag whose length and hashes are the manifest bytes'.
 */
public final class ImagePublisher {
  private ImagePublisher() {}

  /** Uploads config and layers, then the manifest under {@code tag}; returns the manifest digest. */
  public static Digest push(RegistryClient registry, String name, String tag, Image image) {
    registry.pushBlob(name, image.config());
    for (Layer layer : image.layers()) {
      registry.pushBlob(name, layer.bytes());
    }
    Digest digest = registry.pushManifest(name, tag, image.manifestMediaType(), image.manifest());
    if (!digest.equals(image.manifestDigest())) {
      throw new IllegalStateException("registry stored the manifest as " + digest + ", expected " + image.manifestDigest());
    }
    return digest;
  }

  /** Signs the tag into a reference repository (either dialect) and publishes. */
  public static void sign(Repository repository, String tag, Image image) {
    repository.addTarget(tag, image.manifest());
    repository.publish();
  }

  /** Signs into a delegated targets role of a reference repository and publishes. */
  public static void sign(Repository repository, String role, String tag, Image image) {
    repository.addTarget(role, tag, image.manifest());
    repository.publish();
  }

  /**
   * Signs with the real notary client: {@code notary add <gun> <tag> <manifest-file>} and
   * {@code notary publish <gun>} (which initialises the GUN on first use). The file holds exactly
   * the manifest bytes, so the target's hashes are the manifest digest, as Docker makes them.
   */
  public static void sign(NotaryClient notary, String gun, String tag, Image image, Path workDir) {
    try {
      Files.createDirectories(workDir);
      Path file = Files.write(workDir.resolve("manifest-" + image.manifestDigest().hex() + ".json"), image.manifest());
      require(notary.add(gun, tag, file), "notary add");
      require(notary.publish(gun), "notary publish");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void require(CommandResult r, String what) {
    if (r.exitCode() != 0) {
      throw new IllegalStateException(what + " failed: " + r);
    }
  }
}
