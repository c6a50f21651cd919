package dev.mallory.client.errors;

/** LengthOrHashMismatchError: bytes that are not the ones the parent metadata pinned (5.5.2, 5.6.2, 5.7). */
public final class LengthOrHashMismatchException extends TufClientException {
  private final String subject;
  private final String expected;
  private final String found;

  /**
   * @param subject the role or target path
   * @param expected e.g. {@code "sha256=ab.."} or {@code "length=12"}
   * @param found what the bytes have
   */
  public LengthOrHashMismatchException(String subject, String expected, String found) {
    super(subject + ": expected " + expected + ", found " + found);
    this.subject = subject;
    this.expected = expected;
    this.found = found;
  }

  public String subject() {
    return subject;
  }

  public String expected() {
    return expected;
  }

  public String found() {
    return found;
  }

  @Override
  public Reason reason() {
    return Reason.LENGTH_OR_HASH_MISMATCH;
  }
}
