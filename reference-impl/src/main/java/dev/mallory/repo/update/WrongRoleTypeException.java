package dev.mallory.repo.update;

/** The file's _type is not the role it was uploaded as. */
public final class WrongRoleTypeException extends UpdateRejectedException {
  public WrongRoleTypeException(String role, String found) {
    super(role, "file uploaded as " + role + " is " + found + " metadata");
  }

  @Override
  public RejectionCode code() {
    return RejectionCode.INVALID_UPDATE;
  }
}
