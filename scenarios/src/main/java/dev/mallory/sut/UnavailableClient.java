package dev.mallory.sut;

import java.time.Duration;
import java.util.Set;

/**
 * A client that could not be set up (its helper server did not start, say): every command is a
 * harness fault carrying the problem, so the run reports ERROR for it instead of crashing.
 */
record UnavailableClient(String name, Set<Capability> capabilities, String problem) implements StandInClient {
  @Override
  public ClientOutcome refuse() {
    return new ClientOutcome.HarnessFault(problem, Duration.ZERO);
  }
}
