package dev.mallory.repo.update;

/** The uploaded snapshot does not pin the files that would be served with it (mix-and-match). */
public final class SnapshotMismatchException extends UpdateRejectedException {
  public SnapshotMismatchException(String role, String message) {
    super("snapshot", "snapshot does not match " + role + ": " + message);
  }

  @Override
  public RejectionCode code() {
    return RejectionCode.INVALID_UPDATE;
  }
}
