package dev.mallory.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A targets role's {@code delegations}: the keys it trusts and, in priority order, the roles it
 * delegates to — either an explicit list or TAP 15 succinct hash bins, never both.
 */
public record Delegations(
    Map<String, Key> keys, List<DelegatedRole> roles, Optional<SuccinctRoles> succinctRoles) {

  public Delegations {
    keys = Checks.copy(keys, "delegation keys");
    roles = List.copyOf(Checks.present(roles, "delegated roles"));
    Checks.present(succinctRoles, "succinct roles");
    if (!roles.isEmpty() && succinctRoles.isPresent()) {
      throw new InvalidMetadataException("delegations list both roles and succinct_roles");
    }
    Set<String> names = new HashSet<>();
    for (DelegatedRole role : roles) {
      // Role names are unique within one delegations object (spec 4.5); a duplicate would make
      // the search order, and so the answer, depend on the implementation.
      if (!names.add(role.name())) {
        throw new InvalidMetadataException("delegated role " + role.name() + " is listed twice");
      }
    }
  }

  /**
   * 5.6.7.2: the delegated roles that may list this target, in priority order. For succinct hash
   * bins that is exactly one bin; explicit roles are matched against their paths.
   */
  public List<DelegatedRole> rolesFor(String targetPath, PathMatching pathMatching) {
    // Plain loops, no streams: this runs once per role visited in every target search.
    if (succinctRoles.isPresent()) {
      SuccinctRoles bins = succinctRoles.get();
      Optional<DelegatedRole> bin = bins.asDelegatedRole(bins.roleNameForTarget(targetPath));
      return bin.isPresent() ? List.of(bin.get()) : List.of();
    }
    List<DelegatedRole> matching = new ArrayList<>();
    for (DelegatedRole role : roles) {
      if (role.isDelegatedPath(targetPath, pathMatching)) {
        matching.add(role);
      }
    }
    return List.copyOf(matching);
  }

  /** The delegated role of that name, explicit or a succinct bin. */
  public Optional<DelegatedRole> role(String name) {
    for (DelegatedRole role : roles) {
      if (role.name().equals(name)) {
        return Optional.of(role);
      }
    }
    return succinctRoles.flatMap(s -> s.asDelegatedRole(name));
  }
}
