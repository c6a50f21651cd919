package dev.mallory.repo.update;

/** A delegated role lists a target outside the paths its parent delegated to it (5.6.7.2). */
public final class TargetOutsideDelegationException extends UpdateRejectedException {
  private final String target;

  public TargetOutsideDelegationException(String role, String target) {
    super(role, role + " lists " + target + ", which is outside its delegated paths");
    this.target = target;
  }

  public String target() {
    return target;
  }

  @Override
  public RejectionCode code() {
    return RejectionCode.INVALID_UPDATE;
  }
}
