package dev.mallory.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/** timestamp.json: short-lived, signed online, pins the current snapshot (spec 4.6). */
public record Timestamp(
    long version,
    Instant expires,
    String specVersion,
    MetaFile snapshotMeta,
    Map<String, JsonNode> unrecognized)
    implements Signed {

  public Timestamp {
    Checks.version(version, "timestamp");
    Checks.present(expires, "timestamp expires");
    Checks.present(snapshotMeta, "timestamp snapshot meta");
    unrecognized = Checks.copy(unrecognized, "unrecognized fields");
  }

  @Override
  public RoleType type() {
    return RoleType.TIMESTAMP;
  }
}
