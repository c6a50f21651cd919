package dev.mallory.repo.update;

/** A role file is not parseable JSON (notary-server: MALFORMED_JSON). */
public final class MalformedMetadataException extends UpdateRejectedException {
  public MalformedMetadataException(String role, String message) {
    super(role, role + ": " + message);
  }

  @Override
  public RejectionCode code() {
    return RejectionCode.MALFORMED_JSON;
  }
}
