package dev.mallory.steps.world;

import dev.mallory.repo.Repository;
import dev.mallory.sut.backend.HostedRepository;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a scenario repository publishes, one version after the other, with the world rules of
 * features/README.md ("The repository"):
 *
 * <ul>
 *   <li>version 1 is published lazily: setup steps stage it, the first other step signs it;
 *   <li>each history step bumps the roles it changes and the roles pinning them;
 *   <li>a version number the attacker already served for a role is never reused (it skips on).
 * </ul>
 *
 * Each publication is recorded as the state a stale mirror synced at that moment serves.
 */
public final class RepositoryHistory {
  private final ScenarioRepository repository;
  private final Repository repo;
  private final HostedRepository hosting;
  private final Function<String, Set<Long>> attackerServedVersions;
  private boolean published;
  /** The repository as it was while each timestamp version was current: role to version, target path to content. */
  private final Map<Long, State> states = new HashMap<>();

  /** @param attackerServedVersions versions of a role the attacker has served (the skip rule) */
  RepositoryHistory(ScenarioRepository repository, Function<String, Set<Long>> attackerServedVersions) {
    this.repository = repository;
    this.repo = repository.repository();
    this.hosting = repository.hosting();
    this.attackerServedVersions = attackerServedVersions;
  }

  public boolean published() {
    return published;
  }

  /** Signs and publishes version 1 of every role, if the setup steps have not been followed yet. */
  public synchronized void ensurePublished() {
    if (published) {
      return;
    }
    hosting.published(repo.publish());
    published = true;
    recordState();
    repo.setClock(repository.clock()); // only version 1 is signed in the past
  }

  /** New targets, snapshot and timestamp, content unchanged. */
  public void publishNewVersion() {
    beginHistoryStep();
    repo.touch("targets");
    publish(Set.of("targets", "snapshot", "timestamp"));
  }

  /** New ROLE and the roles pinning it; root: a new root only (the repository signs a new timestamp too). */
  public void publishNewVersionOf(String role) {
    if (role.equals("timestamp")) {
      repository.requireMallorySigns(role, "it signs a new timestamp only over a new snapshot, so the repository cannot publish one alone");
    }
    beginHistoryStep();
    repo.touch(role);
    publish(role.equals("root") ? Set.of("root", "timestamp")
        : role.equals("timestamp") ? Set.of("timestamp")
        : role.equals("snapshot") ? Set.of("snapshot", "timestamp")
        : Set.of(role, "snapshot", "timestamp"));
  }

  public void publishTarget(Optional<String> role, String path, String text) {
    beginHistoryStep();
    String r = repository.delegations().stageTarget(role, path, text);
    publish(Set.of(r, "snapshot", "timestamp"));
  }

  /** Replaces every key of each role: top-level roles through a new root, delegated through their delegator. */
  public void rotate(List<String> roles) {
    beginHistoryStep();
    Set<String> changed = new LinkedHashSet<>(List.of("snapshot", "timestamp"));
    for (String role : roles) {
      repo.rotateKeys(role);
      if (ScenarioRepository.TOP_LEVEL.contains(role)) {
        changed.add("root");
        changed.add(role);
      } else {
        changed.add(role);
        changed.add(repository.delegations().delegatorOf(role));
      }
    }
    publish(changed);
  }

  /**
   * Publishes, first moving each role's next version past any number the attacker has already
   * served for it (features/README.md: the repository never reuses such a number).
   */
  private void publish(Set<String> roles) {
    for (String role : roles) {
      if (!repository.signedByServer(role)) {
        skipServedVersions(role);
      }
    }
    hosting.published(repo.publish());
    recordState();
  }

  private void skipServedVersions(String role) {
    long next = repository.served().current(role).map(f -> f.version() + 1).orElse(1L);
    Set<Long> served = attackerServedVersions.apply(role);
    long skipped = next;
    while (served.contains(skipped)) {
      skipped++;
    }
    if (skipped != next) {
      repo.bumpVersion(role, skipped);
    }
  }

  /**
   * Before a history step stages its change: version 1 is published, and a server that numbers its
   * timestamps itself, one after the other, has used up every number the attacker served, through
   * extra genuine publications (the snapshot re-signed, content unchanged) that no client is shown
   * (the skip rule of features/README.md).
   */
  private void beginHistoryStep() {
    ensurePublished();
    if (!repository.signedByServer("timestamp")) {
      return;
    }
    Set<Long> served = attackerServedVersions.apply("timestamp");
    while (served.contains(repository.served().current("timestamp").orElseThrow().version() + 1)) {
      skipServedVersions("snapshot");
      repo.touch("snapshot");
      hosting.published(repo.publish());
      recordState();
    }
  }

  /** One published state: what a stale mirror synced at that moment serves. */
  public record State(Map<String, Long> versions, Map<String, byte[]> targets) {}

  private void recordState() {
    Map<String, Long> versions = new HashMap<>();
    ServedHistory served = repository.served();
    for (String role : served.roles()) {
      served.current(role).ifPresent(f -> versions.put(role, f.version()));
    }
    states.put(versions.get("timestamp"), new State(Map.copyOf(versions), repository.targetPaths()));
  }

  /** The state recorded while timestamp version N was current. */
  public Optional<State> stateAt(long timestampVersion) {
    return Optional.ofNullable(states.get(timestampVersion));
  }
}
