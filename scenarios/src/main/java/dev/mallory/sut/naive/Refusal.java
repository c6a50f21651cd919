package dev.mallory.sut.naive;

import dev.mallory.client.errors.Reason;

/**
 * A naive client refusing an update. The message uses the specification's words (version,
 * expired, signed by, hash, ...) so the same refusal reads the same whether the client runs
 * in-process (the reason travels in this exception) or behind the CLI (where only the message
 * travels and {@link dev.mallory.sut.ReasonClassifier} reads it back).
 */
public final class Refusal extends Exception {
  private final Reason reason;

  public Refusal(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Refusal(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
