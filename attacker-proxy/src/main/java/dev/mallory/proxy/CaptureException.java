package dev.mallory.proxy;

/** A capture that could not be completed: nothing was marked. */
public final class CaptureException extends RuntimeException {
  private final boolean overLimit;

  CaptureException(String message, boolean overLimit) {
    super(message);
    this.overLimit = overLimit;
  }

  /** True when the repository is larger than the capture's limits; false when upstream failed. */
  public boolean overLimit() {
    return overLimit;
  }
}
