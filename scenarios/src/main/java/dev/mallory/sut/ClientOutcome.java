package dev.mallory.sut;

import dev.mallory.client.errors.Reason;
import java.time.Duration;
import java.util.Optional;

/** What a client under test did with one command: the raw observation a verdict is computed from. */
public sealed interface ClientOutcome {
  Duration elapsed();

  /** A one-line description for the evidence. */
  String describe();

  /** The command succeeded (exit 0, no exception). */
  record Accepted(String detail, Duration elapsed) implements ClientOutcome {
    @Override
    public String describe() {
      return "accepted" + (detail.isBlank() ? "" : ": " + detail);
    }
  }

  /**
   * The command failed. {@code reason} is present only when the client's own error says which
   * protection fired; black-box clients often say nothing that can be classified.
   */
  record Refused(Optional<Reason> reason, String error, Duration elapsed) implements ClientOutcome {
    @Override
    public String describe() {
      return "refused" + reason.map(r -> " (" + r + ")").orElse("") + ": " + error;
    }
  }

  /** The command did not finish in time and was stopped by the harness. */
  record TimedOut(Duration elapsed) implements ClientOutcome {
    @Override
    public String describe() {
      return "timed out after " + elapsed.toMillis() + " ms";
    }
  }

  /** The harness could not run the client (missing binary, bad setup): says nothing about it. */
  record HarnessFault(String problem, Duration elapsed) implements ClientOutcome {
    @Override
    public String describe() {
      return "harness fault: " + problem;
    }
  }
}
