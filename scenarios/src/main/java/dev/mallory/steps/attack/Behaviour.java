package dev.mallory.steps.attack;

import dev.mallory.steps.params.Response;
import java.time.Duration;

/**
 * One attacker behaviour from an attack step. They accumulate until {@code the attack stops} and
 * are composed in the README's fixed order (features/README.md, "Composition order"): the content
 * (replay, recorded state, forgery, tampering, substitution), then re-signing of the pinning roles,
 * then edits of the signature list, then padding, then the encoding (gzip), then the transport
 * behaviour (status code, reset, endless body, drip, stall).
 *
 * <p>Transport behaviours name either a {@code role} or a {@code target}; the other is {@code null}.
 */
public sealed interface Behaviour {
  // ---- content ----------------------------------------------------------------------------------

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

  /**
   * {@code the attacker serves a forged ROLE[ at version N][FORGERY]}.
   *
   * @param version the forged version, {@code null}: one above the current (root: the next the client asks for)
   */
  record Forge(String role, Long version, Forgery forgery) implements Behaviour {}

  /** The FORGERY clause of a forged file. */
  sealed interface Forgery {
    /** No change beyond the version. */
    record None() implements Forgery {}

    /** {@code listing target "NAME" containing "TEXT"}: the entry added or replaced, TEXT served as the target. */
    record ListTarget(String path, byte[] content) implements Forgery {
      public ListTarget {
        content = content.clone();
      }
    }

    /** {@code that makes target "NAME" depend on "DEP"}. */
    record Depend(String path, String dependency) implements Forgery {}

    /** {@code without role "R"}: R dropped from the snapshot's meta. */
    record WithoutRole(String role) implements Forgery {}
  }

  /** {@code the attacker tampers with ROLE, keeping its signatures}. */
  record Tamper(String role) implements Behaviour {}

  /** {@code the attacker serves ROLE under the name of ROLE2}: requests for {@code asRole} get the current {@code served}. */
  record ServeAs(String served, String asRole) implements Behaviour {}

  /** {@code the attacker serves target "NAME" in place of "OTHER"}. */
  record TargetInPlace(String served, String asTarget) implements Behaviour {}

  // ---- signature list and padding ----------------------------------------------------------------

  /** {@code the attacker lists each signature on ROLE twice}. */
  record DuplicateSignatures(String role) implements Behaviour {}

  /** {@code the attacker adds an invalid signature to ROLE}. */
  record InvalidSignature(String role) implements Behaviour {}

  /** {@code the attacker pads ROLE with N byte(s) of whitespace}. */
  record Pad(String role, int bytes) implements Behaviour {}

  // ---- encoding and transport ------------------------------------------------------------------

  /** {@code the attacker sends FILE as a gzip bomb}. */
  record GzipBomb(String role, String target) implements Behaviour {}

  /** {@code the attacker responds to FILE with RESPONSE}. */
  record Respond(String role, String target, Response response) implements Behaviour {}

  /**
   * {@code the attacker sends an endless body for FILE} ({@code declaredLength} null: chunked) and
   * {@code announces a Content-Length of N bytes for FILE and never stops sending}.
   */
  record Endless(String role, String target, Long declaredLength) implements Behaviour {}

  /** {@code the attacker drips FILE at one byte every N seconds}. */
  record Drip(String role, String target, Duration interval) implements Behaviour {}

  /** {@code the attacker stalls FILE}. */
  record Stall(String role, String target) implements Behaviour {}
}
