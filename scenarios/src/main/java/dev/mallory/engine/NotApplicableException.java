package dev.mallory.engine;

/** The system under test lacks a feature the scenario needs: the verdict is NOT_APPLICABLE. */
public final class NotApplicableException extends RuntimeException {
  public NotApplicableException(String missing) {
    super(missing);
  }
}
