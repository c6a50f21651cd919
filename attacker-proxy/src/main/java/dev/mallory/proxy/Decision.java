package dev.mallory.proxy;

import dev.mallory.attack.AttackContext;
import dev.mallory.attack.Effect;
import dev.mallory.attack.Exchange;
import java.util.List;
import java.util.Optional;

/**
 * What happens to one exchange: the effect, and the applied attack that chose it ({@code null}
 * when none did).
 */
record Decision(Effect effect, AppliedAttack attack) {
  static final Decision PASSTHROUGH = new Decision(new Effect.Passthrough(), null);

  /** The first applied attack (in the order applied) that returns an effect wins. */
  static Decision decide(AttackerProxy proxy, List<AppliedAttack> snapshot, Exchange exchange, Origin origin) {
    for (AppliedAttack applied : snapshot) {
      if (!applied.isActive()) {
        continue;
      }
      AttackContext context = new ProxyAttackContext(proxy, origin, applied);
      try {
        Optional<Effect> effect = applied.attack().decide(exchange, context);
        if (effect.isPresent()) {
          return new Decision(effect.get(), applied);
        }
      } catch (RuntimeException e) {
        return new Decision(new Effect.Status(500, "mallory: attack " + applied.id() + " failed: " + e.getMessage()),
            applied);
      }
    }
    return PASSTHROUGH;
  }
}
