package dev.mallory.registry.errors;

/** A layer that is not a well-formed (gzip) tar: bad header checksum, truncated data, bad gzip. */
public final class MalformedArchiveException extends ContentTrustException {
  public MalformedArchiveException(String why) {
    super("malformed layer archive: " + why);
  }

  public MalformedArchiveException(String why, Throwable cause) {
    super("malformed layer archive: " + why, cause);
  }
}
