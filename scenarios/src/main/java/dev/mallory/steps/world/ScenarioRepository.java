package dev.mallory.steps.world;

import dev.mallory.crypto.SigningKey;
import dev.mallory.dialect.Dialect;
import dev.mallory.engine.NotApplicableException;
import dev.mallory.json.Json;
import dev.mallory.repo.Delegation;
import dev.mallory.repo.MetaListing;
import dev.mallory.repo.Repository;
import dev.mallory.repo.store.RoleFile;
import dev.mallory.sut.backend.HostedRepository;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The honest repository of one scenario, hosted by the run's repository backend (Mallory's
 * reference server, or the real notary-server), with the world rules of features/README.md ("The
 * repository"):
 *
 * <ul>
 *   <li>version 1 is published lazily: setup steps stage it, the first other step signs it;
 *   <li>each history step bumps the roles it changes and the roles pinning them;
 *   <li>a version number the attacker already served for a role is never reused (it skips on);
 *   <li>{@code published N days ago} signs version 1 with a clock N days in the past.
 * </ul>
 *
 * Every version of every role is read back as the server serves it ({@link HostedRepository#served()}).
 * A role the server signs itself ({@link HostedRepository#signedByServer()}: notary-server's
 * timestamp) cannot be given keys, lifetimes or versions the world asks for, nor stolen: such a
 * step is NOT_APPLICABLE, with the reason. Delegated roles carry the dialect's names
 * ({@link RoleNames}).
 *
 * The reference server never re-signs stale timestamps ({@code refreshTimestamps} off): freshness
 * scenarios move the repository's clock and need its expired files served as they are. The
 * repository signs on the scenario's clock, which "time passes" may move ahead of the real time.
 */
public final class ScenarioRepository implements AutoCloseable {
  /** The roles a client fetches on a refresh, parents last. */
  public static final List<String> TOP_LEVEL = List.of("root", "targets", "snapshot", "timestamp");

  private final Repository repo;
  private final HostedRepository hosting;
  private final RoleNames names;
  private final Clock clock;
  private final Function<String, Set<Long>> attackerServedVersions;
  private boolean published;
  private boolean hashBins;
  /** The repository as it was while each timestamp version was current: role to version, target path to content. */
  private final Map<Long, State> states = new HashMap<>();
  private final ListedTargets targets = new ListedTargets();

  /**
   * @param hosting where the repository is served (its dialect: TUF 1.0 at {@code /metadata/} and
   *     {@code /targets/}, or Notary at {@code /v2/GUN/_trust/tuf/}, targets still at {@code /targets/})
   * @param signedAgo how far in the past version 1 is signed (zero: now)
   * @param attackerServedVersions versions of a role the attacker has served (the skip rule)
   */
  public ScenarioRepository(HostedRepository hosting, Dialect dialect, Duration signedAgo,
      Function<String, Set<Long>> attackerServedVersions) {
    this(hosting, dialect, signedAgo, attackerServedVersions, Clock.systemUTC());
  }

  /** As above; {@code clock} is the scenario's time, "now" when Mallory signs. */
  public ScenarioRepository(HostedRepository hosting, Dialect dialect, Duration signedAgo,
      Function<String, Set<Long>> attackerServedVersions, Clock clock) {
    this.hosting = hosting;
    this.names = new RoleNames(dialect);
    this.clock = new NineDigitClock(clock);
    this.attackerServedVersions = attackerServedVersions;
    if (!signedAgo.isZero() && !hosting.signedByServer().isEmpty()) {
      hosting.close();
      throw new NotApplicableException(hosting.serverName() + " signs the " + String.join(" and ", hosting.signedByServer())
          + " itself, at the time of publishing: version 1 cannot be signed " + signedAgo.toDays() + " days in the past");
    }
    // Scenario repositories sign what they are told (features/README.md): the unchecked path is on.
    this.repo = Repository.builder(dialect)
        .name(hosting.name())
        .store(hosting.store())
        .signingService(hosting.signer())
        .clock(Clock.offset(clock, signedAgo.negated()))
        .consistentSnapshot(dialect == Dialect.TUF_1_0)
        .metaListing(MetaListing.ALL_HASHED)
        .allowInvalidSetups()
        .createUnpublished();
    if (dialect == Dialect.NOTARY) {
      // The world's lifetimes (features/README.md), not notary's multi-year defaults.
      repo.setLifetime("root", Duration.ofDays(365));
      repo.setLifetime("targets", Duration.ofDays(90));
      repo.setLifetime("snapshot", Duration.ofDays(7));
      if (!signedByServer("timestamp")) {
        repo.setLifetime("timestamp", Duration.ofDays(1));
      }
    }
  }

  public Repository repository() {
    return repo;
  }

  public Dialect dialect() {
    return repo.dialect();
  }

  /** The scenario's time, as Mallory signs with it. */
  public Clock clock() {
    return clock;
  }

  /** The repository's name: its GUN in the Notary dialect. */
  public String name() {
    return hosting.name();
  }

  /** The dialect's names of the scenario's delegated roles. */
  public RoleNames names() {
    return names;
  }

  /** Where it is served: the metadata and {@code /targets/} (the same server, or a content server beside a Notary server). */
  public HostedRepository hosting() {
    return hosting;
  }

  public boolean published() {
    return published;
  }

  /** True when the server signs the role itself, with keys out of Mallory's (and the attacker's) reach. */
  public boolean signedByServer(String role) {
    return hosting.signedByServer().contains(role);
  }

  /** A step that needs Mallory to sign the role as it likes: NOT_APPLICABLE where the server signs it. */
  private void requireMallorySigns(String role, String why) {
    if (signedByServer(role)) {
      throw new NotApplicableException(hosting.serverName() + " signs the " + role + " itself, with a key only it holds: " + why);
    }
  }

  // ---- setup (version 1) ----------------------------------------------------------------------

  /** Setup steps describe version 1 and may only come before every other step. */
  public void requireSetup(String what) {
    if (published) {
      throw new IllegalStateException("'" + what + "' is a setup step: it must come before every step that is not a "
          + "setup or configuration step (version 1 is already published)");
    }
  }

  public void setConsistentSnapshot(boolean on) {
    requireSetup("the repository does not use consistent snapshots");
    repo.setConsistentSnapshot(on);
  }

  public void setMetaListing(MetaListing listing) {
    requireSetup("the repository lists ... in timestamp and snapshot meta");
    repo.setMetaListing(listing);
  }

  /** N fresh keys; a threshold below 1 or above N is signed as told (the unchecked path). */
  public void setKeys(String role, int count, int threshold) {
    requireSetup("the repository has N " + role + " keys");
    requireMallorySigns(role, "the repository cannot give it " + count + (count == 1 ? " key" : " keys") + " with threshold " + threshold);
    if (count < 1) {
      throw new IllegalArgumentException("a role needs at least one key to sign with, got " + count);
    }
    if (threshold >= 1 && threshold <= count) {
      repo.setKeys(role, count, threshold);
      return;
    }
    repo.setKeys(role, count, Math.max(1, Math.min(threshold, count)));
    repo.setThresholdUnchecked(role, threshold);
  }

  /** {@code the repository signs ROLE and ROLE2 with the same key}. */
  public void shareKey(String role, String withRole) {
    requireSetup("the repository signs ROLE and ROLE with the same key");
    requireMallorySigns(role, "the repository cannot sign it and " + withRole + " with one key");
    requireMallorySigns(withRole, "the repository cannot sign it and " + role + " with one key");
    repo.shareKeys(role, withRole);
  }

  /** {@code the repository lists the ROLE key under two key ids with threshold M}. */
  public void aliasKey(String role, int threshold) {
    requireSetup("the repository lists the ROLE key under two key ids");
    requireMallorySigns(role, "the repository cannot list its key under a second key id");
    byte[] random = new byte[32];
    new java.security.SecureRandom().nextBytes(random);
    repo.aliasKeyUnchecked(role, java.util.HexFormat.of().formatHex(random), threshold);
  }

  public String delegate(String delegator, String role, List<String> patterns, boolean terminating) {
    return delegate(delegator, role, patterns, terminating, false, Optional.empty());
  }

  /**
   * A delegation from {@code delegator} (the dialect's name) to the role the feature calls
   * {@code featureName}, with the feature's path patterns; the dialect names it and writes its paths
   * ({@link RoleNames}). A role that already exists (a second delegator, a cycle) keeps its keys;
   * {@code differentKey}: this delegation lists a fresh key the role's files are not signed with;
   * {@code threshold}: this delegation's threshold, whatever it is.
   *
   * @return the delegated role's name in the dialect
   */
  public String delegate(String delegator, String featureName, List<String> patterns, boolean terminating, boolean differentKey,
      Optional<Integer> threshold) {
    requireSetup("the repository has a delegation");
    RoleNames.Delegated named = names.delegate(delegator, featureName, patterns, terminating);
    String role = named.name();
    Delegation d = Delegation.paths(named.paths().toArray(String[]::new));
    d = terminating ? d.asTerminating() : d;
    if (targets.hasRole(role)) {
      repo.delegateExistingUnchecked(delegator, role, d, differentKey);
    } else if (differentKey) {
      repo.delegateUnderDifferentKeyUnchecked(delegator, role, d);
    } else {
      repo.delegate(delegator, role, d);
    }
    threshold.ifPresent(t -> repo.setDelegationThresholdUnchecked(delegator, role, t));
    targets.addRole(role);
    return role;
  }

  /** TAP 15 succinct hash bins {@code bin-0}... under targets; one shared key, terminating. */
  public void hashBins(int bits) {
    requireSetup("the repository has succinct hash bins");
    for (String bin : repo.delegateHashBins("targets", bits, "bin", 1, 1)) {
      targets.addRole(bin);
    }
    hashBins = true;
  }

  public void addTarget(Optional<String> role, String path, String text) {
    addTarget(role, path, text, Optional.empty(), Optional.empty());
  }

  /**
   * A target of version 1, optionally with {@code custom.dependencies = [dependsOn]} and with its
   * only hash listed under {@code hashAlgorithm} (a made-up digest). A name or role the honest
   * editor refuses (hostile names, a role not delegated the path) is signed as told.
   */
  public void addTarget(Optional<String> role, String path, String text, Optional<String> dependsOn, Optional<String> hashAlgorithm) {
    requireSetup("the repository has target");
    if (dependsOn.isEmpty() && hashAlgorithm.isEmpty()) {
      try {
        stageTarget(role, path, text);
        return;
      } catch (IllegalArgumentException refusedByTheHonestEditor) {
        // fall through: the unchecked path
      }
    }
    String r = roleFor(role, path);
    names.checkListing(r, path);
    byte[] content = text.getBytes(StandardCharsets.UTF_8);
    com.fasterxml.jackson.databind.node.ObjectNode custom = null;
    if (dependsOn.isPresent()) {
      custom = Json.object();
      custom.putArray("dependencies").add(dependsOn.get());
    }
    repo.addTargetUnchecked(r, path, content, ListedTargets.hashes(dialect(), content, hashAlgorithm), custom);
    targets.list(r, path, content);
  }

  /** The role that lists a target by default: targets, or its hash bin when bins exist. */
  private String roleFor(Optional<String> role, String path) {
    if (role.isPresent()) {
      return role.get();
    }
    return hashBins ? repo.roleFor("targets", path).orElse("targets") : "targets";
  }

  /** Every target content ever published, by sha256: the copies a watching attacker kept. */
  public Optional<byte[]> targetByHash(String sha256) {
    return targets.byHash(sha256);
  }

  private String stageTarget(Optional<String> role, String path, String text) {
    String r = roleFor(role, path);
    names.checkListing(r, path);
    byte[] content = text.getBytes(StandardCharsets.UTF_8);
    repo.addTarget(r, path, content);
    targets.list(r, path, content);
    return r;
  }

  /** Config: files of the role signed from now on get this lifetime (version 1 too, before it). */
  public void setLifetime(String role, Duration lifetime) {
    requireMallorySigns(role, "the repository cannot make its files expire after " + lifetime.toSeconds() + " seconds");
    repo.setLifetime(role, lifetime);
  }

  /** Signs and publishes version 1 of every role, if the setup steps have not been followed yet. */
  public synchronized void ensurePublished() {
    if (published) {
      return;
    }
    hosting.published(repo.publish());
    published = true;
    recordState();
    repo.setClock(clock); // only version 1 is signed in the past
  }

  // ---- history --------------------------------------------------------------------------------

  /** New targets, snapshot and timestamp, content unchanged. */
  public void publishNewVersion() {
    beginHistoryStep();
    repo.touch("targets");
    publish(Set.of("targets", "snapshot", "timestamp"));
  }

  /** New ROLE and the roles pinning it; root: a new root only (the repository signs a new timestamp too). */
  public void publishNewVersionOf(String role) {
    if (role.equals("timestamp")) {
      requireMallorySigns(role, "it signs a new timestamp only over a new snapshot, so the repository cannot publish one alone");
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
    String r = stageTarget(role, path, text);
    publish(Set.of(r, "snapshot", "timestamp"));
  }

  /** Replaces every key of each role: top-level roles through a new root, delegated through their delegator. */
  public void rotate(List<String> roles) {
    beginHistoryStep();
    Set<String> changed = new LinkedHashSet<>(List.of("snapshot", "timestamp"));
    for (String role : roles) {
      repo.rotateKeys(role);
      if (TOP_LEVEL.contains(role)) {
        changed.add("root");
        changed.add(role);
      } else {
        changed.add(role);
        changed.add(delegatorOf(role));
      }
    }
    publish(changed);
  }

  private String delegatorOf(String role) {
    for (String candidate : targets.roles()) {
      if (repo.targets(candidate).delegations().map(d -> d.role(role).isPresent()).orElse(false)) {
        return candidate;
      }
    }
    return "targets";
  }

  /**
   * Publishes, first moving each role's next version past any number the attacker has already
   * served for it (features/README.md: the repository never reuses such a number).
   */
  private void publish(Set<String> roles) {
    for (String role : roles) {
      if (!signedByServer(role)) {
        skipServedVersions(role);
      }
    }
    hosting.published(repo.publish());
    recordState();
  }

  private void skipServedVersions(String role) {
    long next = current(role).map(f -> f.version() + 1).orElse(1L);
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
    if (!signedByServer("timestamp")) {
      return;
    }
    Set<Long> served = attackerServedVersions.apply("timestamp");
    while (served.contains(current("timestamp").orElseThrow().version() + 1)) {
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
    for (String role : roles()) {
      current(role).ifPresent(f -> versions.put(role, f.version()));
    }
    states.put(versions.get("timestamp"), new State(Map.copyOf(versions), targetPaths()));
  }

  /** The state recorded while timestamp version N was current. */
  public Optional<State> stateAt(long timestampVersion) {
    return Optional.ofNullable(states.get(timestampVersion));
  }

  // ---- reading --------------------------------------------------------------------------------

  /** The current version of a role, as the server serves it. */
  public Optional<RoleFile> current(String role) {
    return hosting.served().current(name(), role);
  }

  public Optional<RoleFile> version(String role, long version) {
    return hosting.served().version(name(), role, version);
  }

  public List<RoleFile> history(String role) {
    return hosting.served().history(name(), role);
  }

  /** Every role the repository has published, top-level and delegated. */
  public Set<String> roles() {
    return hosting.served().roles(name());
  }

  /** The private keys of a role (the repository's own, for key counts and algorithms). */
  public List<SigningKey> keys(String role) {
    return repo.keys(role);
  }

  /** The private keys of a role as the attacker steals them: NOT_APPLICABLE for a role the server signs. */
  public List<SigningKey> stealKeys(String role) {
    requireMallorySigns(role, "the attacker cannot steal its key");
    return repo.keys(role);
  }

  /** When a recorded version of a role expires. */
  public Instant expires(String role, long version) {
    byte[] bytes = version(role, version).orElseThrow(() -> new IllegalArgumentException("no version " + version + " of " + role))
        .bytes();
    return Instant.parse(Json.parse(bytes).path("signed").path("expires").asText());
  }

  /**
   * The genuine current content of a target, as the client's search (5.6.7) finds it: the
   * top-level targets first, then delegated roles in the order they were delegated.
   */
  public Optional<byte[]> currentTarget(String path) {
    return targets.current(path);
  }

  /** The current content of every target path, as the search order resolves it. */
  public Map<String, byte[]> targetPaths() {
    return targets.paths();
  }

  @Override
  public void close() {
    hosting.close();
  }
}
