package dev.mallory.attack;

import dev.mallory.journal.Moment;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Mix-and-match attack (tuf-attacks A7): the attacker combines roles from different recorded
 * moments (for example today's timestamp and snapshot with last week's targets), a combination
 * that never existed on the repository. Roles not listed pass through.
 *
 * <p>Must be stopped by: 5.5.2 / 5.5.4 (snapshot hash and version as timestamp lists them), 5.6.2 /
 * 5.6.4 (targets hash and version as snapshot lists them).
 *
 * @param repository GUN or TUF repository name; {@code null} selects any
 * @param roles role name to moment label ({@code {"targets": "before-release"}})
 */
public record MixAndMatch(String repository, Map<String, String> roles) implements Attack {
  public MixAndMatch {
    if (roles == null || roles.isEmpty()) {
      throw new IllegalArgumentException("mix-and-match needs roles: {role: moment label}");
    }
    roles = new TreeMap<>(roles);
  }

  @Override
  public Optional<Effect> decide(Exchange e, AttackContext context) {
    if (!Select.metadata(e, repository, null) || !roles.containsKey(e.request().role())) {
      return Optional.empty();
    }
    String label = roles.get(e.request().role());
    Moment m = context.recorder().moment(label).orElseThrow(() -> new IllegalStateException(
        "mix-and-match: no moment '" + label + "'; known: " + context.recorder().moments()));
    // Any naming of the role gets that moment's file: the client asks by the (current) version or
    // hash its parent lists, and receives the file from the other epoch.
    return context.recorder().asOf(e.request().repository(), e.request().role(), m.seq())
        .<Effect>map(Effect.ReplayRecorded::new)
        .or(() -> Optional.of(new Effect.Status(404, "no " + e.request().role() + " recorded at " + label)));
  }
}
