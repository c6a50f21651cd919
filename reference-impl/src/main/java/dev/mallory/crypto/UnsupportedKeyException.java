package dev.mallory.crypto;

/** A key whose type, scheme or encoding Mallory cannot (or must not) use to verify. */
public final class UnsupportedKeyException extends Exception {
  public UnsupportedKeyException(String message) {
    super(message);
  }

  public UnsupportedKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
