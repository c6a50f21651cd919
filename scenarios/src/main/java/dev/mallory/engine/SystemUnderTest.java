package dev.mallory.engine;

import dev.mallory.report.SystemInfo;
import dev.mallory.sut.Capability;
import dev.mallory.sut.ClientUnderTest;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One column of the matrix: how the system introduces itself, what it supports (so inapplicable
 * scenarios are NOT_APPLICABLE before anything starts), a fresh client per scenario, and the
 * system's expected failures.
 */
public record SystemUnderTest(
    SystemInfo info,
    Set<Capability> capabilities,
    Supplier<ClientUnderTest> clients,
    RunContext.ExpectedToFail expectedToFail) {

  public SystemUnderTest {
    capabilities = Set.copyOf(capabilities);
  }

  public String name() {
    return info.name();
  }
}
