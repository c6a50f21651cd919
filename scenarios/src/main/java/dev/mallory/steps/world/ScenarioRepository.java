package dev.mallory.steps.world;

import dev.mallory.crypto.SigningKey;
import dev.mallory.dialect.Dialect;
import dev.mallory.json.Json;
import dev.mallory.repo.Delegation;
import dev.mallory.repo.MetaListing;
import dev.mallory.repo.Repository;
import dev.mallory.repo.signing.LocalSigningService;
import dev.mallory.repo.store.MetadataStore;
import dev.mallory.repo.store.RoleFile;
import dev.mallory.server.MalloryServer;
import dev.mallory.server.ServerConfig;
import java.net.URI;
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
 * The honest repository of one scenario, served by a {@link MalloryServer} on a free loopback
 * port, with the world rules of features/README.md ("The repository"):
 *
 * <ul>
 *   <li>version 1 is published lazily: setup steps stage it, the first other step signs it;
 *   <li>each history step bumps the roles it changes and the roles pinning them;
 *   <li>a version number the attacker already served for a role is never reused (it skips on);
 *   <li>{@code published N days ago} signs version 1 with a clock N days in the past.
 * </ul>
 *
 * The server never re-signs stale timestamps ({@code refreshTimestamps} off): freshness scenarios
 * move the repository's clock and need its expired files served as they are.
 */
public final class ScenarioRepository implements AutoCloseable {
  /** The roles a client fetches on a refresh, parents last. */
  public static final List<String> TOP_LEVEL = List.of("root", "targets", "snapshot", "timestamp");

  private final Repository repo;
  private final MalloryServer server;
  private final Clock realClock;
  private final Function<String, Set<Long>> attackerServedVersions;
  private boolean published;
  private boolean hashBins;
  /** The repository as it was while each timestamp version was current: role to version, target path to content. */
  private final Map<Long, State> states = new HashMap<>();
  /** role to target path to content, as the repository lists it now. */
  private final Map<String, Map<String, byte[]>> targets = new LinkedHashMap<>();

  /**
   * @param signedAgo how far in the past version 1 is signed (zero: now)
   * @param attackerServedVersions versions of a role the attacker has served (the skip rule)
   */
  public ScenarioRepository(Duration signedAgo, Function<String, Set<Long>> attackerServedVersions) {
    this(Dialect.TUF_1_0, signedAgo, attackerServedVersions);
  }

  /**
   * @param dialect TUF 1.0 (served at {@code /metadata/}, {@code /targets/}) or Notary (served by
   *     the Notary API at {@code /v2/GUN/_trust/tuf/}, targets still at {@code /targets/})
   */
  public ScenarioRepository(Dialect dialect, Duration signedAgo, Function<String, Set<Long>> attackerServedVersions) {
    this.realClock = Clock.systemUTC();
    this.attackerServedVersions = attackerServedVersions;
    LocalSigningService signer = LocalSigningService.inMemory();
    MetadataStore store = MetadataStore.inMemory();
    // Scenario repositories sign what they are told (features/README.md): the unchecked path is on.
    this.repo = Repository.builder(dialect)
        .name(dialect == Dialect.NOTARY ? GUN : "default")
        .store(store)
        .signingService(signer)
        .clock(Clock.offset(realClock, signedAgo.negated()))
        .consistentSnapshot(dialect == Dialect.TUF_1_0)
        .metaListing(MetaListing.ALL_HASHED)
        .allowInvalidSetups()
        .createUnpublished();
    if (dialect == Dialect.NOTARY) {
      // The world's lifetimes (features/README.md), not notary's multi-year defaults.
      repo.setLifetime("root", Duration.ofDays(365));
      repo.setLifetime("targets", Duration.ofDays(90));
      repo.setLifetime("snapshot", Duration.ofDays(7));
      repo.setLifetime("timestamp", Duration.ofDays(1));
    }
    targets.put("targets", new LinkedHashMap<>());
    ServerConfig config = ServerConfig.defaults().withRefreshTimestamps(false);
    if (dialect == Dialect.NOTARY) {
      config = config.withDefaultRepository(GUN); // its targets at /targets/, as for TUF
    }
    this.server = MalloryServer.start(config, store, signer, realClock);
  }

