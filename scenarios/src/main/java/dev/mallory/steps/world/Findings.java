package dev.mallory.steps.world;

import dev.mallory.report.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The soft assertions of one scenario. The verdict is the worst of them: VULNERABLE outranks
 * BROKEN, which outranks PROTECTED (features/README.md, "Verdicts"); ERROR, a harness fault,
 * outranks all, since it says nothing about the client.
 */
public final class Findings {
  private final List<Finding> findings = new ArrayList<>();

  public synchronized void add(Finding finding) {
    findings.add(finding);
  }

  public synchronized List<Finding> all() {
    return List.copyOf(findings);
  }

  public synchronized Verdict worst() {
    return worstOf(findings.stream().map(Finding::verdict).toList());
  }

  public static Verdict worstOf(List<Verdict> verdicts) {
    Verdict worst = Verdict.PROTECTED;
    for (Verdict v : verdicts) {
      if (rank(v) > rank(worst)) {
        worst = v;
      }
    }
    return worst;
  }

  private static int rank(Verdict v) {
    return switch (v) {
      case ERROR -> 3;
      case VULNERABLE -> 2;
      case BROKEN -> 1;
      default -> 0;
    };
  }
}
