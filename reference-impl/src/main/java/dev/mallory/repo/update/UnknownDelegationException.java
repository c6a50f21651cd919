package dev.mallory.repo.update;

/** A delegated role that its parent does not delegate to. */
public final class UnknownDelegationException extends UpdateRejectedException {
  public UnknownDelegationException(String role, String message) {
    super(role, message);
  }

  @Override
  public RejectionCode code() {
    return RejectionCode.INVALID_UPDATE;
  }
}
