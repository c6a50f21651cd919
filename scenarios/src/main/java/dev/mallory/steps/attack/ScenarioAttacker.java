package dev.mallory.steps.attack;

import dev.mallory.attack.Attack;
import dev.mallory.attack.AttackContext;
import dev.mallory.attack.Effect;
import dev.mallory.attack.Exchange;
import dev.mallory.classify.Classified;
import dev.mallory.classify.Naming;
import dev.mallory.crypto.SigningKey;
import dev.mallory.dialect.Dialect;
import dev.mallory.proxy.AttackerProxy;
import dev.mallory.proxy.ProxyBuilder;
import dev.mallory.repo.store.RoleFile;
import dev.mallory.steps.world.AttackLog;
import dev.mallory.steps.world.MetadataIdentity;
import dev.mallory.steps.world.RepositoryHistory;
import dev.mallory.steps.world.ScenarioRepository;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The attacker of one scenario (features/README.md, "The attacker"): a reverse {@link AttackerProxy}
 * between the client and the repository, the keys it has stolen, and the behaviours of the attack
 * steps so far. It is applied to the proxy as one {@link Attack}, so that several behaviours
 * compose in the README's fixed order instead of the first one winning.
 *
 * <p>The attacker kept a copy of every file the repository ever published (it watched the
 * traffic), so replays take their bytes from the repository's history.
 *
 * <p>Composition (features/README.md, "Composition order"): for each role the content is chosen
 * (replay, recorded state, forgery, tampering, substitution), the signature list is edited and the
 * body padded; the pinning roles are re-signed over the bytes actually served for their children,
 * bottom-up (targets roles, then snapshot, then timestamp), and then get their own signature edits
 * and padding; the body is then encoded (gzip) and the transport behaviour applied.
 *
 * <p>Keys are in {@link AttackerKeys}, what the attacker makes in {@link Forgeries}, what the
 * connection does in {@link Transport}.
 */
public final class ScenarioAttacker implements Attack, AutoCloseable {
  private final ScenarioRepository repository;
  private final AttackLog log;
  private final AttackerProxy proxy;
  private final List<Behaviour> behaviours = new ArrayList<>();
  private final AttackerKeys keys;
  private final Forgeries forgeries;
  private Plan plan;
  private String planKey;
  /** The version the forged root is served as (0: not chosen yet); reset when the attack stops. */
  private long forgedRootVersion;
  private final Map<Long, byte[]> forgedRoots = new HashMap<>();
  private final Map<String, byte[]> bombs = new HashMap<>();

  public ScenarioAttacker(ScenarioRepository repository, AttackLog log) {
    this.repository = repository;
    this.log = log;
    this.keys = new AttackerKeys(repository);
    this.forgeries = new Forgeries(repository, keys);
    var hosting = repository.hosting();
    ProxyBuilder builder = AttackerProxy.reverse(hosting.url()).port(0).threads(2);
    if (!hosting.contentUrl().equals(hosting.url())) {
      builder.reverseRoute("/targets/", hosting.contentUrl()); // target files come from a content server beside it
    }
    this.proxy = builder.start();
    proxy.apply(this);
  }

  /** The URL the client is pointed at. */
  public URI url() {
    return proxy.url();
  }

  public AttackerProxy proxy() {
    return proxy;
  }

  /**
   * Adds a behaviour and works out what it serves at once, so that an attack the repository
   * cannot support (a role it never published) fails its step instead of the client's request.
   */
  public synchronized void add(Behaviour behaviour) {
    behaviours.add(behaviour);
    plan = null;
    try {
      plan();
    } catch (RuntimeException e) {
      behaviours.remove(behaviours.size() - 1);
      plan = null;
      throw e;
    }
  }

  /** The attack stops: every behaviour removed; the stolen keys stay stolen. */
  public synchronized void stop() {
    behaviours.clear();
    plan = null;
    forgedRootVersion = 0;
    keys.forgedRootServed(false);
    forgedRoots.clear();
  }

  public synchronized void steal(String role, List<SigningKey> stolen) {
    keys.steal(role, stolen);
    plan = null;
  }

  @Override
  public String type() {
    return "mallory-scenario";
  }

  // ---- serving ------------------------------------------------------------------------------

