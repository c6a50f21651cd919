package dev.mallory.engine;

import dev.mallory.report.Verdict;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import java.util.List;

/**
 * Turns how a scenario ended into a verdict. The Then steps throw {@link VerdictException} with the
 * verdict their observation decides; a scenario that ends without one was refused as the feature
 * says, and is PROTECTED. Expected failures are applied afterwards, strictly.
 */
final class VerdictPolicy {
  private VerdictPolicy() {}

  static Verdict of(Result result, List<String> tags) {
    boolean informational = tags.contains("@informational") || tags.contains("@limit");
    Throwable error = result.getError();
    if (error instanceof NotApplicableException) {
      return Verdict.NOT_APPLICABLE;
    }
    if (result.getStatus() == Status.PASSED) {
      return informational ? Verdict.INFORMATIONAL : Verdict.PROTECTED;
    }
    if (error instanceof VerdictException verdict) {
      if (informational && verdict.verdict() != Verdict.ERROR) {
        return Verdict.INFORMATIONAL;
      }
      return verdict.verdict();
    }
    if (result.getStatus() == Status.SKIPPED && error != null) {
      return Verdict.NOT_APPLICABLE; // an aborted (assumption) step
    }
    return Verdict.ERROR; // undefined or pending steps, harness exceptions
  }

  /** Strict expected failures: a listed failure is expected, a listed pass is reported. */
  static Verdict withExpectation(Verdict verdict, boolean expectedToFail) {
    if (!expectedToFail) {
      return verdict;
    }
    return switch (verdict) {
      case VULNERABLE, BROKEN -> Verdict.EXPECTED_FAILURE;
      case PROTECTED -> Verdict.UNEXPECTED_PASS;
      default -> verdict;
    };
  }
}
