package dev.mallory.attack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.journal.Recording;
import dev.mallory.json.Json;
import java.util.List;
import java.util.Optional;

/**
 * Rollback attack (TUF attack "rollback", tuf-attacks A8): the attacker replays an older, validly
 * signed version of a role that it recorded earlier, so no key is needed. Every request for the role
 * (by name, version or hash) gets the old file.
 *
 * <p>Must be stopped by: 5.3.5 (root version N+1), 5.4.3.1 (timestamp version must not decrease),
 * 5.4.3.2 (snapshot version in timestamp must not decrease), 5.5.5 (snapshot meta must not go back),
 * 5.6.4 (targets version equals snapshot's). Notary clients refuse a lower timestamp version.
 *
 * @param repository GUN or TUF repository name; {@code null} selects any
 * @param role the role to roll back ({@code timestamp}, {@code snapshot}, {@code targets}, ...)
 * @param version the recorded version to replay; {@code null} = the newest recorded version below
 *     the one upstream serves now
 */
public record Rollback(String repository, String role, Long version) implements Attack {
  public Rollback {
    if (role == null || role.isBlank()) {
      throw new IllegalArgumentException("rollback needs a role");
    }
  }

  @Override
  public Optional<Effect> decide(Exchange e, AttackContext context) {
    if (!Select.metadata(e, repository, role)) {
      return Optional.empty();
    }
    String repo = e.request().repository();
    List<Recording> recorded = context.recorder().versions(repo, role);
    Optional<Recording> replay;
    if (version != null) {
      replay = context.recorder().version(repo, role, version);
    } else {
      long current = currentVersion(e);
      replay = recorded.stream().filter(r -> r.version() != null && r.version() < current).reduce((a, b) -> b);
    }
    return Optional.of(new Effect.ReplayRecorded(replay.orElseThrow(() -> new IllegalStateException(
        "rollback: no recorded " + (version == null ? "older version" : "version " + version) + " of " + role
            + " in '" + repo + "'; recorded versions: "
            + recorded.stream().map(Recording::version).toList()))));
  }

  private static long currentVersion(Exchange e) {
    try {
      JsonNode v = Json.parse(e.upstream().body()).path("signed").path("version");
      return v.canConvertToLong() ? v.asLong() : Long.MAX_VALUE;
    } catch (RuntimeException ex) {
      return Long.MAX_VALUE;
    }
  }
}
