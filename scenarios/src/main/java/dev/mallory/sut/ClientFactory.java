package dev.mallory.sut;

import java.util.Set;

/**
 * One system under test for a whole run: what it is called and supports (known before anything
 * runs, so inapplicable scenarios are NOT_APPLICABLE without starting a client), a fresh
 * {@link ClientUnderTest} per scenario, its expected failures and its repository backend. Closing
 * it stops whatever the run shared (the sigstore-java shim server, a notary-server), by pid.
 */
public interface ClientFactory extends AutoCloseable {
  String name();

  Set<Capability> capabilities();

  /** A new client for one scenario; the caller closes it. */
  ClientUnderTest newClient();

  /** Where the scenario repositories of this system are served from: the embedded reference server unless the spec names another. */
  default dev.mallory.sut.backend.RepositoryBackend backend() {
    return dev.mallory.sut.backend.RepositoryBackend.reference();
  }

  /** The client's expected failures ({@code <executable>.xfails}); none unless a file says so. */
  default ExpectedFailures expectedFailures() {
    return ExpectedFailures.none();
  }

  @Override
  default void close() {}
}
