package dev.mallory.steps.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.attack.Attack;
import dev.mallory.attack.AttackContext;
import dev.mallory.attack.Effect;
import dev.mallory.attack.Exchange;
import dev.mallory.classify.Classified;
import dev.mallory.classify.Naming;
import dev.mallory.crypto.SigningKey;
import dev.mallory.json.Json;
import dev.mallory.proxy.AttackerProxy;
import dev.mallory.repo.store.RoleFile;
import dev.mallory.steps.params.Response;
import dev.mallory.steps.world.AttackLog;
import dev.mallory.steps.world.ScenarioRepository;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
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
 */
public final class ScenarioAttacker implements Attack, AutoCloseable {
  /** Fresh expiries of re-signed pinning files: the repository's default lifetimes. */
  private static final Map<String, Duration> LIFETIMES =
      Map.of("timestamp", Duration.ofDays(1), "snapshot", Duration.ofDays(7), "root", Duration.ofDays(365));

  private final ScenarioRepository repository;
  private final AttackLog log;
  private final AttackerProxy proxy;
  private final List<Behaviour> behaviours = new ArrayList<>();
  private final Map<String, List<SigningKey>> stolen = new LinkedHashMap<>();
  private Plan plan;
  private String planKey;

  public ScenarioAttacker(ScenarioRepository repository, AttackLog log) {
    this.repository = repository;
    this.log = log;
    this.proxy = AttackerProxy.reverse(repository.serverUrl()).port(0).threads(2).start();
    proxy.apply(this);
  }

  /** The URL the client is pointed at. */
  public URI url() {
    return proxy.url();
  }

  public AttackerProxy proxy() {
    return proxy;
  }

  public synchronized void add(Behaviour behaviour) {
    behaviours.add(behaviour);
    plan = null;
  }

  /** The attack stops: every behaviour removed; the stolen keys stay stolen. */
  public synchronized void stop() {
    behaviours.clear();
    plan = null;
  }

  public synchronized void steal(String role, List<SigningKey> keys) {
    stolen.computeIfAbsent(role, r -> new ArrayList<>());
    for (SigningKey k : keys) {
      if (stolen.get(role).stream().noneMatch(s -> s.keyId().equals(k.keyId()))) {
        stolen.get(role).add(k);
      }
    }
    plan = null;
  }

  private List<SigningKey> keysOf(String role) {
    return stolen.getOrDefault(role, List.of());
  }

