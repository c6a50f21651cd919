package dev.mallory.steps.world;

import dev.mallory.report.Verdict;

/**
 * What one outcome step observed (a soft assertion, features/README.md "Verdicts"): PROTECTED when
 * it passed, otherwise the verdict its failure decides. Recorded, never thrown by the step.
 */
public record Finding(Verdict verdict, String step, String observation) {
  public static Finding passed(String step, String observation) {
    return new Finding(Verdict.PROTECTED, step, observation);
  }

  public boolean failed() {
    return verdict != Verdict.PROTECTED;
  }

  @Override
  public String toString() {
    return (failed() ? verdict + " " : "ok ") + step + ": " + observation;
  }
}
