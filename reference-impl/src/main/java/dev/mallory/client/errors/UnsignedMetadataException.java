package dev.mallory.client.errors;

/** UnsignedMetadataError: fewer distinct trusted keys signed than the threshold requires. */
public final class UnsignedMetadataException extends TufClientException {
  private final String role;
  private final String signedBy;
  private final int valid;
  private final int threshold;

  /**
   * @param signedBy whose keys were counted: {@code "trusted root"}, {@code "new root"}, or the
   *     delegating role's name
   */
  public UnsignedMetadataException(String role, String signedBy, int valid, int threshold) {
    super(role + " was signed by " + valid + "/" + threshold + " keys of " + signedBy);
    this.role = role;
    this.signedBy = signedBy;
    this.valid = valid;
    this.threshold = threshold;
  }

  public String role() {
    return role;
  }

  public String signedBy() {
    return signedBy;
  }

  public int valid() {
    return valid;
  }

  public int threshold() {
    return threshold;
  }

  @Override
  public Reason reason() {
    return Reason.MISSING_SIGNATURES;
  }
}
