package dev.mallory.repo.update;

/** Valid JSON, but not valid metadata (missing fields, threshold 0, duplicate key ids...). */
public final class InvalidStructureException extends UpdateRejectedException {
  public InvalidStructureException(String role, String message) {
    super(role, role + ": " + message);
  }

  @Override
  public RejectionCode code() {
    return RejectionCode.INVALID_UPDATE;
  }
}
