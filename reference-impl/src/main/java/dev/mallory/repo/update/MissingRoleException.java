package dev.mallory.repo.update;

/** The update needs a role it does not include and the server cannot make (no root; no snapshot and no server snapshot key; no timestamp key). */
public final class MissingRoleException extends UpdateRejectedException {
  public MissingRoleException(String role, String message) {
    super(role, message);
  }

  @Override
  public RejectionCode code() {
    return RejectionCode.INVALID_UPDATE;
  }
}
