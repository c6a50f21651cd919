package dev.mallory.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** root.json: the keys and thresholds of the four top-level roles (spec 4.3). */
public record Root(
    long version,
    Instant expires,
    String specVersion,
    boolean consistentSnapshot,
    Map<String, Key> keys,
    Map<String, Role> roles,
    Map<String, JsonNode> unrecognized)
    implements Signed {

  public Root {
    Checks.version(version, "root");
    Checks.present(expires, "root expires");
    keys = Checks.copy(keys, "root keys");
    roles = Checks.copy(roles, "root roles");
    unrecognized = Checks.copy(unrecognized, "unrecognized fields");
    for (RoleType type : RoleType.values()) {
      if (!roles.containsKey(type.roleName())) {
        throw new InvalidMetadataException("root does not define the " + type.roleName() + " role");
      }
    }
  }

  @Override
  public RoleType type() {
    return RoleType.ROOT;
  }

  public Role role(RoleType type) {
    return roles.get(type.roleName());
  }

  public Optional<Key> key(String keyId) {
    return Optional.ofNullable(keys.get(keyId));
  }
}
