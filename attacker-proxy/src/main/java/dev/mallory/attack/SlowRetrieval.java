package dev.mallory.attack;

import java.time.Duration;
import java.util.Optional;

/**
 * Slow retrieval attack (tuf-attacks A9, historic): the attacker serves the genuine body a few bytes
 * at a time so an update never completes. Removed from the specification's list in 2020; clients
 * stop it with read timeouts (python-tuf: 30 s between reads) or a total deadline.
 *
 * @param repository GUN or TUF repository name; {@code null} selects any
 * @param role metadata role (ignored when {@code target} is set)
 * @param target target path
 * @param bytesPerTick bytes per write (default 1)
 * @param intervalMillis pause between writes (default 1000)
 */
public record SlowRetrieval(String repository, String role, String target, Integer bytesPerTick, Long intervalMillis)
    implements Attack {
  public SlowRetrieval {
    if (role == null && target == null) {
      throw new IllegalArgumentException("slow-retrieval needs a role or a target");
    }
    bytesPerTick = bytesPerTick == null ? 1 : bytesPerTick;
    intervalMillis = intervalMillis == null ? 1000 : intervalMillis;
    if (bytesPerTick < 1 || intervalMillis < 0) {
      throw new IllegalArgumentException("slow-retrieval needs bytesPerTick >= 1 and intervalMillis >= 0");
    }
  }

  @Override
  public Optional<Effect> decide(Exchange e, AttackContext context) {
    if (!Select.roleOrTarget(e, repository, role, target) || !e.upstream().ok()) {
      return Optional.empty();
    }
    return Optional.of(new Effect.Drip(e.upstream().body(), bytesPerTick, Duration.ofMillis(intervalMillis)));
  }
}
