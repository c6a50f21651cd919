package dev.mallory.repo.update;

/** The part names no role a client may upload. */
public final class InvalidRoleException extends UpdateRejectedException {
  public InvalidRoleException(String role, String message) {
    super(role, message);
  }

  @Override
  public RejectionCode code() {
    return RejectionCode.INVALID_ROLE;
  }
}
