package dev.mallory.attack;

import java.util.Locale;
import java.util.Optional;

/**
 * Endless data attack (tuf-attacks A2): the attacker answers a metadata or target request with an
 * unbounded body, framed three ways: no length (ends at close, which never comes), a lying
 * Content-Length followed by more bytes than it declares, or chunked encoding.
 *
 * <p>Must be stopped by the download caps: 5.3.3 / 5.4.1 / 5.5.1 / 5.6.1 (metadata: fixed maxima or
 * the length the parent lists) and 5.7.3 (a target's listed length). A client must count bytes as
 * they arrive, not trust Content-Length.
 *
 * @param repository GUN or TUF repository name; {@code null} selects any
 * @param role metadata role to attack (ignored when {@code target} is set)
 * @param target target path to attack
 * @param framing {@code close} (default), {@code lying-length} or {@code chunked}
 * @param declaredLength the Content-Length to announce for {@code lying-length} (default 1024)
 * @param limitBytes stop after this many bytes; {@code null} = never
 */
public record EndlessData(
    String repository, String role, String target, String framing, Long declaredLength, Long limitBytes)
    implements Attack {
  public EndlessData {
    if (role == null && target == null) {
      throw new IllegalArgumentException("endless-data needs a role or a target");
    }
    framingOf(framing);
  }

  @Override
  public Optional<Effect> decide(Exchange e, AttackContext context) {
    if (!Select.roleOrTarget(e, repository, role, target)) {
      return Optional.empty();
    }
    return Optional.of(new Effect.EndlessBody(framingOf(framing), declaredLength == null ? 1024 : declaredLength,
        limitBytes == null ? Long.MAX_VALUE : limitBytes));
  }

  static Effect.Framing framingOf(String text) {
    if (text == null) {
      return Effect.Framing.CLOSE;
    }
    try {
      return Effect.Framing.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("framing must be close, lying-length or chunked, not " + text);
    }
  }
}
