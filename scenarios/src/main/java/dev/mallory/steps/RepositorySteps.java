package dev.mallory.steps;

import dev.mallory.repo.MetaListing;
import dev.mallory.steps.params.KeySelection;
import dev.mallory.steps.params.RoleRef;
import dev.mallory.steps.world.ScenarioRepository;
import dev.mallory.steps.world.ScenarioWorld;
import io.cucumber.java.en.Given;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The Repository steps of features/README.md: setup (version 1), config, history and waits. */
public final class RepositorySteps {
  /** A wait longer than this is a scenario mistake, not a test of the client. */
  private static final Duration MAX_WAIT = Duration.ofMinutes(5);

  private final ScenarioWorld world;

  public RepositorySteps(ScenarioWorld world) {
    this.world = world;
  }

  @Given("a repository")
  public void aRepository() {
    world.createRepository(Duration.ZERO);
  }

  @Given("a repository published {int} days ago")
  public void aRepositoryPublishedDaysAgo(int days) {
    world.createRepository(Duration.ofDays(days));
  }

  @Given("the repository does not use consistent snapshots")
  public void noConsistentSnapshots() {
    world.repository().setConsistentSnapshot(false);
  }

  @Given("the repository lists {listing} in timestamp and snapshot meta")
  public void listing(MetaListing listing) {
    world.repository().setMetaListing(listing);
  }

  @Given("the repository has {int} {role} key(s) with threshold {int}")
  public void keys(int count, RoleRef role, int threshold) {
    world.repository().setKeys(role.name(), count, threshold);
  }

  @Given("^the repository has target \"([^\"]*)\" containing \"([^\"]*)\"(?: in role \"([^\"]+)\")?"
      + "(?: that depends on \"([^\"]+)\")?(?: hashed only with \"([^\"]+)\")?$")
  public void target(String path, String text, String role, String dependsOn, String hashAlgorithm) {
    world.repository().delegations().addTarget(Optional.ofNullable(role).map(world::roleName), path, text, Optional.ofNullable(dependsOn),
        Optional.ofNullable(hashAlgorithm));
  }

  @Given("^the repository has a (terminating )?delegation \"([^\"]+)\"(?: from role \"([^\"]+)\")? for paths \"([^\"]*)\""
      + "(?: under a (different) key| with threshold (\\d+))?$")
  public void delegation(String terminating, String role, String delegator, String patterns, String variant, String threshold) {
    List<String> paths = Arrays.stream(patterns.split(",")).map(String::strip).toList();
    boolean differentKey = variant != null;
    world.repository().delegations().delegate(delegator == null ? "targets" : world.roleName(delegator), role, paths, terminating != null,
        differentKey, Optional.ofNullable(threshold).map(Integer::parseInt));
  }

  @Given("the repository signs {role} and {role} with the same key")
  public void sameKey(RoleRef first, RoleRef second) {
    world.repository().shareKey(first.name(), second.name());
  }

  @Given("the repository lists the {role} key under two key ids with threshold {int}")
  public void twoKeyIds(RoleRef role, int threshold) {
    world.repository().aliasKey(role.name(), threshold);
  }

  @Given("the repository has succinct hash bins of {int} bit(s)")
  public void hashBins(int bits) {
    world.repository().delegations().hashBins(bits);
  }

  @Given("the repository's {role} metadata expires after {duration}")
  public void expiresAfter(RoleRef role, Duration lifetime) {
    world.repository().setLifetime(role.name(), lifetime);
  }

  @Given("the repository publishes a new version")
  public void publishNewVersion() {
    world.published().history().publishNewVersion();
  }

  @Given("the repository publishes a new version of {role}")
  public void publishNewVersionOf(RoleRef role) {
    world.published().history().publishNewVersionOf(role.name());
  }

  @Given("^the repository publishes target \"([^\"]*)\" containing \"([^\"]*)\"(?: in role \"([^\"]+)\")?$")
  public void publishTarget(String path, String text, String role) {
    world.published().history().publishTarget(Optional.ofNullable(role).map(world::roleName), path, text);
  }

  @Given("the repository rotates {keys}")
  public void rotates(KeySelection keys) {
    if (keys.groups().stream().anyMatch(g -> g.count().isPresent())) {
      throw new IllegalArgumentException("the repository rotates every key of a role: '" + keys + "'");
    }
    world.published().history().rotate(keys.groups().stream().map(g -> g.role().name()).toList());
  }

  /**
   * Until the file's {@code expires} has passed (plus 1 s). With a client that takes its time from
   * Mallory the scenario's clock is moved (the repository and the client read it); otherwise the
   * scenario waits on the wall clock.
   */
  @Given("time passes until {role} version {long} has expired")
  public void timePasses(RoleRef role, long version) throws InterruptedException {
    ScenarioRepository repo = world.published();
    Instant until = repo.served().expires(role.name(), version).plusSeconds(1);
    Duration wait = Duration.between(world.clock().instant(), until);
    if (wait.compareTo(MAX_WAIT) > 0 && repo.signedByServer(role.name())) {
      throw new dev.mallory.engine.NotApplicableException("the server signs the " + role + " itself, and version " + version
          + " expires in " + wait + ", longer than a scenario waits");
    }
    if (wait.compareTo(MAX_WAIT) > 0) {
      throw new IllegalStateException(role + " version " + version + " expires in " + wait + ", longer than a scenario waits");
    }
    if (wait.isNegative()) {
      return;
    }
    if (world.virtualTime()) {
      world.clock().advance(wait);
      world.note("time passed without waiting: the scenario's clock moved " + wait.toMillis() + " ms forward, to " + until
          + " (the client takes its time from Mallory)");
    } else {
      world.note("time passed on the wall clock: waited " + wait.toMillis() + " ms (the client, or a server that signs for"
          + " the repository, cannot be given the scenario's time)");
      Thread.sleep(wait.toMillis());
    }
  }
}
