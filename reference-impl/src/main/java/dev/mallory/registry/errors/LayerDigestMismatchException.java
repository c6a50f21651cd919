package dev.mallory.registry.errors;

/**
 * A blob (layer or config) the registry served is not the one the verified manifest names: its
 * size or SHA-256 differ. Raised before a single byte of it is decompressed or unpacked.
 */
public final class LayerDigestMismatchException extends ContentTrustException {
  private final String expectedDigest;
  private final long expectedSize;
  private final String foundDigest;
  private final long foundSize;

  public LayerDigestMismatchException(String expectedDigest, long expectedSize, String foundDigest, long foundSize) {
    super("blob mismatch: manifest names " + expectedDigest + " (" + expectedSize + " bytes), registry served "
        + (foundDigest == null ? "more than " + expectedSize + " bytes" : foundDigest + " (" + foundSize + " bytes)"));
    this.expectedDigest = expectedDigest;
    this.expectedSize = expectedSize;
    this.foundDigest = foundDigest;
    this.foundSize = foundSize;
  }

  public String expectedDigest() {
    return expectedDigest;
  }

  public long expectedSize() {
    return expectedSize;
  }

  /** {@code null} when the registry sent more than the manifest's size (cut there). */
  public String foundDigest() {
    return foundDigest;
  }

  public long foundSize() {
    return foundSize;
  }
}
