package dev.mallory.client.errors;

/**
 * Notary trust bootstrap refused the first root: no pinned key or CA-issued certificate reached the
 * root threshold, or trust on first use is off and nothing is pinned.
 */
public final class TrustPinningException extends TufClientException {
  private final String gun;

  public TrustPinningException(String gun, String why) {
    super("could not validate the path to a trusted root for " + gun + ": " + why);
    this.gun = gun;
  }

  public String gun() {
    return gun;
  }

  @Override
  public Reason reason() {
    return Reason.MISSING_SIGNATURES;
  }
}
