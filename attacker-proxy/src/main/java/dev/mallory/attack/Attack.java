package dev.mallory.attack;

import java.util.Optional;

/**
 * One attack of the catalogue. Each implementation is a record whose components are its JSON
 * parameters (toxiproxy's toxic structs), in its own file, with a paragraph naming the attack class
 * and the specification step that must stop it.
 *
 * <p><b>Composition order.</b> The proxy asks the applied attacks in the order they were applied;
 * the first one whose {@link #decide} returns an effect wins and the others are not asked for that
 * exchange. Attacks selecting different requests (rollback of timestamp plus a forged snapshot)
 * therefore compose; two selecting the same request do not stack. An attack that throws turns the
 * exchange into a 500 naming the attack, never into a silent passthrough.
 *
 * <pre>
 *   client ──request──▶ proxy ──request──▶ upstream
 *                        │◀──answer────────┘  (recorded)
 *                        ├─ attack 1: decide? ─ no
 *                        ├─ attack 2: decide? ─ Effect ──▶ client
 *                        └─ (attack 3 not asked)
 * </pre>
 */
public interface Attack {

  /** The JSON type name ({@code rollback}, {@code endless-data}, ...). */
  default String type() {
    return AttackTypes.nameOf(getClass());
  }

  /** The effect for this exchange, or empty to leave it to the next attack. */
  Optional<Effect> decide(Exchange exchange, AttackContext context);
}
