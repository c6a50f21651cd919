package dev.mallory.client.errors;

import dev.mallory.model.MetadataFormatException;

/** Unparsable or structurally invalid metadata: wraps the model's format errors with the role. */
public final class MalformedMetadataException extends TufClientException {
  private final String role;

  public MalformedMetadataException(String role, MetadataFormatException cause) {
    super(role + " is malformed: " + cause.getMessage(), cause);
    this.role = role;
  }

  public MalformedMetadataException(String role, String why) {
    super(role + " is invalid: " + why);
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
