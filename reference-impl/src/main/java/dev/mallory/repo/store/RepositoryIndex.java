package dev.mallory.repo.store;

import dev.mallory.dialect.Dialect;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one repository (a TUF repository or a Notary GUN) holds: its dialect, the history of each
 * role and the target names it serves by name. Immutable; replacing the index is the commit point
 * of every write, so a reader sees all of a publication or none of it.
 *
 * @param targets target path to the content address of its bytes
 */
public record RepositoryIndex(Dialect dialect, Map<String, RoleHistory> roles, Map<String, String> targets) {
  public RepositoryIndex {
    roles = Map.copyOf(roles);
    targets = Map.copyOf(targets);
  }

  public static RepositoryIndex empty(Dialect dialect) {
    return new RepositoryIndex(dialect, Map.of(), Map.of());
  }

  public Optional<RoleHistory> role(String name) {
    return Optional.ofNullable(roles.get(name));
  }

  RepositoryIndex withFiles(Iterable<RoleFile> files) {
    Map<String, RoleHistory> next = new LinkedHashMap<>(roles);
    for (RoleFile f : files) {
      RoleHistory h = next.get(f.role());
      next.put(f.role(), h == null ? RoleHistory.first(f.version(), f.sha256()) : h.with(f.version(), f.sha256()));
    }
    return new RepositoryIndex(dialect, next, targets);
  }

  RepositoryIndex withTargets(Map<String, String> added, Iterable<String> removed) {
    Map<String, String> next = new LinkedHashMap<>(targets);
    removed.forEach(next::remove);
    next.putAll(added);
    return new RepositoryIndex(dialect, roles, next);
  }
}
