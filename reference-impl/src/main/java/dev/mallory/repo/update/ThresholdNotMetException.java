package dev.mallory.repo.update;

/** Fewer distinct trusted keys signed the file than the role's threshold (5.3.4, 5.4.2, 5.5.3, 5.6.3). */
public final class ThresholdNotMetException extends UpdateRejectedException {
  private final int valid;
  private final int threshold;

  public ThresholdNotMetException(String role, int valid, int threshold) {
    super(role, role + " has " + valid + " valid signature(s) from its trusted keys, threshold " + threshold);
    this.valid = valid;
    this.threshold = threshold;
  }

  public int valid() {
    return valid;
  }

  public int threshold() {
    return threshold;
  }

  @Override
  public RejectionCode code() {
    return RejectionCode.INVALID_UPDATE;
  }
}
