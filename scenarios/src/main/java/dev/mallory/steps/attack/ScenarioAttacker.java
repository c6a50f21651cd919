package dev.mallory.steps.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.attack.Attack;
import dev.mallory.attack.AttackContext;
import dev.mallory.attack.Effect;
import dev.mallory.attack.Exchange;
import dev.mallory.classify.Classified;
import dev.mallory.classify.Naming;
import dev.mallory.crypto.KeyAlgorithm;
import dev.mallory.crypto.SigningKey;
import dev.mallory.dialect.Dialect;
import dev.mallory.json.Json;
import dev.mallory.proxy.AttackerProxy;
import dev.mallory.repo.store.RoleFile;
import dev.mallory.steps.params.Response;
import dev.mallory.steps.world.AttackLog;
import dev.mallory.steps.world.MetadataIdentity;
import dev.mallory.steps.world.ScenarioRepository;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
 * <p>Keys: a forged file of role R is signed with every stolen key of R, or, holding none, with
 * the attacker's own key(s) for R. Once the client was served a forged root (which gives every role
 * to the attacker's own keys), the own keys count as held for every role, so the re-signing rule
 * re-signs snapshot and timestamp with them.
 */
public final class ScenarioAttacker implements Attack, AutoCloseable {
  /** Fresh expiries of re-signed pinning files: the repository's default lifetimes. */
  private static final Map<String, Duration> LIFETIMES =
      Map.of("timestamp", Duration.ofDays(1), "snapshot", Duration.ofDays(7), "root", Duration.ofDays(365));
  /** An endless body stops here if the client never hangs up (features/README.md: 256 MiB). */
  static final long ENDLESS_CAP = 256L * 1024 * 1024;

  private final ScenarioRepository repository;
  private final AttackLog log;
  private final AttackerProxy proxy;
  private final List<Behaviour> behaviours = new ArrayList<>();
  private final Map<String, List<SigningKey>> stolen = new LinkedHashMap<>();
  /** The attacker's own keys, per role: generated on first use, trusted by nothing genuine. */
  private final Map<String, List<SigningKey>> own = new HashMap<>();
  private Plan plan;
  private String planKey;
  /** The version the forged root is served as (0: not chosen yet); reset when the attack stops. */
  private long forgedRootVersion;
  /** Whether a forged root reached the client: from then on the attacker's own keys count as held. */
  private boolean forgedRootServed;
  private final Map<Long, byte[]> forgedRoots = new HashMap<>();
  private final Map<String, byte[]> bombs = new HashMap<>();

