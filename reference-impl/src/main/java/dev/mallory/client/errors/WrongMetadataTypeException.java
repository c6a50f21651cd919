package dev.mallory.client.errors;

/** A file of another role type where this role was expected (e.g. a signed snapshot served as timestamp). */
public final class WrongMetadataTypeException extends TufClientException {
  private final String expected;
  private final String found;

  public WrongMetadataTypeException(String expected, String found) {
    super("expected " + expected + " metadata, found " + found);
    this.expected = expected;
    this.found = found;
  }

  public String expected() {
    return expected;
  }

  public String found() {
    return found;
  }

  @Override
  public Reason reason() {
    return Reason.WRONG_METADATA_TYPE;
  }
}
