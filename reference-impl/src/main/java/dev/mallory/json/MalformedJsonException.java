package dev.mallory.json;

import dev.mallory.model.MetadataFormatException;

/** Bytes that are not acceptable JSON for metadata: syntax errors, duplicate keys, floats, limits. */
public final class MalformedJsonException extends MetadataFormatException {
  public MalformedJsonException(String message) {
    super(message);
  }

  public MalformedJsonException(String message, Throwable cause) {
    super(message, cause);
  }
}
