package dev.mallory.attack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.journal.Recording;
import dev.mallory.json.Json;
import java.util.Optional;

/**
 * Wrong software installation attack (tuf-attacks A11): the attacker answers a request for one
 * target with the genuine, validly listed bytes of another target.
 *
 * <p>Must be stopped by 5.7 (hash and length of the target asked for) and by delegation path checks
 * (5.6.7.2) when a delegated role lists a path outside its delegation.
 *
 * @param repository GUN or TUF repository name; {@code null} selects any
 * @param target the target path the client asks for
 * @param servedTarget the target path whose bytes are served instead
 */
public record WrongSoftware(String repository, String target, String servedTarget) implements Attack {
  public WrongSoftware {
    if (target == null || servedTarget == null) {
      throw new IllegalArgumentException("wrong-software needs target and servedTarget");
    }
  }

  @Override
  public Optional<Effect> decide(Exchange e, AttackContext context) {
    if (!Select.target(e, repository, target)) {
      return Optional.empty();
    }
    String repo = e.request().repository();
    Optional<byte[]> other = context.recorder().targetAsOf(repo, servedTarget, Long.MAX_VALUE).map(Recording::bytes);
    if (other.isEmpty()) {
      String targetsBase = e.request().metadataBase().replaceFirst("metadata/$", "targets/");
      other = context.fetch(targetsBase + servedTarget);
      if (other.isEmpty()) {
        other = hashOf(context, repo, servedTarget).flatMap(h -> context.fetch(targetsBase + hashed(servedTarget, h)));
      }
    }
    return Optional.of(new Effect.ReplaceBody(other.orElseThrow(() ->
        new IllegalStateException("wrong-software: cannot get the bytes of " + servedTarget))));
  }

  private static String hashed(String path, String hash) {
    int slash = path.lastIndexOf('/');
    return path.substring(0, slash + 1) + hash + "." + path.substring(slash + 1);
  }

  // Consistent snapshots name targets by hash: take it from the newest recorded targets metadata.
  private static Optional<String> hashOf(AttackContext context, String repo, String path) {
    return context.recorder().latest(repo, "targets").map(r -> {
      JsonNode h = Json.parse(r.bytes()).path("signed").path("targets").path(path).path("hashes").path("sha256");
      return h.isTextual() ? h.asText() : null;
    });
  }
}
