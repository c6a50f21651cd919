package dev.mallory.dialect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.crypto.KeyAlgorithm;
import dev.mallory.crypto.KeyGenerator;
import dev.mallory.crypto.SigningKey;
import dev.mallory.crypto.ThresholdCheck;
import dev.mallory.json.Json;
import dev.mallory.model.DelegatedRole;
import dev.mallory.model.Delegations;
import dev.mallory.model.Key;
import dev.mallory.model.MetaFile;
import dev.mallory.model.Metadata;
import dev.mallory.model.Role;
import dev.mallory.model.RoleType;
import dev.mallory.model.Root;
import dev.mallory.model.Signed;
import dev.mallory.model.Snapshot;
import dev.mallory.model.SuccinctRoles;
import dev.mallory.model.TargetFile;
import dev.mallory.model.Targets;
import dev.mallory.model.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Valid, signed metadata of every top-level role in one dialect, generated at run time (no signed
 * fixture is committed). Every role is signed by three keys of three different types and trusts
 * them with threshold 2, so a test can drop or break one signature and still reason about the rest.
 *
 * <p>The documents carry the optional parts too (unknown fields, {@code custom}, delegations with
 * paths and with hash prefixes, non-ASCII and non-BMP target paths) so mutations reach every
 * branch of the reader.
 */
public final class MetadataFixtures {
  public static final Instant EXPIRES =
      Instant.now().plus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
  private static final Map<Dialect, MetadataFixtures> CACHE = new EnumMap<>(Dialect.class);

  /** One signed document and what a client trusts to verify it. */
  public record Doc(
      Dialect dialect,
      String name,
      Signed signed,
      byte[] raw,
      byte[] payload,
      Map<String, Key> trustedKeys,
      List<String> roleKeyIds,
      int threshold) {

    public ThresholdCheck.Result count(Metadata<?> parsed) {
      return ThresholdCheck.count(
          parsed.signedBytes(), parsed.signatures(), trustedKeys, roleKeyIds, threshold, dialect.keyEncoding());
    }

    @Override
    public String toString() {
      return dialect + " " + name;
    }
  }

  private final Dialect dialect;
  private final List<SigningKey> keys;
  private final Root root;
  private final List<Doc> docs = new ArrayList<>();

  private MetadataFixtures(Dialect dialect) {
    this.dialect = dialect;
    var encoding = dialect.keyEncoding();
    this.keys =
        dialect == Dialect.TUF_1_0
            ? List.of(
                KeyGenerator.generate(KeyAlgorithm.ED25519, encoding),
                KeyGenerator.generate(KeyAlgorithm.ECDSA_P256, encoding),
                KeyGenerator.generate(KeyAlgorithm.RSA_PSS, encoding))
            : List.of(
                KeyGenerator.generate(KeyAlgorithm.ED25519, encoding),
                KeyGenerator.generate(KeyAlgorithm.ECDSA_P256, encoding),
                KeyGenerator.generate(KeyAlgorithm.ECDSA_P256_X509, encoding, "example.com/app"));
    Map<String, Key> trusted = new LinkedHashMap<>();
    keys.forEach(k -> trusted.put(k.keyId(), k.publicKey()));
    Role role = new Role(keyIds(), 2);
    Map<String, Role> roles = new LinkedHashMap<>();
    for (RoleType type : RoleType.values()) {
      roles.put(type.roleName(), role);
    }
    this.root = new Root(1, EXPIRES, spec(), true, trusted, roles, extra());
    add("root", root);
    add("timestamp", timestamp());
    add("snapshot", snapshot());
    add("targets", targets(explicitDelegations()));
    if (dialect == Dialect.TUF_1_0) {
      add("targets with succinct hash bins", targets(succinctDelegations()));
      add("targets without delegations", targets(Optional.empty()));
    }
  }

  public static synchronized MetadataFixtures of(Dialect dialect) {
    return CACHE.computeIfAbsent(dialect, MetadataFixtures::new);
  }

