package dev.mallory.repo.update;

/** The stored version is the same or newer: a rollback, or the loser of two concurrent uploads. */
public final class VersionNotIncreasedException extends UpdateRejectedException {
  public VersionNotIncreasedException(String role, long current, long uploaded) {
    super(role, role + " version " + uploaded + " is not newer than the stored version " + current);
  }

  @Override
  public RejectionCode code() {
    return RejectionCode.VERSION;
  }
}
