package dev.mallory.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.json.CanonicalJson;
import dev.mallory.json.Json;
import dev.mallory.json.JsonLimits;
import dev.mallory.model.DelegatedRole;
import dev.mallory.model.Delegations;
import dev.mallory.model.InvalidMetadataException;
import dev.mallory.model.Key;
import dev.mallory.model.MetaFile;
import dev.mallory.model.Metadata;
import dev.mallory.model.Role;
import dev.mallory.model.RoleType;
import dev.mallory.model.Root;
import dev.mallory.model.Signature;
import dev.mallory.model.Signed;
import dev.mallory.model.Snapshot;
import dev.mallory.model.SuccinctRoles;
import dev.mallory.model.TargetFile;
import dev.mallory.model.Targets;
import dev.mallory.model.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Bytes to model, for one dialect. Everything hostile ends as a MetadataFormatException. */
final class MetadataReader {
  private static final Set<String> COMMON = Set.of("_type", "spec_version", "version", "expires");

  private final Dialect dialect;
  private final boolean tuf;

  MetadataReader(Dialect dialect) {
    this.dialect = dialect;
    this.tuf = dialect == Dialect.TUF_1_0;
  }

  Metadata<? extends Signed> read(byte[] raw, JsonLimits limits) {
    Fields envelope = Fields.of(Json.parse(raw, limits), "metadata");
    Fields signed = envelope.object("signed");
    List<Signature> signatures = signatures(envelope.array("signatures"));
    RoleType type = dialect.typeOf(signed.string("_type"));
    Signed model =
        switch (type) {
          case ROOT -> root(signed);
          case TIMESTAMP -> timestamp(signed);
          case SNAPSHOT -> snapshot(signed);
          case TARGETS -> targets(signed);
        };
    return new Metadata<>(model, signatures, CanonicalJson.encode(signed.node()), raw);
  }