  /** The Notary repository name (GUN) of a Notary-dialect scenario repository. */
  public static final String GUN = "mallory.test/app";

  public Repository repository() {
    return repo;
  }

  public Dialect dialect() {
    return repo.dialect();
  }

  /** Where the honest server listens: {@code http://127.0.0.1:P}. */
  public URI serverUrl() {
    return server.url();
  }

  public boolean published() {
    return published;
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
    repo.shareKeys(role, withRole);
  }

  /** {@code the repository lists the ROLE key under two key ids with threshold M}. */
  public void aliasKey(String role, int threshold) {
    requireSetup("the repository lists the ROLE key under two key ids");
    byte[] random = new byte[32];
    new java.security.SecureRandom().nextBytes(random);
    repo.aliasKeyUnchecked(role, java.util.HexFormat.of().formatHex(random), threshold);
  }

  public void delegate(String delegator, String role, List<String> patterns, boolean terminating) {
    delegate(delegator, role, patterns, terminating, false, Optional.empty());
  }

  /**
   * A delegation from {@code delegator}. A role that already exists (a second delegator, a cycle)
   * keeps its keys; {@code differentKey}: this delegation lists a fresh key the role's files are not
   * signed with; {@code threshold}: this delegation's threshold, whatever it is.
   */
  public void delegate(String delegator, String role, List<String> patterns, boolean terminating, boolean differentKey,
      Optional<Integer> threshold) {
    requireSetup("the repository has a delegation");
    Delegation d = Delegation.paths(patterns.toArray(String[]::new));
    d = terminating ? d.asTerminating() : d;
    if (targets.containsKey(role)) {
      repo.delegateExistingUnchecked(delegator, role, d, differentKey);
    } else if (differentKey) {
      repo.delegateUnderDifferentKeyUnchecked(delegator, role, d);
    } else {
      repo.delegate(delegator, role, d);
    }
    threshold.ifPresent(t -> repo.setDelegationThresholdUnchecked(delegator, role, t));
    targets.computeIfAbsent(role, r -> new LinkedHashMap<>());
  }

