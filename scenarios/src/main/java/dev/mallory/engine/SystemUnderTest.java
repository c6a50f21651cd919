package dev.mallory.engine;

import dev.mallory.report.SystemInfo;
import dev.mallory.sut.Capability;
import dev.mallory.sut.ClientUnderTest;
import dev.mallory.sut.backend.RepositoryBackend;
import dev.mallory.sut.server.ServerUnderTest;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One column of the matrix: how the system introduces itself, what it supports (so inapplicable
 * scenarios are NOT_APPLICABLE before anything starts), a fresh client per scenario, and the
 * system's expected failures.
 *
 * <p>A client system's scenario repositories are served by its {@link RepositoryBackend} (the
 * embedded reference server unless the system names another).
 *
 * <p>A server system ({@link #forServer}) has no clients: {@code servers} gives a fresh (not yet
 * started) server under test per scenario, and only the {@code @server-validation} scenarios run
 * against it. For client systems {@code servers} is null.
 */
public record SystemUnderTest(
    SystemInfo info,
    Set<Capability> capabilities,
    Supplier<ClientUnderTest> clients,
    RunContext.ExpectedToFail expectedToFail,
    Supplier<ServerUnderTest> servers,
    RepositoryBackend backend) {

  public SystemUnderTest {
    capabilities = Set.copyOf(capabilities);
    java.util.Objects.requireNonNull(backend);
  }

  /** A client system whose scenario repositories are served by the embedded reference server. */
  public SystemUnderTest(SystemInfo info, Set<Capability> capabilities, Supplier<ClientUnderTest> clients,
      RunContext.ExpectedToFail expectedToFail) {
    this(info, capabilities, clients, expectedToFail, RepositoryBackend.reference());
  }

  /** A client system whose scenario repositories are served by {@code backend}. */
  public SystemUnderTest(SystemInfo info, Set<Capability> capabilities, Supplier<ClientUnderTest> clients,
      RunContext.ExpectedToFail expectedToFail, RepositoryBackend backend) {
    this(info, capabilities, clients, expectedToFail, null, backend);
  }

  /** A Notary-compatible server: one fresh server per scenario, the server-validation scenarios only. */
  public static SystemUnderTest forServer(SystemInfo info, Supplier<ServerUnderTest> servers, RunContext.ExpectedToFail expectedToFail) {
    return new SystemUnderTest(info, Set.of(), () -> {
      throw new IllegalStateException(info.name() + " is a server: client scenarios do not run against it");
    }, expectedToFail, java.util.Objects.requireNonNull(servers), RepositoryBackend.reference());
  }

  public boolean isServer() {
    return servers != null;
  }

  public String name() {
    return info.name();
  }
}
