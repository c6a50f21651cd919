package dev.mallory.steps.attack;

import dev.mallory.attack.Effect;
import dev.mallory.classify.Classified;
import dev.mallory.steps.params.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The last step of the attacker's composition (features/README.md, "Composition order"): what the
 * connection does with the body chosen so far — a status code, a reset, an endless body, a drip or
 * a stall. The first matching behaviour of each kind wins, in that order.
 */
final class Transport {
  /** An endless body stops here if the client never hangs up (features/README.md: 256 MiB). */
  static final long ENDLESS_CAP = 256L * 1024 * 1024;

  private Transport() {}

  /** The last step of the composition: status codes, resets, endless bodies, drips, stalls. */
  static Optional<Effect> transport(Classified c, List<Behaviour> active, byte[] body) {
    for (Behaviour b : active) {
      if (b instanceof Behaviour.Respond r && matches(c, r.role(), r.target())) {
        Response response = r.response();
        if (response instanceof Response.Status s) {
          return Optional.of(new Effect.Status(s.code(), ""));
        }
        if (response instanceof Response.ConnectionReset) {
          // Headers and half the genuine body, then a TCP reset.
          return Optional.of(body == null ? new Effect.ResetConnection() : new Effect.PartialThenReset(body, body.length / 2));
        }
        if (response instanceof Response.EmptyBody) {
          return Optional.of(new Effect.ReplaceBody(200, new byte[0], "application/json"));
        }
        return Optional.of(new Effect.ReplaceBody(200, "{\"signed\": {".getBytes(StandardCharsets.UTF_8), "application/json"));
      }
    }
    for (Behaviour b : active) {
      if (b instanceof Behaviour.Endless x && matches(c, x.role(), x.target())) {
        return Optional.of(x.declaredLength() == null
            ? new Effect.EndlessBody(Effect.Framing.CHUNKED, 0, ENDLESS_CAP)
            : new Effect.EndlessBody(Effect.Framing.LYING_LENGTH, x.declaredLength(), ENDLESS_CAP));
      }
    }
    for (Behaviour b : active) {
      if (b instanceof Behaviour.Drip d && matches(c, d.role(), d.target())) {
        return Optional.of(body == null || body.length == 0 ? new Effect.Stall() : new Effect.Drip(body, 1, d.interval()));
      }
    }
    for (Behaviour b : active) {
      if (b instanceof Behaviour.Stall s && matches(c, s.role(), s.target())) {
        return Optional.of(new Effect.Stall());
      }
    }
    return Optional.empty();
  }

  static boolean matches(Classified c, String role, String target) {
    return target != null ? c.isTarget() && target.equals(c.targetPath()) : c.isMetadata() && role.equals(c.role());
  }
}
