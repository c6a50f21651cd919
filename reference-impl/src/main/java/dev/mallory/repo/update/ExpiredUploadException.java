package dev.mallory.repo.update;

/** Metadata that is already expired would be refused by every client (5.x.x expiry checks). */
public final class ExpiredUploadException extends UpdateRejectedException {
  public ExpiredUploadException(String role, java.time.Instant expires) {
    super(role, role + " expired at " + expires);
  }

  @Override
  public RejectionCode code() {
    return RejectionCode.INVALID_UPDATE;
  }
}
