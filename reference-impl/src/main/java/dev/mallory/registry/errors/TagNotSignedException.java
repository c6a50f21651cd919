package dev.mallory.registry.errors;

/**
 * No trusted targets role lists the tag (with a SHA-256 hash): it is unsigned, or only signed by a
 * key without authority for it (a delegation whose paths do not cover the tag is never consulted).
 */
public final class TagNotSignedException extends ContentTrustException {
  private final String tag;

  public TagNotSignedException(String tag, String why) {
    super("tag " + tag + " is not signed: " + why);
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }
}
