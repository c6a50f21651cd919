package dev.mallory.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.crypto.KeyIds;
import dev.mallory.json.Json;
import dev.mallory.model.DelegatedRole;
import dev.mallory.model.Delegations;
import dev.mallory.model.Key;
import dev.mallory.model.MetaFile;
import dev.mallory.model.Role;
import dev.mallory.model.Root;
import dev.mallory.model.Signed;
import dev.mallory.model.Snapshot;
import dev.mallory.model.SuccinctRoles;
import dev.mallory.model.TargetFile;
import dev.mallory.model.Targets;
import dev.mallory.model.Timestamp;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Model to JSON, for one dialect; the inverse of {@link MetadataReader}. */
final class MetadataWriter {
  private final Dialect dialect;
  private final boolean tuf;

  MetadataWriter(Dialect dialect) {
    this.dialect = dialect;
    this.tuf = dialect == Dialect.TUF_1_0;
  }

  ObjectNode signed(Signed signed) {
    ObjectNode json = Json.object();
    json.put("_type", dialect.typeName(signed.type()));
    if (tuf) {
      json.put("spec_version", signed.specVersion() == null ? Dialect.SPEC_VERSION : signed.specVersion());
    }
    json.put("version", signed.version());
    json.put("expires", dialect.formatExpires(signed.expires()));
    if (signed instanceof Root r) {
      root(r, json);
    } else if (signed instanceof Timestamp t) {
      json.putObject("meta").set(dialect.metaKey("snapshot"), metaFile(t.snapshotMeta()));
    } else if (signed instanceof Snapshot s) {
      ObjectNode meta = json.putObject("meta");
      s.meta().forEach((role, file) -> meta.set(dialect.metaKey(role), metaFile(file)));
    } else if (signed instanceof Targets t) {
      targets(t, json);
    }
    extras(json, signed.unrecognized());
    return json;
  }

  private void root(Root root, ObjectNode json) {
    json.put("consistent_snapshot", root.consistentSnapshot());
    json.set("keys", keys(root.keys()));
    ObjectNode roles = json.putObject("roles");
    for (Map.Entry<String, Role> e : root.roles().entrySet()) {
      ObjectNode role = roles.putObject(e.getKey());
      role.set("keyids", strings(e.getValue().keyIds()));
      role.put("threshold", e.getValue().threshold());
    }
  }

  private ObjectNode keys(Map<String, Key> keys) {
    ObjectNode out = Json.object();
    keys.forEach((id, key) -> out.set(id, KeyIds.keyJson(key, dialect.keyEncoding())));
    return out;
  }

  private ObjectNode metaFile(MetaFile file) {
    ObjectNode json = Json.object();
    file.version().ifPresent(v -> json.put("version", v));
    file.length().ifPresent(l -> json.put("length", l));
    if (!file.hashes().isEmpty()) {
      json.set("hashes", hashes(file.hashes()));
    }
    return json;
  }

  private ObjectNode hashes(Map<String, String> hashes) {
    ObjectNode json = Json.object();
    hashes.forEach((alg, hex) -> json.put(alg, dialect.encodeBytes(HexFormat.of().parseHex(hex))));
    return json;
  }

  private void targets(Targets targets, ObjectNode json) {
    ObjectNode files = json.putObject("targets");
    for (Map.Entry<String, TargetFile> e : targets.targets().entrySet()) {
      ObjectNode file = files.putObject(e.getKey());
      file.put("length", e.getValue().length());
      file.set("hashes", hashes(e.getValue().hashes()));
      if (e.getValue().custom() != null) {
        file.set("custom", e.getValue().custom());
      }
    }
    if (targets.delegations().isPresent()) {
      json.set("delegations", delegations(targets.delegations().get()));
    } else if (!tuf) {
      // Notary always writes an (empty) delegations object.
      ObjectNode empty = json.putObject("delegations");
      empty.putObject("keys");
      empty.putArray("roles");
    }
  }

  private ObjectNode delegations(Delegations delegations) {
    ObjectNode json = Json.object();
    json.set("keys", keys(delegations.keys()));
    if (delegations.succinctRoles().isPresent()) {
      SuccinctRoles s = delegations.succinctRoles().get();
      ObjectNode succinct = json.putObject("succinct_roles");
      succinct.set("keyids", strings(s.keyIds()));
      succinct.put("threshold", s.threshold());
      succinct.put("bit_length", s.bitLength());
      succinct.put("name_prefix", s.namePrefix());
      return json;
    }
    ArrayNode roles = json.putArray("roles");
    for (DelegatedRole role : delegations.roles()) {
      ObjectNode r = roles.addObject();
      r.put("name", role.name());
      r.set("keyids", strings(role.keyIds()));
      r.put("threshold", role.threshold());
      if (tuf) {
        r.put("terminating", role.terminating());
      }
      if (role.paths() != null) {
        r.set("paths", strings(role.paths()));
      } else {
        r.set("path_hash_prefixes", strings(role.pathHashPrefixes()));
      }
    }
    return json;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = Json.nodes().arrayNode();
    values.forEach(array::add);
    return array;
  }

  private static void extras(ObjectNode json, Map<String, JsonNode> unrecognized) {
    unrecognized.forEach(json::set);
  }
}
