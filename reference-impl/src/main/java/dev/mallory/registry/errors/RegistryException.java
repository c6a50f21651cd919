package dev.mallory.registry.errors;

/** The registry did not answer as the Registry v2 API says (HTTP status, network failure). */
public final class RegistryException extends ContentTrustException {
  private final int status;

  public RegistryException(String what, int status, String body) {
    super(what + " -> HTTP " + status + (body == null || body.isEmpty() ? "" : ": " + body));
    this.status = status;
  }

  public RegistryException(String what, Throwable cause) {
    super(what + " failed: " + cause, cause);
    this.status = -1;
  }

  /** The HTTP status, or -1 when there was no answer. */
  public int status() {
    return status;
  }
}