  private List<Signature> signatures(List<JsonNode> entries) {
    List<Signature> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode entry : entries) {
      Fields f = Fields.of(entry, "signature");
      String keyId = f.string("keyid");
      // Spec 4.2: "The keyid MUST be unique in the 'signatures' array" (CVE-2020-6174).
      if (!seen.add(keyId)) {
        throw new InvalidMetadataException("signature key id " + keyId + " is listed twice");
      }
      String method = tuf ? null : f.optionalString("method");
      out.add(new Signature(keyId, method, dialect.decodeBytes(f.string("sig"), "signature")));
    }
    return out;
  }

  private String specVersion(Fields f) {
    return tuf ? f.string("spec_version") : f.optionalString("spec_version");
  }

  private Instant expires(Fields f) {
    return dialect.parseExpires(f.string("expires"));
  }

  private Root root(Fields f) {
    Map<String, Key> keys = keys(f.members("keys"), "root");
    Map<String, Role> roles = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : f.members("roles").entrySet()) {
      Fields role = Fields.of(e.getValue(), "root.roles." + e.getKey());
      roles.put(e.getKey(), new Role(role.strings("keyids"), role.threshold("threshold")));
    }
    return new Root(
        f.integer("version"),
        expires(f),
        specVersion(f),
        f.bool("consistent_snapshot", false),
        keys,
        roles,
        f.unrecognized(union(COMMON, "consistent_snapshot", "keys", "roles")));
  }

  private Map<String, Key> keys(Map<String, JsonNode> members, String where) {
    Map<String, Key> keys = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : members.entrySet()) {
      keys.put(e.getKey(), key(Fields.of(e.getValue(), where + ".keys." + e.getKey())));
    }
    return keys;
  }

  private Key key(Fields f) {
    String scheme = tuf ? f.string("scheme") : null;
    return new Key(
        f.string("keytype"),
        scheme,
        f.object("keyval").string("public"),
        f.unrecognized(Set.of("keytype", "scheme", "keyval")));
  }

  private Timestamp timestamp(Fields f) {
    Map<String, JsonNode> meta = f.members("meta");
    String snapshotKey = dialect.metaKey("snapshot");
    if (!meta.containsKey(snapshotKey)) {
      throw new InvalidMetadataException("timestamp meta does not list " + snapshotKey);
    }
    return new Timestamp(
        f.integer("version"),
        expires(f),
        specVersion(f),
        metaFile(Fields.of(meta.get(snapshotKey), "timestamp.meta")),
        f.unrecognized(union(COMMON, "meta")));
  }

  private Snapshot snapshot(Fields f) {
    Map<String, MetaFile> meta = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : f.members("meta").entrySet()) {
      meta.put(
          dialect.roleNameOfMetaKey(e.getKey()),
          metaFile(Fields.of(e.getValue(), "snapshot.meta." + e.getKey())));
    }
    return new Snapshot(
        f.integer("version"), expires(f), specVersion(f), meta, f.unrecognized(union(COMMON, "meta")));
  }

  private MetaFile metaFile(Fields f) {
    OptionalLong version = tuf || f.has("version") ? OptionalLong.of(f.integer("version")) : OptionalLong.empty();
    OptionalLong length = f.has("length") ? OptionalLong.of(f.integer("length")) : OptionalLong.empty();
    Map<String, String> hashes = f.has("hashes") ? hashes(f) : Map.of();
    return new MetaFile(version, length, hashes);
  }

  /** Hashes are normalised to lower-case hex whatever the dialect writes. */
  private Map<String, String> hashes(Fields f) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : f.members("hashes").entrySet()) {
      if (!e.getValue().isTextual()) {
        throw new InvalidMetadataException("hash " + e.getKey() + " must be a string");
      }
      out.put(e.getKey(), HexFormat.of().formatHex(dialect.decodeBytes(e.getValue().textValue(), "hash")));
    }
    return out;
  }

  private Targets targets(Fields f) {
    Map<String, TargetFile> targets = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : f.members("targets").entrySet()) {
      Fields t = Fields.of(e.getValue(), "targets." + e.getKey());
      targets.put(e.getKey(), new TargetFile(t.integer("length"), hashes(t), t.node().get("custom")));
    }
    Optional<Delegations> delegations =
        f.has("delegations") ? Optional.of(delegations(f.object("delegations"))) : Optional.empty();
    return new Targets(
        f.integer("version"),
        expires(f),
        specVersion(f),
        targets,
        delegations,
        f.unrecognized(union(COMMON, "targets", "delegations")));
  }

  private Delegations delegations(Fields f) {
    Map<String, Key> keys = keys(f.members("keys"), "delegations");
    List<DelegatedRole> roles = new ArrayList<>();
    if (f.has("roles")) {
      for (JsonNode entry : f.array("roles")) {
        roles.add(delegatedRole(Fields.of(entry, "delegations.roles[]")));
      }
    }
    Optional<SuccinctRoles> succinct = Optional.empty();
    if (tuf && f.has("succinct_roles")) {
      Fields s = f.object("succinct_roles");
      succinct =
          Optional.of(
              new SuccinctRoles(
                  s.strings("keyids"), s.threshold("threshold"), s.threshold("bit_length"), s.string("name_prefix")));
    } else if (!f.has("roles")) {
      throw new InvalidMetadataException("delegations list neither roles nor succinct_roles");
    }
    return new Delegations(keys, roles, succinct);
  }

  private DelegatedRole delegatedRole(Fields f) {
    String name = f.string("name");
    boolean terminating = tuf ? requiredBool(f, "terminating") : f.bool("terminating", false);
    List<String> paths = f.has("paths") ? f.strings("paths") : null;
    List<String> prefixes = tuf && f.has("path_hash_prefixes") ? f.strings("path_hash_prefixes") : null;
    if (!tuf && paths == null) {
      paths = List.of();
    }
    return new DelegatedRole(name, f.strings("keyids"), f.threshold("threshold"), terminating, paths, prefixes);
  }

  private static boolean requiredBool(Fields f, String name) {
    f.required(name);
    return f.bool(name, false);
  }

  private static Set<String> union(Set<String> base, String... more) {
    Set<String> out = new HashSet<>(base);
    out.addAll(List.of(more));
    return out;
  }
}
