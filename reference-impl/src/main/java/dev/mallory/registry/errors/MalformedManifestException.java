package dev.mallory.registry.errors;

/** A manifest (already digest-verified, or being uploaded) that is not a usable image manifest. */
public final class MalformedManifestException extends ContentTrustException {
  public MalformedManifestException(String why) {
    super("malformed image manifest: " + why);
  }

  public MalformedManifestException(String why, Throwable cause) {
    super("malformed image manifest: " + why, cause);
  }
}