  /** Every document of both dialects. */
  public static List<Doc> all() {
    List<Doc> out = new ArrayList<>();
    for (Dialect d : Dialect.values()) {
      out.addAll(of(d).docs());
    }
    return out;
  }

  public List<Doc> docs() {
    return List.copyOf(docs);
  }

  public List<SigningKey> keys() {
    return keys;
  }

  public Root root() {
    return root;
  }

  public List<String> keyIds() {
    return keys.stream().map(SigningKey::keyId).toList();
  }

  private void add(String name, Signed signed) {
    Metadata<Signed> md = dialect.sign(signed, keys);
    docs.add(new Doc(dialect, name, signed, md.raw(), md.signedBytes(), root.keys(), keyIds(), 2));
  }

  private String spec() {
    return dialect == Dialect.TUF_1_0 ? Dialect.SPEC_VERSION : null;
  }

  private static Map<String, com.fasterxml.jackson.databind.JsonNode> extra() {
    ObjectNode value = Json.object();
    value.put("note", "unknown fields are signed \u00e9\uD83D\uDE00");
    value.putArray("list").add(1).add(true).addNull();
    return Map.of("x-mallory", value);
  }

  private OptionalLong metaVersion(long v) {
    return dialect == Dialect.TUF_1_0 ? OptionalLong.of(v) : OptionalLong.empty();
  }

  private static Map<String, String> hashes(String seed) {
    return Map.of("sha256", seed.repeat(32), "sha512", seed.repeat(64));
  }

  private Timestamp timestamp() {
    return new Timestamp(
        5, EXPIRES, spec(), new MetaFile(metaVersion(4), OptionalLong.of(1234), hashes("ab")), extra());
  }

  private Snapshot snapshot() {
    Map<String, MetaFile> meta = new LinkedHashMap<>();
    meta.put("targets", new MetaFile(metaVersion(3), OptionalLong.of(999), hashes("cd")));
    if (dialect == Dialect.TUF_1_0) {
      meta.put("role1", MetaFile.ofVersion(2));
      meta.put("bins/\u00e9\uD83D\uDE00", MetaFile.ofVersion(7));
    } else {
      meta.put("root", new MetaFile(OptionalLong.empty(), OptionalLong.of(100), hashes("ef")));
      meta.put("targets/releases", new MetaFile(OptionalLong.empty(), OptionalLong.of(50), hashes("01")));
    }
    return new Snapshot(4, EXPIRES, spec(), meta, extra());
  }

  private Targets targets(Optional<Delegations> delegations) {
    Map<String, TargetFile> files = new LinkedHashMap<>();
    ObjectNode custom = Json.object();
    custom.put("role", "app");
    custom.putObject("nested").put("n", 3);
    files.put("app/v1.0.tgz", new TargetFile(1024, hashes("12"), custom));
    files.put("\u00fcber/\uD83D\uDE00.bin", new TargetFile(0, hashes("34"), null));
    files.put("quote\"back\\slash", new TargetFile(7, Map.of("sha256", "56".repeat(32)), null));
    return new Targets(3, EXPIRES, spec(), files, delegations, dialect == Dialect.TUF_1_0 ? extra() : Map.of());
  }

  private Optional<Delegations> explicitDelegations() {
    List<DelegatedRole> roles = new ArrayList<>();
    if (dialect == Dialect.TUF_1_0) {
      roles.add(new DelegatedRole("role1", keyIds(), 2, false, List.of("app/*", "lib/?.so"), null));
      roles.add(new DelegatedRole("role2", keyIds().subList(0, 1), 1, true, null, List.of("ab", "0")));
    } else {
      roles.add(new DelegatedRole("targets/releases", keyIds(), 2, false, List.of("app/", ""), null));
    }
    return Optional.of(new Delegations(root.keys(), roles, Optional.empty()));
  }

  private Optional<Delegations> succinctDelegations() {
    return Optional.of(
        new Delegations(root.keys(), List.of(), Optional.of(new SuccinctRoles(keyIds(), 2, 8, "bin"))));
  }
}
