package dev.mallory.steps.world;

import dev.mallory.sut.ClientOutcome;
import java.time.Instant;
import java.util.List;

/**
 * One thing the client was asked to do and what it did: the "last action" every outcome step is
 * evaluated against.
 *
 * @param targets the targets of a download, in order; empty for a refresh
 * @param before the sandbox just before the action, {@code after} just after
 */
public record ClientAction(Kind kind, List<String> targets, ClientOutcome outcome, SandboxState before,
    SandboxState after, Instant started, Instant finished) {
  public enum Kind { REFRESH, DOWNLOAD }

  public ClientAction {
    targets = List.copyOf(targets);
  }

  public boolean succeeded() {
    return outcome instanceof ClientOutcome.Accepted;
  }

  public String describe() {
    String what = kind == Kind.REFRESH ? "refresh" : "download " + String.join(", ", targets);
    return what + ": " + outcome.describe();
  }
}
