package dev.mallory.registry.errors;

import dev.mallory.client.errors.TufClientException;

/**
 * The trust data itself was refused while resolving the tag (bad signature, rollback, freeze,
 * wrong key...). The TUF/Notary client's own typed error is the cause.
 */
public final class TrustDataException extends ContentTrustException {
  private final String tag;

  public TrustDataException(String tag, TufClientException cause) {
    super("trust data for tag " + tag + " refused: " + cause.getMessage(), cause);
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }

  public TufClientException tufError() {
    return (TufClientException) getCause();
  }
}