  @Override
  public Optional<Effect> decide(Exchange e, AttackContext context) {
    Classified c = e.request();
    if (!"GET".equals(c.method()) || !(c.isMetadata() || c.isTarget())) {
      return Optional.empty();
    }
    Plan p;
    List<Behaviour> active;
    synchronized (this) {
      active = List.copyOf(behaviours);
      p = plan();
    }
    byte[] body = null;
    boolean attackerServed = false;
    Effect contentStatus = null;
    if (c.isTarget()) {
      body = p.targets().get(c.targetPath());
      attackerServed = body != null;
      if (body == null && c.hash() != null && !e.upstream().ok()) {
        // The reference server serves one content per target name; a release it no longer serves
        // by hash (an older release, or one of two roles listing the same name) is still a
        // genuine file of the repository, so it is served as the repository would, not as an attack.
        body = repository.targetByHash(c.hash()).orElse(null);
      }
    } else if ("root".equals(c.role())) {
      RootAnswer answer = root(c, p, active);
      contentStatus = answer.status();
      body = answer.body();
      attackerServed = body != null;
      if (contentStatus == null && Forgeries.hasEdits("root", active)) {
        byte[] start = body != null ? body : e.upstream().ok() ? e.upstream().body() : null;
        if (start != null) {
          body = forgeries.edit("root", start, active);
          attackerServed = true;
        }
      }
    } else {
      body = p.metadata().get(c.role());
      attackerServed = body != null;
    }
    byte[] base = body != null ? body : e.upstream().ok() ? e.upstream().body() : null;
    Optional<Effect> transport = Transport.transport(c, active, base);
    if (transport.isPresent()) {
      Effect t = transport.get();
      if (attackerServed && (t instanceof Effect.Drip || t instanceof Effect.PartialThenReset)) {
        served(c, body);
      }
      return transport;
    }
    if (contentStatus != null) {
      return Optional.of(contentStatus);
    }
    String type = c.isTarget() ? "application/octet-stream" : "application/json";
    if (base != null && active.stream().anyMatch(b -> b instanceof Behaviour.GzipBomb g && Transport.matches(c, g.role(), g.target()))) {
      if (c.isMetadata() || attackerServed) {
        served(c, base);
      }
      return Optional.of(new Effect.EncodedBody(200, bomb(base), type, "gzip"));
    }
    if (body == null) {
      return Optional.empty();
    }
    if (attackerServed) {
      served(c, body);
    }
    return Optional.of(new Effect.ReplaceBody(200, body, type));
  }

  private void served(Classified c, byte[] bytes) {
    if (c.isTarget()) {
      log.servedTarget(c.targetPath(), bytes);
    } else {
      log.servedMetadata(c.role(), bytes);
    }
  }

  private synchronized byte[] bomb(byte[] base) {
    return bombs.computeIfAbsent(MetadataIdentity.sha256(base), k -> Bench.gzipBomb(base));
  }

  /** What root requests get: a status (a withheld root), bytes, or neither (genuine). */
  private record RootAnswer(Effect status, byte[] body) {}

  /**
   * Root: a forged root answers the next version the client asks for (or the version named) and
   * every later version is 404; a replay answers the next versions the client asks for; a stale
   * mirror withholds later roots.
   */
  private RootAnswer root(Classified c, Plan p, List<Behaviour> active) {
    Behaviour.Forge forged = null;
    for (Behaviour b : active) {
      if (b instanceof Behaviour.Forge f && f.role().equals("root")) {
        forged = f;
      }
    }
    if (forged != null) {
      synchronized (this) {
        long version;
        if (c.naming() == Naming.BY_VERSION && c.version() != null) {
          if (forgedRootVersion == 0) {
            forgedRootVersion = forged.version() != null ? forged.version() : c.version();
          }
          if (c.version() > forgedRootVersion) {
            return new RootAnswer(new Effect.Status(404, "no such root: the attacker hides every root after its own"), null);
          }
          if (c.version() < forgedRootVersion) {
            return new RootAnswer(null, null);
          }
          version = forgedRootVersion;
        } else if (c.naming() == Naming.BY_NAME) {
          if (forgedRootVersion == 0) {
            forgedRootVersion = forged.version() != null ? forged.version()
                : repository.served().current("root").orElseThrow().version() + 1;
          }
          version = forgedRootVersion;
        } else {
          return new RootAnswer(null, null);
        }
        byte[] bytes = forgedRoots.computeIfAbsent(version, forgeries::forgeRoot);
        if (!keys.forgedRootServed()) {
          keys.forgedRootServed(true);
          plan = null; // the own keys now count as held: re-sign snapshot and timestamp with them
        }
        return new RootAnswer(null, bytes);
      }
    }
    if (p.replayedRoot() != null && (c.naming() == Naming.BY_NAME
        || c.naming() == Naming.BY_VERSION && c.version() != null && c.version() > p.rootFromVersion())) {
      return new RootAnswer(null, p.replayedRoot());
    }
    if (p.withheldRootAbove() > 0 && c.naming() == Naming.BY_VERSION && c.version() != null
        && c.version() > p.withheldRootAbove()) {
      return new RootAnswer(new Effect.Status(404, "not published yet at the recorded moment"), null);
    }
    if (p.withheldRootAbove() > 0 && c.naming() == Naming.BY_NAME) {
      // A genuine recorded file, not a forgery: served, but not counted as attacker-served.
      byte[] bytes = repository.served().version("root", p.withheldRootAbove()).orElseThrow().bytes();
      return new RootAnswer(new Effect.ReplaceBody(200, bytes, "application/json"), null);
    }
    return new RootAnswer(null, null);
  }

  // ---- the plan: content, signature edits and padding, re-signing ------------------------------

