package dev.mallory.attack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.classify.Classified;
import dev.mallory.dialect.Dialect;
import dev.mallory.journal.Recording;
import dev.mallory.json.Json;
import java.util.Optional;

/**
 * The attacker's view of one repository's current files, fetched from upstream on demand (and
 * recorded), so a forgery starts from what the client would get today.
 */
final class RepositoryView {
  private final Exchange exchange;
  private final AttackContext context;
  private final Classified request;

  RepositoryView(Exchange exchange, AttackContext context) {
    this.exchange = exchange;
    this.context = context;
    this.request = exchange.request();
  }

  Dialect dialect() {
    return request.dialect();
  }

  String repository() {
    return request.repository();
  }

  /** The current bytes of a role's metadata, or an IllegalStateException saying what was tried. */
  byte[] current(String role) {
    if (role.equals(request.role()) && request.naming() == dev.mallory.classify.Naming.BY_NAME
        && exchange.upstream().ok()) {
      return exchange.upstream().body();
    }
    String base = request.metadataBase();
    Optional<byte[]> found = context.fetch(base + role + ".json");
    if (found.isEmpty() && dialect() == Dialect.TUF_1_0) {
      // Consistent snapshots: the parent's meta says which version to fetch.
      Long version = listedVersion(role);
      if (version != null) {
        found = context.fetch(base + version + "." + role + ".json");
      }
    }
    if (found.isEmpty()) {
      found = context.recorder().latest(repository(), role).map(Recording::bytes);
    }
    return found.orElseThrow(() -> new IllegalStateException(
        "cannot get the current " + role + " of '" + repository() + "': upstream has no "
            + base + role + ".json and nothing is recorded"));
  }

  private Long listedVersion(String role) {
    String parent = "timestamp".equals(role) ? null : "snapshot".equals(role) ? "timestamp" : "snapshot";
    if (parent == null || "root".equals(role)) {
      return null;
    }
    JsonNode meta = Json.parse(current(parent)).path("signed").path("meta").path(dialect().metaKey(role));
    return meta.path("version").canConvertToLong() ? meta.path("version").asLong() : null;
  }
}
