package dev.mallory.steps.attack;

import dev.mallory.steps.params.Response;

/**
 * One attacker behaviour from an attack step. They accumulate until {@code the attack stops} and
 * are composed in the README's fixed order: content (replay, recorded state, substitution), then
 * re-signing of the pinning roles, then the transport behaviour (status, reset, empty body).
 */
public sealed interface Behaviour {
  /** {@code the attacker replays ROLE version N} (re-signs) and {@code serves ROLE from version N with the rest current} (never). */
  record Replay(String role, long version, boolean resign) implements Behaviour {}

  /** {@code the attacker serves the repository as recorded at version N}: a stale mirror. */
  record RecordedState(long timestampVersion) implements Behaviour {}

  /** {@code the attacker replaces target "NAME" with "TEXT"}. */
  record ReplaceTarget(String path, byte[] content) implements Behaviour {
    public ReplaceTarget {
      content = content.clone();
    }
  }

  /** {@code the attacker responds to FILE with RESPONSE}; {@code role} or {@code target} is set. */
  record Respond(String role, String target, Response response) implements Behaviour {}
}
