package dev.mallory.sut.naive;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One client command's inputs, as the conformance CLI passes them.
 *
 * @param targetsUrl base URL of targets, or null for refresh
 * @param targetDir where targets are stored, or null for refresh
 * @param referenceTime the fixed update start time every expiry check uses (spec 5.1)
 */
public record Session(URI metadataUrl, Path metadataDir, URI targetsUrl, Path targetDir, Instant referenceTime) {

  /** {@code base} + {@code name}, whether or not the base ends in a slash. */
  static URI under(URI base, String name) {
    String text = base.toString();
    return URI.create(text.endsWith("/") ? text + name : text + "/" + name);
  }

  URI metadata(String fileName) {
    return under(metadataUrl, fileName);
  }
}