  private Plan plan() {
    String key = repository.served().current("timestamp").map(RoleFile::sha256).orElse("") + "|"
        + repository.served().current("root").map(RoleFile::sha256).orElse("") + "|" + keys.forgedRootServed();
    if (plan != null && key.equals(planKey)) {
      return plan;
    }
    Map<String, byte[]> content = new LinkedHashMap<>();
    Map<String, Boolean> resign = new HashMap<>();
    Map<String, Long> forcedVersion = new HashMap<>();
    Map<String, byte[]> targets = new HashMap<>();
    byte[] replayedRoot = null;
    long rootFrom = 0;
    long withheldAbove = 0;
    for (Behaviour b : behaviours) {
      if (b instanceof Behaviour.Replay r) {
        byte[] bytes = forgeries.genuine(r.role(), r.version());
        if (r.role().equals("root")) {
          replayedRoot = bytes;
          rootFrom = r.version();
        } else {
          content.put(r.role(), bytes);
          resign.put(r.role(), r.resign());
        }
      } else if (b instanceof Behaviour.RecordedState s) {
        RepositoryHistory.State state = repository.history().stateAt(s.timestampVersion()).orElseThrow(() ->
            new IllegalStateException("the repository never published timestamp version " + s.timestampVersion()));
        state.versions().forEach((role, version) -> {
          if (!role.equals("root")) {
            content.put(role, forgeries.genuine(role, version));
            resign.put(role, false);
          }
        });
        withheldAbove = state.versions().get("root");
        Map<String, byte[]> now = repository.targetPaths();
        state.targets().forEach((path, bytes) -> {
          if (!java.util.Arrays.equals(bytes, now.get(path))) {
            targets.put(path, bytes);
          }
        });
      } else if (b instanceof Behaviour.ReplaceTarget t) {
        targets.put(t.path(), t.content());
      } else if (b instanceof Behaviour.Forge f) {
        if (f.role().equals("root")) {
          continue; // forged per request: its version is the one the client asks for
        }
        content.put(f.role(), forgeries.forge(f));
        resign.put(f.role(), true);
        if (f.version() != null) {
          forcedVersion.put(f.role(), f.version());
        }
        if (f.forgery() instanceof Behaviour.Forgery.ListTarget l) {
          targets.put(l.path(), l.content());
        }
      } else if (b instanceof Behaviour.Tamper t) {
        content.put(t.role(), forgeries.tamper(content.containsKey(t.role()) ? content.get(t.role()) : forgeries.current(t.role())));
        resign.put(t.role(), true);
      } else if (b instanceof Behaviour.ServeAs a) {
        content.put(a.asRole(), forgeries.current(a.served()));
        resign.put(a.asRole(), true);
      } else if (b instanceof Behaviour.TargetInPlace t) {
        targets.put(t.asTarget(), repository.currentTarget(t.served()).orElseThrow(() ->
            new IllegalStateException("the repository lists no target \"" + t.served() + "\"")));
      }
    }
    // Signature edits and padding serve a file other than the current one, too.
    for (Behaviour b : behaviours) {
      String role = Forgeries.editedRole(b);
      if (role != null && !role.equals("root") && !content.containsKey(role)) {
        content.put(role, forgeries.current(role));
        resign.put(role, true);
      }
    }
    Map<String, byte[]> served = new HashMap<>();
    Map<String, byte[]> children = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> c : content.entrySet()) {
      String role = c.getKey();
      if (!role.equals("snapshot") && !role.equals("timestamp")) {
        served.put(role, forgeries.edit(role, c.getValue(), behaviours));
        if (resign.getOrDefault(role, false)) {
          children.put(role, served.get(role));
        }
      }
    }
    Behaviour.Forge rootForgery = null;
    for (Behaviour b : behaviours) {
      if (b instanceof Behaviour.Forge f && f.role().equals("root")) {
        rootForgery = f;
      }
    }
    if (rootForgery != null && repository.dialect() == Dialect.NOTARY) {
      // Notary's snapshot lists root.json, fetched by name: the forged root it pins is known now.
      long version = forgedRootVersion != 0 ? forgedRootVersion
          : rootForgery.version() != null ? rootForgery.version() : repository.served().current("root").orElseThrow().version() + 1;
      children.put("root", forgeries.edit("root", forgedRoots.computeIfAbsent(version, forgeries::forgeRoot), behaviours));
    }
    if (!children.isEmpty() && keys.holds("snapshot")) {
      content.put("snapshot", forgeries.forgePinning("snapshot", content.get("snapshot"), forcedVersion.get("snapshot"), children));
      resign.put("snapshot", true);
    }
    if (content.containsKey("snapshot")) {
      served.put("snapshot", forgeries.edit("snapshot", content.get("snapshot"), behaviours));
      if (resign.getOrDefault("snapshot", false) && keys.holds("timestamp")) {
        content.put("timestamp", forgeries.forgePinning("timestamp", content.get("timestamp"), forcedVersion.get("timestamp"),
            Map.of("snapshot", served.get("snapshot"))));
      }
    }
    if (content.containsKey("timestamp")) {
      served.put("timestamp", forgeries.edit("timestamp", content.get("timestamp"), behaviours));
    }
    plan = new Plan(Map.copyOf(served), Map.copyOf(targets), replayedRoot, rootFrom, withheldAbove, Set.of());
    planKey = key;
    return plan;
  }

  @Override
  public void close() {
    proxy.close();
  }
}
