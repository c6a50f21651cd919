package dev.mallory.client.errors;

/**
 * A refused update. Every protection of the client workflow has its own subclass carrying its
 * evidence (expected vs found); {@link #reason()} is the cross-client comparison key.
 */
public abstract class TufClientException extends RuntimeException {
  protected TufClientException(String message) {
    super(message);
  }

  protected TufClientException(String message, Throwable cause) {
    super(message, cause);
  }

  public abstract Reason reason();
}
