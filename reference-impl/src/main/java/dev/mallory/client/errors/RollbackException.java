package dev.mallory.client.errors;

import java.util.OptionalLong;

/**
 * BadVersionNumberError: a version that went back (5.3.5, 5.4.3.1, 5.4.3.2, 5.5.5), skipped ahead
 * (5.3.5), or disagrees with what the parent role lists (5.5.4, 5.6.4), or a role that vanished
 * from snapshot (5.5.5).
 */
public final class RollbackException extends TufClientException {
  /** What rule the version broke. */
  public enum Kind {
    /** Lower than the trusted version. */
    DECREASED,
    /** Not exactly the version required (root N+1, or the version the parent lists). */
    MISMATCH,
    /** The trusted snapshot listed the role, the new one does not. */
    REMOVED
  }

  private final String role;
  private final Kind kind;
  private final long expected;
  private final OptionalLong found;

  public RollbackException(String role, Kind kind, long expected, OptionalLong found) {
    super(message(role, kind, expected, found));
    this.role = role;
    this.kind = kind;
    this.expected = expected;
    this.found = found;
  }

  private static String message(String role, Kind kind, long expected, OptionalLong found) {
    return switch (kind) {
      case DECREASED -> "new " + role + " version " + found.orElse(-1) + " must be >= " + expected;
      case MISMATCH -> "expected " + role + " version " + expected + ", got " + found.orElse(-1);
      case REMOVED -> "new snapshot is missing info for " + role + " (trusted version " + expected + ")";
    };
  }

  public String role() {
    return role;
  }

  public Kind kind() {
    return kind;
  }

  /** The trusted version (DECREASED, REMOVED) or the exact version required (MISMATCH). */
  public long expected() {
    return expected;
  }

  public OptionalLong found() {
    return found;
  }

  @Override
  public Reason reason() {
    return Reason.ROLLBACK;
  }
}
