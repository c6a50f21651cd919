package dev.mallory.sut;

import java.util.Set;

/**
 * One system under test for a whole run: what it is called and supports (known before anything
 * runs, so inapplicable scenarios are NOT_APPLICABLE without starting a client), a fresh
 * {@link ClientUnderTest} per scenario, and its expected failures. Closing it stops whatever the
 * run shared (the sigstore-java shim server), by pid.
 */
public interface ClientFactory extends AutoCloseable {
  String name();

  Set<Capability> capabilities();

  /** A new client for one scenario; the caller closes it. */
  ClientUnderTest newClient();

  /** The client's expected failures ({@code <executable>.xfails}); none unless a file says so. */
  default ExpectedFailures expectedFailures() {
    return ExpectedFailures.none();
  }

  @Override
  default void close() {}
}
