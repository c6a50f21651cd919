package dev.mallory.model;

/**
 * Well-formed JSON whose structure breaks a rule of the specification: a wrong {@code _type}, a
 * version below 1, a threshold below 1, a key id listed twice, a missing mandatory role.
 */
public final class InvalidMetadataException extends MetadataFormatException {
  public InvalidMetadataException(String message) {
    super(message);
  }
}
