package dev.mallory.steps.world;

import dev.mallory.crypto.SigningKey;
import dev.mallory.dialect.Dialect;
import dev.mallory.engine.NotApplicableException;
import dev.mallory.repo.MetaListing;
import dev.mallory.repo.Repository;
import dev.mallory.sut.backend.HostedRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The honest repository of one scenario, hosted by the run's repository backend (Mallory's
 * reference server, or the real notary-server), with the world rules of features/README.md ("The
 * repository"). It holds the setup steps of keys and layout, the lifetimes, and the keys and
 * targets the attacker and the outcomes read; its collaborators hold the rest:
 *
 * <ul>
 *   <li>{@link Delegations}: the delegations and the role that lists each target (setup steps);
 *   <li>{@link RepositoryHistory}: version 1, published lazily, and the history steps after it;
 *   <li>{@link ServedHistory}: every version of every role, read back as the server serves it.
 * </ul>
 *
 * {@code published N days ago} signs version 1 with a clock N days in the past.
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
  private final ListedTargets targets = new ListedTargets();
  private final ServedHistory served;
  private final Delegations delegations;
  private final RepositoryHistory history;

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
    this.served = new ServedHistory(hosting);
    this.delegations = new Delegations(this, targets);
    this.history = new RepositoryHistory(this, attackerServedVersions);
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

  /** Every version of every role, as the server serves it. */
  public ServedHistory served() {
    return served;
  }

  /** The delegations and the role that lists each target: setup steps. */
  public Delegations delegations() {
    return delegations;
  }

  /** Version 1 and the history steps after it. */
  public RepositoryHistory history() {
    return history;
  }

  /** True when the server signs the role itself, with keys out of Mallory's (and the attacker's) reach. */
  public boolean signedByServer(String role) {
    return hosting.signedByServer().contains(role);
  }

  /** A step that needs Mallory to sign the role as it likes: NOT_APPLICABLE where the server signs it. */
  void requireMallorySigns(String role, String why) {
    if (signedByServer(role)) {
      throw new NotApplicableException(hosting.serverName() + " signs the " + role + " itself, with a key only it holds: " + why);
    }
  }

  // ---- setup (version 1) ----------------------------------------------------------------------

  /** Setup steps describe version 1 and may only come before every other step. */
  public void requireSetup(String what) {
    if (history.published()) {
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

  /** Config: files of the role signed from now on get this lifetime (version 1 too, before it). */
  public void setLifetime(String role, Duration lifetime) {
    requireMallorySigns(role, "the repository cannot make its files expire after " + lifetime.toSeconds() + " seconds");
    repo.setLifetime(role, lifetime);
  }

  // ---- keys and targets -------------------------------------------------------------------------

  /** The private keys of a role (the repository's own, for key counts and algorithms). */
  public List<SigningKey> keys(String role) {
    return repo.keys(role);
  }

  /** The private keys of a role as the attacker steals them: NOT_APPLICABLE for a role the server signs. */
  public List<SigningKey> stealKeys(String role) {
    requireMallorySigns(role, "the attacker cannot steal its key");
    return repo.keys(role);
  }

  /** Every target content ever published, by sha256: the copies a watching attacker kept. */
  public Optional<byte[]> targetByHash(String sha256) {
    return targets.byHash(sha256);
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
