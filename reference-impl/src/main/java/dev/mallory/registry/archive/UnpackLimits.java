package dev.mallory.registry.archive;

/**
 * Bounds of unpacking one image: decompression bombs and archives with millions of entries are
 * refused once they pass these, whatever their signature says.
 *
 * @param maxUnpackedBytes total decompressed tar bytes over all layers
 * @param maxEntries tar entries over all layers
 * @param maxPathLength bytes of one entry path or link target
 */
public record UnpackLimits(long maxUnpackedBytes, int maxEntries, int maxPathLength) {
  public static final UnpackLimits DEFAULTS = new UnpackLimits(4L << 30, 200_000, 4096);

  public UnpackLimits {
    if (maxUnpackedBytes < 1 || maxEntries < 1 || maxPathLength < 1) {
      throw new IllegalArgumentException("unpack limits must be positive");
    }
  }

  public UnpackLimits withMaxUnpackedBytes(long max) {
    return new UnpackLimits(max, maxEntries, maxPathLength);
  }

  public UnpackLimits withMaxEntries(int max) {
    return new UnpackLimits(maxUnpackedBytes, max, maxPathLength);
  }
}
