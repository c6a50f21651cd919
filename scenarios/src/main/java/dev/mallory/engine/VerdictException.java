package dev.mallory.engine;

import dev.mallory.report.Verdict;

/**
 * Thrown by a Then step when what the system under test did decides the verdict: the attack got
 * through ({@link Verdict#VULNERABLE}), the client was left unusable or refused for another
 * reason ({@link Verdict#BROKEN}), or the harness could not run it ({@link Verdict#ERROR}).
 */
public final class VerdictException extends RuntimeException {
  private final Verdict verdict;

  public VerdictException(Verdict verdict, String observation) {
    super(verdict + ": " + observation);
    this.verdict = verdict;
  }

  public Verdict verdict() {
    return verdict;
  }

  public static VerdictException vulnerable(String observation) {
    return new VerdictException(Verdict.VULNERABLE, observation);
  }

  public static VerdictException broken(String observation) {
    return new VerdictException(Verdict.BROKEN, observation);
  }
}
