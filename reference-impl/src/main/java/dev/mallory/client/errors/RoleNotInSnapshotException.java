package dev.mallory.client.errors;

/** 5.6.1: a delegated (or top-level) targets role that snapshot does not list; never requested. */
public final class RoleNotInSnapshotException extends TufClientException {
  private final String role;

  public RoleNotInSnapshotException(String role) {
    super("role " + role + " was delegated but is not part of snapshot");
    this.role = role;
  }

  public String role() {
    return role;
  }

  @Override
  public Reason reason() {
    return Reason.INVALID_METADATA;
  }
}
