package dev.mallory.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** targets.json and every delegated targets role (spec 4.5). */
public record Targets(
    long version,
    Instant expires,
    String specVersion,
    Map<String, TargetFile> targets,
    Optional<Delegations> delegations,
    Map<String, JsonNode> unrecognized)
    implements Signed {

  public Targets {
    Checks.version(version, "targets");
    Checks.present(expires, "targets expires");
    targets = Checks.copy(targets, "targets");
    Checks.present(delegations, "delegations");
    unrecognized = Checks.copy(unrecognized, "unrecognized fields");
  }

  @Override
  public RoleType type() {
    return RoleType.TARGETS;
  }
}