  public ScenarioAttacker(ScenarioRepository repository, AttackLog log) {
    this.repository = repository;
    this.log = log;
    var hosting = repository.hosting();
    AttackerProxy.Builder builder = AttackerProxy.reverse(hosting.url()).port(0).threads(2);
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
    forgedRootServed = false;
    forgedRoots.clear();
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

  private List<SigningKey> stolenKeysOf(String role) {
    return stolen.getOrDefault(role, List.of());
  }

  /** Whether the attacker holds keys of a role the client trusts for it (the re-signing rule). */
  private boolean holdsKeys(String role) {
    return !stolenKeysOf(role).isEmpty() || forgedRootServed;
  }

  /** The keys a forged file of the role is signed with (the signing rule). */
  private List<SigningKey> signingKeys(String role) {
    List<SigningKey> keys = new ArrayList<>(stolenKeysOf(role));
    if (keys.isEmpty() || forgedRootServed) {
      keys.addAll(ownKeys(role));
    }
    return keys;
  }

  /** The attacker's own keys for a role: as many as the genuine role has. */
  private List<SigningKey> ownKeys(String role) {
    int count = 1;
    JsonNode listed = repository.current("root").map(f -> Json.parse(f.bytes()).path("signed").path("roles").path(role).path("keyids"))
        .orElse(null);
    if (listed != null && listed.isArray() && listed.size() > 0) {
      count = listed.size();
    } else {
      count = Math.max(1, repository.keys(role).size());
    }
    List<SigningKey> keys = own.computeIfAbsent(role, r -> new ArrayList<>());
    List<SigningKey> genuine = repository.keys(role);
    KeyAlgorithm algorithm = genuine.isEmpty() ? KeyAlgorithm.ED25519 : genuine.get(0).algorithm();
    while (keys.size() < count) {
      keys.add(Bench.freshKey(repository.dialect(), algorithm, repository.repository().name()));
    }
    return List.copyOf(keys.subList(0, count));
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
      if (contentStatus == null && hasEdits("root", active)) {
        byte[] start = body != null ? body : e.upstream().ok() ? e.upstream().body() : null;
        if (start != null) {
          body = edit("root", start, active);
          attackerServed = true;
        }
      }
    } else {
      body = p.metadata().get(c.role());
      attackerServed = body != null;
    }
    byte[] base = body != null ? body : e.upstream().ok() ? e.upstream().body() : null;
    Optional<Effect> transport = transport(c, active, base);
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
    if (base != null && active.stream().anyMatch(b -> b instanceof Behaviour.GzipBomb g && matches(c, g.role(), g.target()))) {
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
                : repository.current("root").orElseThrow().version() + 1;
          }
          version = forgedRootVersion;
        } else {
          return new RootAnswer(null, null);
        }
        byte[] bytes = forgedRoots.computeIfAbsent(version, this::forgeRoot);
        if (!forgedRootServed) {
          forgedRootServed = true;
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
      byte[] bytes = repository.version("root", p.withheldRootAbove()).orElseThrow().bytes();
      return new RootAnswer(new Effect.ReplaceBody(200, bytes, "application/json"), null);
    }
    return new RootAnswer(null, null);
  }

  /**
   * A forged root (features/README.md, "Forged content"): the current root with every role given
   * to the attacker's own keys (same counts and thresholds), at the given version, signed with the
   * stolen root keys and the attacker's new root keys.
   */
  private byte[] forgeRoot(long version) {
    ObjectNode signed = Bench.signedOf(repository.current("root").orElseThrow().bytes());
    ObjectNode keys = signed.with("keys");
    keys.removeAll();
    JsonNode roles = signed.path("roles");
    roles.fields().forEachRemaining(entry -> {
      ArrayNode ids = ((ObjectNode) entry.getValue()).putArray("keyids");
      for (SigningKey k : ownKeys(entry.getKey())) {
        ids.add(k.keyId());
        keys.set(k.keyId(), Bench.keyJson(repository.dialect(), k));
      }
    });
    signed.put("version", version);
    List<SigningKey> signers = new ArrayList<>(stolenKeysOf("root"));
    signers.addAll(ownKeys("root"));
    return repository.dialect().signJson(signed, signers);
  }

  /** The last step of the composition: status codes, resets, endless bodies, drips, stalls. */
  private static Optional<Effect> transport(Classified c, List<Behaviour> active, byte[] body) {
    for (Behaviour b : active) {
      if (b instanceof Behaviour.Respond r && matches(c, r.role(), r.target())) {
        Response response = r.response();
        if (response instanceof Response.Status s) {
          return Optional.of(new Effect.Status(s.code(), ""));
        }
        if (response instanceof Response.ConnectionReset) {
          // Headers and half the genuine body, then a TCP reset.
          return Optional.of(body == null ? new Effect.ResetConnection() : new Effect.PartialThenReset(body, body.length / 2));
        }
        if (response instanceof Response.EmptyBody) {
          return Optional.of(new Effect.ReplaceBody(200, new byte[0], "application/json"));
        }
        return Optional.of(new Effect.ReplaceBody(200, "{\"signed\": {".getBytes(StandardCharsets.UTF_8), "application/json"));
      }
    }
    for (Behaviour b : active) {
      if (b instanceof Behaviour.Endless x && matches(c, x.role(), x.target())) {
        return Optional.of(x.declaredLength() == null
            ? new Effect.EndlessBody(Effect.Framing.CHUNKED, 0, ENDLESS_CAP)
            : new Effect.EndlessBody(Effect.Framing.LYING_LENGTH, x.declaredLength(), ENDLESS_CAP));
      }
    }
    for (Behaviour b : active) {
      if (b instanceof Behaviour.Drip d && matches(c, d.role(), d.target())) {
        return Optional.of(body == null || body.length == 0 ? new Effect.Stall() : new Effect.Drip(body, 1, d.interval()));
      }
    }
    for (Behaviour b : active) {
      if (b instanceof Behaviour.Stall s && matches(c, s.role(), s.target())) {
        return Optional.of(new Effect.Stall());
      }
    }
    return Optional.empty();
  }

  private static boolean matches(Classified c, String role, String target) {
    return target != null ? c.isTarget() && target.equals(c.targetPath()) : c.isMetadata() && role.equals(c.role());
  }

  // ---- the plan: content, signature edits and padding, re-signing ------------------------------

  private Plan plan() {
    String key = repository.current("timestamp").map(RoleFile::sha256).orElse("") + "|"
        + repository.current("root").map(RoleFile::sha256).orElse("") + "|" + forgedRootServed;
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
        byte[] bytes = genuine(r.role(), r.version());
        if (r.role().equals("root")) {
          replayedRoot = bytes;
          rootFrom = r.version();
        } else {
          content.put(r.role(), bytes);
          resign.put(r.role(), r.resign());
        }
      } else if (b instanceof Behaviour.RecordedState s) {
        ScenarioRepository.State state = repository.stateAt(s.timestampVersion()).orElseThrow(() ->
            new IllegalStateException("the repository never published timestamp version " + s.timestampVersion()));
        state.versions().forEach((role, version) -> {
          if (!role.equals("root")) {
            content.put(role, genuine(role, version));
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
        content.put(f.role(), forge(f));
        resign.put(f.role(), true);
        if (f.version() != null) {
          forcedVersion.put(f.role(), f.version());
        }
        if (f.forgery() instanceof Behaviour.Forgery.ListTarget l) {
          targets.put(l.path(), l.content());
        }
      } else if (b instanceof Behaviour.Tamper t) {
        content.put(t.role(), tamper(content.containsKey(t.role()) ? content.get(t.role()) : current(t.role())));
        resign.put(t.role(), true);
      } else if (b instanceof Behaviour.ServeAs a) {
        content.put(a.asRole(), current(a.served()));
        resign.put(a.asRole(), true);
      } else if (b instanceof Behaviour.TargetInPlace t) {
        targets.put(t.asTarget(), repository.currentTarget(t.served()).orElseThrow(() ->
            new IllegalStateException("the repository lists no target \"" + t.served() + "\"")));
      }
    }
    // Signature edits and padding serve a file other than the current one, too.
    for (Behaviour b : behaviours) {
      String role = editedRole(b);
      if (role != null && !role.equals("root") && !content.containsKey(role)) {
        content.put(role, current(role));
        resign.put(role, true);
      }
    }
    Map<String, byte[]> served = new HashMap<>();
    Map<String, byte[]> children = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> c : content.entrySet()) {
      String role = c.getKey();
      if (!role.equals("snapshot") && !role.equals("timestamp")) {
        served.put(role, edit(role, c.getValue(), behaviours));
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
          : rootForgery.version() != null ? rootForgery.version() : repository.current("root").orElseThrow().version() + 1;
      children.put("root", edit("root", forgedRoots.computeIfAbsent(version, this::forgeRoot), behaviours));
    }
    if (!children.isEmpty() && holdsKeys("snapshot")) {
      content.put("snapshot", forgePinning("snapshot", content.get("snapshot"), forcedVersion.get("snapshot"), children));
      resign.put("snapshot", true);
    }
    if (content.containsKey("snapshot")) {
      served.put("snapshot", edit("snapshot", content.get("snapshot"), behaviours));
      if (resign.getOrDefault("snapshot", false) && holdsKeys("timestamp")) {
        content.put("timestamp", forgePinning("timestamp", content.get("timestamp"), forcedVersion.get("timestamp"),
            Map.of("snapshot", served.get("snapshot"))));
      }
    }
    if (content.containsKey("timestamp")) {
      served.put("timestamp", edit("timestamp", content.get("timestamp"), behaviours));
    }
    plan = new Plan(Map.copyOf(served), Map.copyOf(targets), replayedRoot, rootFrom, withheldAbove, Set.of());
    planKey = key;
    return plan;
  }

  private static String editedRole(Behaviour b) {
    if (b instanceof Behaviour.DuplicateSignatures d) {
      return d.role();
    }
    if (b instanceof Behaviour.InvalidSignature i) {
      return i.role();
    }
    if (b instanceof Behaviour.Pad p) {
      return p.role();
    }
    return null;
  }

  private static boolean hasEdits(String role, List<Behaviour> active) {
    return active.stream().anyMatch(b -> role.equals(editedRole(b)));
  }

  /** The signature-list edits of the role, in step order, then its padding. */
  private byte[] edit(String role, byte[] bytes, List<Behaviour> active) {
    byte[] out = bytes;
    for (Behaviour b : active) {
      if (b instanceof Behaviour.DuplicateSignatures d && d.role().equals(role)) {
        out = Bench.duplicateSignatures(repository.dialect(), out);
      } else if (b instanceof Behaviour.InvalidSignature i && i.role().equals(role)) {
        out = Bench.addInvalidSignature(repository.dialect(), out);
      }
    }
    for (Behaviour b : active) {
      if (b instanceof Behaviour.Pad p && p.role().equals(role)) {
        out = Bench.pad(out, p.bytes());
      }
    }
    return out;
  }

  private byte[] current(String role) {
    return repository.current(role).orElseThrow(() -> new IllegalStateException("the repository has no role " + role)).bytes();
  }

  private byte[] genuine(String role, long version) {
    return repository.version(role, version).orElseThrow(() ->
        new IllegalStateException("the repository never published " + role + " version " + version)).bytes();
  }

  /**
   * A forged file (features/README.md, "Forged content"): the current signed content, the version
   * one above the current (or the one named), the same expiry, plus the change the step names;
   * signed by the signing rule.
   */
  private byte[] forge(Behaviour.Forge f) {
    RoleFile current = repository.current(f.role()).orElseThrow(() ->
        new IllegalStateException("the repository has no role " + f.role() + " to forge"));
    ObjectNode signed = Bench.signedOf(current.bytes());
    signed.put("version", f.version() != null ? f.version() : current.version() + 1);
    Behaviour.Forgery forgery = f.forgery();
    if (forgery instanceof Behaviour.Forgery.ListTarget l) {
      signed.with("targets").set(l.path(), Bench.targetEntry(repository.dialect(), l.content()));
    } else if (forgery instanceof Behaviour.Forgery.Depend d) {
      ObjectNode targets = signed.with("targets");
      if (!targets.path(d.path()).isObject()) {
        targets.set(d.path(), genuineEntry(d.path()));
      }
      ObjectNode entry = (ObjectNode) targets.get(d.path());
      ArrayNode deps = entry.with("custom").withArray("dependencies");
      boolean present = false;
      for (JsonNode dep : deps) {
        present |= dep.asText().equals(d.dependency());
      }
      if (!present) {
        deps.add(d.dependency());
      }
    } else if (forgery instanceof Behaviour.Forgery.WithoutRole w) {
      JsonNode meta = signed.path("meta");
      if (!meta.isObject() || !meta.has(repository.dialect().metaKey(w.role()))) {
        throw new IllegalStateException("the " + f.role() + " lists no role " + w.role() + " to drop");
      }
      ((ObjectNode) meta).remove(repository.dialect().metaKey(w.role()));
    }
    return repository.dialect().signJson(signed, signingKeys(f.role()));
  }

  /** The genuine entry (length and hashes only) of a target, from whichever role lists it now. */
  private ObjectNode genuineEntry(String path) {
    for (String role : repository.roles()) {
      if (role.equals("root") || role.equals("snapshot") || role.equals("timestamp")) {
        continue;
      }
      JsonNode entry = Json.parse(current(role)).path("signed").path("targets").path(path);
      if (entry.isObject()) {
        ObjectNode copy = Json.object();
        copy.set("length", entry.path("length"));
        copy.set("hashes", entry.path("hashes").deepCopy());
        return copy;
      }
    }
    throw new IllegalStateException("the repository lists no target \"" + path + "\"");
  }

  /** The file with {@code expires} a year later and its genuine signature list left as it is. */
  private byte[] tamper(byte[] bytes) {
    ObjectNode signed = Bench.signedOf(bytes);
    Bench.moveExpires(repository.dialect(), signed, 365);
    return Bench.envelope(repository.dialect(), signed, Bench.signaturesOf(bytes));
  }

  /**
   * The re-signing rule: a forged pinning file with the current content (or the content already
   * chosen for it), version one above the current (or the one its own forgery named), a fresh
   * expiry, and the meta entry of each child rewritten to the bytes served for it.
   */
  private byte[] forgePinning(String role, byte[] base, Long version, Map<String, byte[]> children) {
    RoleFile current = repository.current(role).orElseThrow();
    ObjectNode signed = Bench.signedOf(base != null ? base : current.bytes());
    ObjectNode meta = signed.with("meta");
    children.forEach((child, bytes) ->
        Bench.pin(repository.dialect(), meta, repository.dialect().metaKey(child), bytes, MetadataIdentity.version(bytes)));
    signed.put("version", version != null ? version : current.version() + 1);
    signed.put("expires", repository.dialect().formatExpires(Instant.now().plus(LIFETIMES.getOrDefault(role, Duration.ofDays(90)))));
    return repository.dialect().signJson(signed, signingKeys(role));
  }

  @Override
  public void close() {
    proxy.close();
  }
}
