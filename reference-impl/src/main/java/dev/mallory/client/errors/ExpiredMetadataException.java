package dev.mallory.client.errors;

import java.time.Instant;

/** ExpiredMetadataError: expiry at or before the fixed update start time (5.3.10, 5.4.4, 5.5.6, 5.6.5). */
public final class ExpiredMetadataException extends TufClientException {
  private final String role;
  private final Instant expires;
  private final Instant referenceTime;

  public ExpiredMetadataException(String role, Instant expires, Instant referenceTime) {
    super(role + " expired at " + expires + " (reference time " + referenceTime + ")");
    this.role = role;
    this.expires = expires;
    this.referenceTime = referenceTime;
  }

  public String role() {
    return role;
  }

  public Instant expires() {
    return expires;
  }

  public Instant referenceTime() {
    return referenceTime;
  }

  @Override
  public Reason reason() {
    return Reason.EXPIRED;
  }
}
