package dev.mallory.repo.update;

/**
 * A new root not signed by a threshold of the keys the stored root trusts for root: a rotation
 * needs the old keys' consent, or an attacker with only new keys could replace the root (5.3.4).
 */
public final class RootNotCrossSignedException extends UpdateRejectedException {
  public RootNotCrossSignedException(int valid, int threshold) {
    super("root", "new root has " + valid + " valid signature(s) from the current root's keys, threshold " + threshold);
  }

  @Override
  public RejectionCode code() {
    return RejectionCode.INVALID_UPDATE;
  }
}
