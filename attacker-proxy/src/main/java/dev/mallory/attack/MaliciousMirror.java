package dev.mallory.attack;

import dev.mallory.journal.Recording;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Malicious mirror preventing updates (tuf-attacks A6): the mirror misbehaves in one of the ways
 * mirrors do: 404, 500, connection reset, an empty 200, a stale (oldest recorded) file, or garbage.
 *
 * <p>Must be stopped by the section 5 rule that no failure leaves the client unrecoverable: nothing
 * unverified is persisted, and once the mirror behaves the client updates again. The length and
 * signature checks of each step reject the garbage.
 *
 * @param repository GUN or TUF repository name; {@code null} selects any
 * @param role metadata role; with {@code target} also null, every metadata and target request
 * @param target target path
 * @param behaviour {@code not-found}, {@code server-error}, {@code reset}, {@code empty}, {@code stale},
 *     {@code garbage}
 */
public record MaliciousMirror(String repository, String role, String target, String behaviour) implements Attack {
  /** The ways a mirror misbehaves. */
  public enum Behaviour { NOT_FOUND, SERVER_ERROR, RESET, EMPTY, STALE, GARBAGE }

  public MaliciousMirror {
    behaviourOf(behaviour);
  }

  @Override
  public Optional<Effect> decide(Exchange e, AttackContext context) {
    boolean selected = role == null && target == null
        ? Select.metadata(e, repository, null) || Select.target(e, repository, null)
        : Select.roleOrTarget(e, repository, role, target);
    if (!selected) {
      return Optional.empty();
    }
    return Optional.of(switch (behaviourOf(behaviour)) {
      case NOT_FOUND -> new Effect.Status(404, "not found (malicious mirror)");
      case SERVER_ERROR -> new Effect.Status(500, "internal error (malicious mirror)");
      case RESET -> new Effect.ResetConnection();
      case EMPTY -> new Effect.ReplaceBody(new byte[0]);
      case GARBAGE -> new Effect.ReplaceBody("{\"signed\": garbage".getBytes(StandardCharsets.UTF_8));
      case STALE -> stale(e, context);
    });
  }

  private static Effect stale(Exchange e, AttackContext context) {
    var c = e.request();
    Optional<Recording> oldest = c.isTarget()
        ? context.recorder().targetAsOf(c.repository(), c.targetPath(), 0).or(
            () -> context.recorder().targetAsOf(c.repository(), c.targetPath(), Long.MAX_VALUE))
        : context.recorder().versions(c.repository(), c.role()).stream().findFirst();
    return oldest.<Effect>map(Effect.ReplayRecorded::new).orElse(new Effect.Passthrough());
  }

  static Behaviour behaviourOf(String text) {
    if (text == null) {
      throw new IllegalArgumentException("malicious-mirror needs a behaviour: "
          + "not-found, server-error, reset, empty, stale or garbage");
    }
    try {
      return Behaviour.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown behaviour '" + text
          + "': not-found, server-error, reset, empty, stale or garbage");
    }
  }
}
