package dev.mallory.registry.errors;

/**
 * A refused pull. Each protection of {@code ContentTrustPull} has its own subclass carrying its
 * evidence (expected vs. found), so tests and verdicts can tell which check stopped an attack.
 */
public abstract class ContentTrustException extends RuntimeException {
  protected ContentTrustException(String message) {
    super(message);
  }

  protected ContentTrustException(String message, Throwable cause) {
    super(message, cause);
  }
}
