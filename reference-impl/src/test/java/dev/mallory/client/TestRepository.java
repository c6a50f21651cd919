package dev.mallory.client;

import dev.mallory.crypto.KeyAlgorithm;
import dev.mallory.crypto.KeyGenerator;
import dev.mallory.crypto.SigningKey;
import dev.mallory.dialect.Dialect;
import dev.mallory.model.DelegatedRole;
import dev.mallory.model.Delegations;
import dev.mallory.model.Key;
import dev.mallory.model.MetaFile;
import dev.mallory.model.Metadata;
import dev.mallory.model.Role;
import dev.mallory.model.Root;
import dev.mallory.model.Snapshot;
import dev.mallory.model.SuccinctRoles;
import dev.mallory.model.TargetFile;
import dev.mallory.model.Targets;
import dev.mallory.model.Timestamp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test-only repository in the spirit of python-tuf's RepositorySimulator: mutable state per
 * role, signed with {@link Dialect#sign} at {@link #publish()}, and served from {@link #files}
 * (server path -> bytes) by {@link TestHttpServer}. Tests edit the state (versions, expiry, keys)
 * or the served bytes directly. {@link #writeTo(Path)} dumps the served tree, so other clients
 * (tuf-js, sigstore-java) can be pointed at the same repository.
 *
 * <p>TUF layout: {@code /metadata/N.root.json}, {@code /metadata/[N.]ROLE.json},
 * {@code /targets/[<sha256>.]path}. Notary layout: {@code /v2/<gun>/_trust/tuf/...}.
 */
public final class TestRepository {
  public static final String GUN = "example.com/app";

  /** One targets role's state. */
  public static final class RoleState {
    public long version = 1;
    public Instant expires;
    public final Map<String, TargetFile> targets = new LinkedHashMap<>();
    public final Map<String, Key> delegationKeys = new LinkedHashMap<>();
    public final List<DelegatedRole> delegatedRoles = new ArrayList<>();
    public SuccinctRoles succinct;
    public List<SigningKey> signers = new ArrayList<>();

    RoleState(Instant expires) {
      this.expires = expires;
    }
  }

  public final Dialect dialect;
  public final Instant now;
  public final Map<String, byte[]> files = new ConcurrentHashMap<>();
  public final Map<String, List<SigningKey>> topLevelSigners = new LinkedHashMap<>();
  public final Map<String, Role> rootRoles = new LinkedHashMap<>();
  public final Map<String, Key> rootKeys = new LinkedHashMap<>();
  public final Map<String, RoleState> roles = new LinkedHashMap<>();
  public long rootVersion = 1;
  public Instant rootExpires;
  public boolean consistentSnapshot = true;
  public long timestampVersion = 1;
  public Instant timestampExpires;
  public long snapshotVersion = 1;
  public Instant snapshotExpires;
  /** TUF: also list length and hashes in timestamp/snapshot meta (Notary always does). */
  public boolean metaHashes = false;
  /** Extra keys that sign the next root (the old root keys during a rotation). */
  public final List<SigningKey> extraRootSigners = new ArrayList<>();
  public final Map<String, Metadata<?>> signed = new LinkedHashMap<>();
  private final KeyAlgorithm algorithm;

  public TestRepository(Dialect dialect, Instant now) {
    this(dialect, now, KeyAlgorithm.ED25519);
  }

  public TestRepository(Dialect dialect, Instant now, KeyAlgorithm algorithm) {
    this.dialect = dialect;
    this.now = now;
    this.algorithm = algorithm;
    Instant expires = now.plus(Duration.ofDays(7));
    rootExpires = expires;
    timestampExpires = expires;
    snapshotExpires = expires;
    for (String role : List.of("root", "timestamp", "snapshot", "targets")) {
      setTopLevelKeys(role, List.of(newKey(role.equals("root") ? KeyAlgorithm.ECDSA_P256 : algorithm)), 1);
    }
    roles.put("targets", new RoleState(expires));
    publishRoot();
    publish();
  }

  public SigningKey newKey() {
    return newKey(algorithm);
  }

  private SigningKey newKey(KeyAlgorithm alg) {
    if (dialect == Dialect.NOTARY && alg == KeyAlgorithm.ECDSA_P256) {
      alg = KeyAlgorithm.ECDSA_P256_X509;
    }
    return KeyGenerator.generate(alg, dialect.keyEncoding(), GUN);
  }

  /** Replaces a top-level role's keys in the next root (drop the old ones from rootKeys lazily). */
  public void setTopLevelKeys(String role, List<SigningKey> keys, int threshold) {
    topLevelSigners.put(role, new ArrayList<>(keys));
    List<String> ids = new ArrayList<>();
    for (SigningKey k : keys) {
      rootKeys.put(k.keyId(), k.publicKey());
      ids.add(k.keyId());
    }
    rootRoles.put(role, new Role(ids, threshold));
  }

  public String specVersion() {
    return dialect == Dialect.TUF_1_0 ? Dialect.SPEC_VERSION : null;
  }

  /** Signs root at {@link #rootVersion} with the root keys (and {@link #extraRootSigners}). */
  public Metadata<Root> publishRoot() {
    Root root = new Root(rootVersion, rootExpires, specVersion(), consistentSnapshot,
        usedKeys(), rootRoles, Map.of());
    List<SigningKey> keys = new ArrayList<>(topLevelSigners.get("root"));
    for (SigningKey k : extraRootSigners) {
      if (keys.stream().noneMatch(x -> x.keyId().equals(k.keyId()))) {
        keys.add(k);
      }
    }
    Metadata<Root> md = dialect.sign(root, keys);
    signed.put("root", md);
    files.put(metadataPath(rootVersion + ".root.json"), md.raw());
    files.put(metadataPath("root.json"), md.raw());
    return md;
  }

  private Map<String, Key> usedKeys() {
    Map<String, Key> used = new LinkedHashMap<>();
    for (Role r : rootRoles.values()) {
      for (String id : r.keyIds()) {
        if (rootKeys.containsKey(id)) {
          used.put(id, rootKeys.get(id));
        }
      }
    }
    return used;
  }

  public byte[] rootBytes(long version) {
    return files.get(metadataPath(version + ".root.json"));
  }

  public RoleState role(String name) {
    return roles.get(name);
  }

  /** Adds a target file to a role (not yet published). Returns the bytes' TargetFile. */
  public TargetFile addTarget(String role, String path, byte[] content) {
    TargetFile file = new TargetFile(content.length,
        Map.of("sha256", hex("SHA-256", content)), null);
    roles.get(role).targets.put(path, file);
    String prefixed = hashPrefixed(path, file.hashes().get("sha256"));
    files.put("/targets/" + Names.quotePath(prefixed), content);
    files.put("/targets/" + Names.quotePath(path), content);
    return file;
  }

  private static String hashPrefixed(String path, String hash) {
    int slash = path.lastIndexOf('/');
    return path.substring(0, slash + 1) + hash + "." + path.substring(slash + 1);
  }

  /** A delegation from {@code delegator} to a new role with one fresh key. */
  public RoleState addDelegation(String delegator, String name, List<String> paths, boolean terminating) {
    return addDelegation(delegator, name, paths, null, terminating, newKey());
  }

  /** The general form: explicit paths or hash prefixes, and the key the delegator trusts. */
  public RoleState addDelegation(String delegator, String name, List<String> paths, List<String> prefixes,
      boolean terminating, SigningKey key) {
    RoleState parent = roles.get(delegator);
    parent.delegationKeys.put(key.keyId(), key.publicKey());
    parent.delegatedRoles.add(new DelegatedRole(name, List.of(key.keyId()), 1, terminating, paths, prefixes));
    RoleState child = roles.computeIfAbsent(name, n -> new RoleState(now.plus(Duration.ofDays(7))));
    if (child.signers.stream().noneMatch(k -> k.keyId().equals(key.keyId()))) {
      child.signers.add(key);
    }
    return child;
  }

  /** TAP 15 succinct hash bins under {@code delegator}, all signed by one fresh key. */
  public void addSuccinctDelegation(String delegator, int bitLength, String prefix) {
    SigningKey key = newKey();
    RoleState parent = roles.get(delegator);
    parent.delegationKeys.put(key.keyId(), key.publicKey());
    parent.succinct = new SuccinctRoles(List.of(key.keyId()), 1, bitLength, prefix);
    for (String bin : parent.succinct.binNames()) {
      RoleState state = new RoleState(now.plus(Duration.ofDays(7)));
      state.signers.add(key);
      roles.put(bin, state);
    }
  }

  /** Signs every targets role, then snapshot, then timestamp, and serves them. */
  public void publish() {
    Map<String, MetaFile> snapshotMeta = new LinkedHashMap<>();
    for (Map.Entry<String, RoleState> e : roles.entrySet()) {
      byte[] raw = signTargets(e.getKey(), e.getValue()).raw();
      snapshotMeta.put(e.getKey(), meta(e.getValue().version, raw, metaHashes));
    }
    if (dialect == Dialect.NOTARY) {
      snapshotMeta.put("root", meta(rootVersion, signed.get("root").raw(), true));
    }
    Snapshot snapshot = new Snapshot(snapshotVersion, snapshotExpires, specVersion(), snapshotMeta, Map.of());
    Metadata<Snapshot> s = dialect.sign(snapshot, topLevelSigners.get("snapshot"));
    signed.put("snapshot", s);
    serveRole("snapshot", snapshotVersion, s.raw());
    Timestamp timestamp = new Timestamp(timestampVersion, timestampExpires, specVersion(),
        meta(snapshotVersion, s.raw(), metaHashes), Map.of());
    Metadata<Timestamp> t = dialect.sign(timestamp, topLevelSigners.get("timestamp"));
    signed.put("timestamp", t);
    files.put(metadataPath("timestamp.json"), t.raw());
  }

  public Metadata<Targets> signTargets(String name, RoleState state) {
    Optional<Delegations> delegations = state.delegatedRoles.isEmpty() && state.succinct == null
        ? Optional.empty()
        : Optional.of(new Delegations(state.delegationKeys, state.delegatedRoles, Optional.ofNullable(state.succinct)));
    Targets targets = new Targets(state.version, state.expires, specVersion(), state.targets, delegations, Map.of());
    List<SigningKey> keys = name.equals("targets") ? topLevelSigners.get("targets") : state.signers;
    Metadata<Targets> md = dialect.sign(targets, keys);
    signed.put(name, md);
    serveRole(name, state.version, md.raw());
    return md;
  }

  private MetaFile meta(long version, byte[] raw, boolean withHashes) {
    if (dialect == Dialect.NOTARY) {
      return new MetaFile(OptionalLong.empty(), OptionalLong.of(raw.length),
          Map.of("sha256", hex("SHA-256", raw), "sha512", hex("SHA-512", raw)));
    }
    return withHashes
        ? new MetaFile(OptionalLong.of(version), OptionalLong.of(raw.length), Map.of("sha256", hex("SHA-256", raw)))
        : MetaFile.ofVersion(version);
  }

  /** Serves a role the way its dialect names it: versioned + plain (TUF) or by hash (Notary). */
  public void serveRole(String role, long version, byte[] raw) {
    if (dialect == Dialect.NOTARY) {
      files.put(metadataPath(Names.quotePath(role) + "." + hex("SHA-256", raw) + ".json"), raw);
      files.put(metadataPath(version + "." + Names.quotePath(role) + ".json"), raw);
      files.put(metadataPath(Names.quotePath(role) + ".json"), raw);
    } else {
      files.put(metadataPath(version + "." + Names.quote(role) + ".json"), raw);
      files.put(metadataPath(Names.quote(role) + ".json"), raw);
    }
  }

  /** The server path of a metadata file name. */
  public String metadataPath(String name) {
    return (dialect == Dialect.NOTARY ? "/v2/" + GUN + "/_trust/tuf/" : "/metadata/") + name;
  }

  /** The TUF path a versioned role is fetched from. */
  public String versionedPath(String role, long version) {
    return metadataPath(version + "." + Names.quote(role) + ".json");
  }

  public byte[] bytes(String role) {
    return signed.get(role).raw();
  }

  /** Dumps the served tree under {@code dir} (paths as served, percent-encoding kept). */
  public void writeTo(Path dir) {
    try {
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        Path file = dir.resolve(e.getKey().substring(1));
        Files.createDirectories(file.getParent());
        Files.write(file, e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String hex(String algorithm, byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
