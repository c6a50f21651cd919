package dev.mallory.steps.world;

import dev.mallory.json.Json;
import dev.mallory.repo.store.RoleFile;
import dev.mallory.sut.backend.HostedRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every version of every role of a scenario repository, read back as the server serves it
 * ({@link HostedRepository#served()}): the genuine history the attacker replays and the outcomes
 * compare against. A role the server signs itself is read as the server signed it.
 */
public final class ServedHistory {
  private final HostedRepository hosting;

  ServedHistory(HostedRepository hosting) {
    this.hosting = hosting;
  }

  /** The current version of a role, as the server serves it. */
  public Optional<RoleFile> current(String role) {
    return hosting.served().current(hosting.name(), role);
  }

  public Optional<RoleFile> version(String role, long version) {
    return hosting.served().version(hosting.name(), role, version);
  }

  public List<RoleFile> history(String role) {
    return hosting.served().history(hosting.name(), role);
  }

  /** Every role the repository has published, top-level and delegated. */
  public Set<String> roles() {
    return hosting.served().roles(hosting.name());
  }

  /** When a recorded version of a role expires. */
  public Instant expires(String role, long version) {
    byte[] bytes = version(role, version).orElseThrow(() -> new IllegalArgumentException("no version " + version + " of " + role))
        .bytes();
    return Instant.parse(Json.parse(bytes).path("signed").path("expires").asText());
  }
}
