package dev.mallory.registry.pull;

import dev.mallory.registry.ImageManifest;
import dev.mallory.registry.archive.UnpackLimits;

/**
 * Bounds of one pull, checked before bytes are accepted.
 *
 * @param maxManifestBytes a signed manifest length above this is refused before any request
 * @param maxConfigBytes size of the image config blob
 * @param maxImageBytes sum of the compressed layer sizes the manifest declares
 * @param unpack decompression and archive bounds
 */
public record PullLimits(long maxManifestBytes, long maxConfigBytes, long maxImageBytes, UnpackLimits unpack) {
  public static final PullLimits DEFAULTS = new PullLimits(ImageManifest.MAX_BYTES, 8 * 1024 * 1024, 4L << 30, UnpackLimits.DEFAULTS);

  public PullLimits withUnpack(UnpackLimits limits) {
    return new PullLimits(maxManifestBytes, maxConfigBytes, maxImageBytes, limits);
  }
}
