package dev.mallory.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * snapshot.json: the version (and optionally hash) of every targets role at one moment (spec
 * 4.4), the record that makes mix-and-match detectable.
 *
 * @param meta keyed by role name ({@code targets}, {@code role1}, {@code targets/releases}); the
 *     dialect adds or strips the {@code .json} suffix. Notary also lists {@code root}.
 */
public record Snapshot(
    long version,
    Instant expires,
    String specVersion,
    Map<String, MetaFile> meta,
    Map<String, JsonNode> unrecognized)
    implements Signed {

  public Snapshot {
    Checks.version(version, "snapshot");
    Checks.present(expires, "snapshot expires");
    meta = Checks.copy(meta, "snapshot meta");
    unrecognized = Checks.copy(unrecognized, "unrecognized fields");
  }

  @Override
  public RoleType type() {
    return RoleType.SNAPSHOT;
  }

  public Optional<MetaFile> metaFor(String roleName) {
    return Optional.ofNullable(meta.get(roleName));
  }
}