  /** TAP 15 succinct hash bins {@code bin-0}... under targets; one shared key, terminating. */
  public void hashBins(int bits) {
    requireSetup("the repository has succinct hash bins");
    for (String bin : repo.delegateHashBins("targets", bits, "bin", 1, 1)) {
      targets.put(bin, new LinkedHashMap<>());
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
    byte[] content = text.getBytes(StandardCharsets.UTF_8);
    targetHistory.put(MetadataIdentity.sha256(content), content);
    Map<String, String> hashes = new LinkedHashMap<>();
    if (hashAlgorithm.isPresent()) {
      byte[] madeUp = new byte[32];
      new java.security.SecureRandom().nextBytes(madeUp);
      hashes.put(hashAlgorithm.get(), java.util.HexFormat.of().formatHex(madeUp));
    } else if (dialect() == Dialect.NOTARY) {
      hashes.putAll(dev.mallory.repo.store.Hashes.sha256And512(content));
    } else {
      hashes.put("sha256", MetadataIdentity.sha256(content));
    }
    com.fasterxml.jackson.databind.node.ObjectNode custom = null;
    if (dependsOn.isPresent()) {
      custom = Json.object();
      custom.putArray("dependencies").add(dependsOn.get());
    }
    repo.addTargetUnchecked(r, path, content, hashes, custom);
    targets.computeIfAbsent(r, k -> new LinkedHashMap<>()).put(path, content);
  }

  /** The role that lists a target by default: targets, or its hash bin when bins exist. */
  private String roleFor(Optional<String> role, String path) {
    if (role.isPresent()) {
      return role.get();
    }
    return hashBins ? repo.roleFor("targets", path).orElse("targets") : "targets";
  }

  /** Every target content ever published, by sha256: the copies a watching attacker kept. */
  private final Map<String, byte[]> targetHistory = new java.util.concurrent.ConcurrentHashMap<>();

  public Optional<byte[]> targetByHash(String sha256) {
    return Optional.ofNullable(targetHistory.get(sha256)).map(byte[]::clone);
  }

  private String stageTarget(Optional<String> role, String path, String text) {
    String r = roleFor(role, path);
    byte[] content = text.getBytes(StandardCharsets.UTF_8);
    targetHistory.put(MetadataIdentity.sha256(content), content);
    repo.addTarget(r, path, content);
    targets.computeIfAbsent(r, k -> new LinkedHashMap<>()).put(path, content);
    return r;
  }

  /** Config: files of the role signed from now on get this lifetime (version 1 too, before it). */
  public void setLifetime(String role, Duration lifetime) {
    repo.setLifetime(role, lifetime);
  }

  /** Signs and publishes version 1 of every role, if the setup steps have not been followed yet. */
  public synchronized void ensurePublished() {
    if (published) {
      return;
    }
    repo.publish();
    published = true;
    recordState();
    repo.setClock(realClock); // only version 1 is signed in the past
  }

  // ---- history --------------------------------------------------------------------------------

  /** New targets, snapshot and timestamp, content unchanged. */
  public void publishNewVersion() {
    ensurePublished();
    repo.touch("targets");
    publish(Set.of("targets", "snapshot", "timestamp"));
  }

  /** New ROLE and the roles pinning it; root: a new root only (the repository signs a new timestamp too). */
  public void publishNewVersionOf(String role) {
    ensurePublished();
    repo.touch(role);
    publish(role.equals("root") ? Set.of("root", "timestamp")
        : role.equals("timestamp") ? Set.of("timestamp")
        : role.equals("snapshot") ? Set.of("snapshot", "timestamp")
        : Set.of(role, "snapshot", "timestamp"));
  }

  public void publishTarget(Optional<String> role, String path, String text) {
    ensurePublished();
    String r = stageTarget(role, path, text);
    publish(Set.of(r, "snapshot", "timestamp"));
  }

  /** Replaces every key of each role: top-level roles through a new root, delegated through their delegator. */
  public void rotate(List<String> roles) {
    ensurePublished();
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
    for (String candidate : targets.keySet()) {
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
    repo.publish();
    recordState();
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

  public Optional<RoleFile> current(String role) {
    return repo.current(role);
  }

  public Optional<RoleFile> version(String role, long version) {
    return repo.version(role, version);
  }

  public List<RoleFile> history(String role) {
    return repo.history(role);
  }

  /** Every role the repository has published, top-level and delegated. */
  public Set<String> roles() {
    return repo.store().roles(repo.name());
  }

  /** The private keys of a role, as the attacker steals them. */
  public List<SigningKey> keys(String role) {
    return repo.keys(role);
  }

  /** When a recorded version of a role expires. */
  public Instant expires(String role, long version) {
    byte[] bytes = repo.bytes(role, version);
    return Instant.parse(Json.parse(bytes).path("signed").path("expires").asText());
  }

  /**
   * The genuine current content of a target, as the client's search (5.6.7) finds it: the
   * top-level targets first, then delegated roles in the order they were delegated.
   */
  public Optional<byte[]> currentTarget(String path) {
    for (Map<String, byte[]> listed : targets.values()) {
      byte[] content = listed.get(path);
      if (content != null) {
        return Optional.of(content.clone());
      }
    }
    return Optional.empty();
  }

  /** The current content of every target path, as the search order resolves it. */
  public Map<String, byte[]> targetPaths() {
    Map<String, byte[]> all = new HashMap<>();
    List<Map<String, byte[]>> roles = new java.util.ArrayList<>(targets.values());
    java.util.Collections.reverse(roles); // earlier roles win, as in currentTarget
    roles.forEach(all::putAll);
    return all;
  }

  @Override
  public void close() {
    server.close();
  }
}
