package dev.mallory.sut;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A client that could not be set up (its helper server did not start, say): every command is a
 * harness fault carrying the problem, so the run reports ERROR for it instead of crashing.
 */
record UnavailableClient(String name, Set<Capability> capabilities, String problem) implements ClientUnderTest {
  @Override
  public ClientOutcome init(ClientSetup setup) {
    return fault();
  }

  @Override
  public ClientOutcome refresh() {
    return fault();
  }

  @Override
  public ClientOutcome download(List<String> targetPaths) {
    return fault();
  }

  @Override
  public Map<String, Long> trustedVersions() {
    return Map.of();
  }

  @Override
  public Optional<byte[]> downloadedTarget(String targetPath) {
    return Optional.empty();
  }

  @Override
  public void close() {}

  private ClientOutcome fault() {
    return new ClientOutcome.HarnessFault(problem, Duration.ZERO);
  }
}
