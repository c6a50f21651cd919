package dev.mallory.model;

/**
 * Bytes that claim to be TUF or Notary metadata but are not: malformed JSON, a wrong field type, a
 * structure the specification forbids. Every parser in Mallory reports hostile input through a
 * subclass of this type and nothing else, so callers (and the fuzz tests) can rely on one catch.
 */
public abstract class MetadataFormatException extends RuntimeException {
  protected MetadataFormatException(String message) {
    super(message);
  }

  protected MetadataFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