  @Override
  public String type() {
    return "mallory-scenario";
  }

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
    Optional<Effect> transport = transport(c, active, e.upstream().body());
    if (transport.isPresent()) {
      return transport;
    }
    if (c.isTarget()) {
      byte[] bytes = p.targets().get(c.targetPath());
      if (bytes == null && c.hash() != null && !e.upstream().ok()) {
        // The reference server serves one content per target name; a release it no longer serves
        // by hash (an older release, or one of two roles listing the same name) is still a
        // genuine file of the repository, so it is served as the repository would, not as an attack.
        return repository.targetByHash(c.hash()).map(genuine -> new Effect.ReplaceBody(200, genuine, "application/octet-stream"));
      }
      if (bytes == null) {
        return Optional.empty();
      }
      log.servedTarget(c.targetPath(), bytes);
      return Optional.of(new Effect.ReplaceBody(200, bytes, "application/octet-stream"));
    }
    if ("root".equals(c.role())) {
      return root(c, p);
    }
    byte[] bytes = p.metadata().get(c.role());
    if (bytes == null) {
      return Optional.empty();
    }
    log.servedMetadata(c.role(), bytes);
    return Optional.of(new Effect.ReplaceBody(200, bytes, "application/json"));
  }

  /** Root: a replay answers the next versions the client asks for; a stale mirror withholds later roots. */
  private Optional<Effect> root(Classified c, Plan p) {
    if (p.replayedRoot() != null && (c.naming() == Naming.BY_NAME
        || c.naming() == Naming.BY_VERSION && c.version() != null && c.version() > p.rootFromVersion())) {
      log.servedMetadata("root", p.replayedRoot());
      return Optional.of(new Effect.ReplaceBody(200, p.replayedRoot(), "application/json"));
    }
    if (p.withheldRootAbove() > 0 && c.naming() == Naming.BY_VERSION && c.version() != null
        && c.version() > p.withheldRootAbove()) {
      return Optional.of(new Effect.Status(404, "not published yet at the recorded moment"));
    }
    if (p.withheldRootAbove() > 0 && c.naming() == Naming.BY_NAME) {
      byte[] bytes = repository.version("root", p.withheldRootAbove()).orElseThrow().bytes();
      return Optional.of(new Effect.ReplaceBody(200, bytes, "application/json"));
    }
    return Optional.empty();
  }

  /** The last step of the composition: status codes, resets and empty or malformed bodies. */
  private static Optional<Effect> transport(Classified c, List<Behaviour> active, byte[] genuine) {
    for (Behaviour b : active) {
      if (b instanceof Behaviour.Respond r && matches(c, r.role(), r.target())) {
        Response response = r.response();
        if (response instanceof Response.Status s) {
          return Optional.of(new Effect.Status(s.code(), ""));
        }
        if (response instanceof Response.ConnectionReset) {
          // The proxy resets before any byte; the README's "half the body, then reset" is not available.
          return Optional.of(new Effect.ResetConnection());
        }
        if (response instanceof Response.EmptyBody) {
          return Optional.of(new Effect.ReplaceBody(200, new byte[0], "application/json"));
        }
        return Optional.of(new Effect.ReplaceBody(200, "{\"signed\": {".getBytes(StandardCharsets.UTF_8), "application/json"));
      }
    }
    return Optional.empty();
  }

  private static boolean matches(Classified c, String role, String target) {
    return target != null ? c.isTarget() && target.equals(c.targetPath()) : c.isMetadata() && role.equals(c.role());
  }

  // ---- the plan: content, then re-signing ---------------------------------------------------

  private Plan plan() {
    String key = repository.current("timestamp").map(RoleFile::sha256).orElse("") + "|" + repository.current("root").map(RoleFile::sha256).orElse("");
    if (plan != null && key.equals(planKey)) {
      return plan;
    }
    Map<String, byte[]> metadata = new HashMap<>();
    Map<String, Boolean> resign = new HashMap<>();
    Map<String, byte[]> targets = new HashMap<>();
    byte[] replayedRoot = null;
    long rootFrom = 0;
    long withheldAbove = 0;
    for (Behaviour b : behaviours) {
      if (b instanceof Behaviour.Replay r) {
        byte[] bytes = genuine(r.role(), r.version());
        if (r.role().equals("root")) {
          replayedRoot = bytes;
          rootFrom = r.version();
        } else {
          metadata.put(r.role(), bytes);
          resign.put(r.role(), r.resign());
        }
      } else if (b instanceof Behaviour.RecordedState s) {
        ScenarioRepository.State state = repository.stateAt(s.timestampVersion()).orElseThrow(() ->
            new IllegalStateException("the repository never published timestamp version " + s.timestampVersion()));
        state.versions().forEach((role, version) -> {
          if (!role.equals("root")) {
            metadata.put(role, genuine(role, version));
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
      }
    }
    resignPinningRoles(metadata, resign);
    plan = new Plan(Map.copyOf(metadata), Map.copyOf(targets), replayedRoot, rootFrom, withheldAbove, Set.of());
    planKey = key;
    return plan;
  }

  private byte[] genuine(String role, long version) {
    return repository.version(role, version).orElseThrow(() ->
        new IllegalStateException("the repository never published " + role + " version " + version)).bytes();
  }

  /**
   * The re-signing rule: for every role served other than current, if the attacker holds keys of
   * the role pinning it (snapshot pins targets roles, timestamp pins the snapshot), it serves a
   * forged pinning file: current content, version one above, fresh expiry, the child's meta entry
   * rewritten to the file served; then again one level up.
   */
  private void resignPinningRoles(Map<String, byte[]> metadata, Map<String, Boolean> resign) {
    Map<String, byte[]> snapshotChildren = new LinkedHashMap<>();
    metadata.forEach((role, bytes) -> {
      if (!role.equals("snapshot") && !role.equals("timestamp") && resign.getOrDefault(role, false)) {
        snapshotChildren.put(role, bytes);
      }
    });
    if (!snapshotChildren.isEmpty() && !keysOf("snapshot").isEmpty()) {
      metadata.put("snapshot", forgePinning("snapshot", metadata.get("snapshot"), snapshotChildren));
      resign.put("snapshot", true);
    }
    if (metadata.containsKey("snapshot") && resign.getOrDefault("snapshot", false) && !keysOf("timestamp").isEmpty()) {
      metadata.put("timestamp", forgePinning("timestamp", metadata.get("timestamp"), Map.of("snapshot", metadata.get("snapshot"))));
    }
  }

  private byte[] forgePinning(String role, byte[] base, Map<String, byte[]> children) {
    RoleFile current = repository.current(role).orElseThrow();
    byte[] start = base != null ? base : current.bytes();
    ObjectNode signed = (ObjectNode) Json.parse(start).path("signed").deepCopy();
    ObjectNode meta = signed.with("meta");
    children.forEach((child, bytes) -> {
      meta.set(repository.dialect().metaKey(child), repository.metaEntry(bytes));
    });
    signed.put("version", current.version() + 1);
    signed.put("expires", repository.dialect().formatExpires(Instant.now().plus(LIFETIMES.getOrDefault(role, Duration.ofDays(90)))));
    return repository.dialect().signJson(signed, keysOf(role));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    proxy.close();
  }
}
