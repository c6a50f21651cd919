package dev.mallory.report;

/**
 * What one scenario found out about one system under test. Computed from what the system actually
 * did (its exit code or exception, the files it trusted or wrote, the requests it made), never
 * from knowledge of the implementation.
 */
public enum Verdict {
  /** The attack was refused for the expected reason and the system updates normally afterwards. */
  PROTECTED(true),
  /** The attack got through: forged, stale or mixed metadata accepted, or attacker bytes written. */
  VULNERABLE(false),
  /** Refused, but for the wrong reason, or the system was left unable to update. */
  BROKEN(false),
  /** Not protected, as the system's expected-failures file says (with its comment). */
  EXPECTED_FAILURE(true),
  /** Listed as an expected failure, but protected: the file is out of date (strict). */
  UNEXPECTED_PASS(false),
  /** Observed and reported, not judged: the specification claims no protection here. */
  INFORMATIONAL(true),
  /** The system lacks a feature the scenario needs (e.g. delegations). */
  NOT_APPLICABLE(true),
  /** The harness failed; says nothing about the system under test. */
  ERROR(false);

  private final boolean asExpected;

  Verdict(boolean asExpected) {
    this.asExpected = asExpected;
  }

  /** Lower-case words for people: {@code "expected failure"}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  /** Whether CI reports this cell as a failed test: the attack got through unexpectedly, or an expectation broke. */
  public boolean failsTest() {
    return !asExpected && this != ERROR;
  }

  /** Whether this verdict lets a CI gate pass. */
  public boolean asExpected() {
    return asExpected;
  }
}
