package dev.mallory.registry.errors;

/**
 * The manifest the registry served for the signed digest is not the signed one (image forgery,
 * replay of an old manifest, a manifest with extra layers): length or SHA-256 differ. Checked on
 * the raw bytes before they are parsed.
 */
public final class ManifestDigestMismatchException extends ContentTrustException {
  private final String expectedDigest;
  private final long expectedLength;
  private final String foundDigest;
  private final long foundLength;

  public ManifestDigestMismatchException(String expectedDigest, long expectedLength, String foundDigest, long foundLength) {
    super("manifest mismatch: signed " + expectedDigest + " (" + expectedLength + " bytes), served "
        + foundDigest + " (" + foundLength + " bytes)");
    this.expectedDigest = expectedDigest;
    this.expectedLength = expectedLength;
    this.foundDigest = foundDigest;
    this.foundLength = foundLength;
  }

  public String expectedDigest() {
    return expectedDigest;
  }

  public long expectedLength() {
    return expectedLength;
  }

  /** {@code null} when the transfer was cut at the signed length (the registry sent more). */
  public String foundDigest() {
    return foundDigest;
  }

  public long foundLength() {
    return foundLength;
  }
}
