package dev.mallory.report;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every cell of one run. The exit code and every report are computed from this one object, so they
 * cannot disagree.
 */
public record RunResult(String runId, Instant startedAt, Duration elapsed, List<ScenarioResult> results) {
  public RunResult {
    results = List.copyOf(results);
  }

  public List<String> systems() {
    return List.copyOf(new LinkedHashSet<>(results.stream().map(ScenarioResult::system).toList()));
  }

  public Map<Verdict, Long> counts() {
    Map<Verdict, Long> counts = new TreeMap<>();
    for (ScenarioResult r : results) {
      counts.merge(r.verdict(), 1L, Long::sum);
    }
    return counts;
  }

  /** 0 when every verdict is as expected, 1 when an attack got through or an expectation broke, 2 on a harness error. */
  public int exitCode() {
    if (results.stream().anyMatch(r -> r.verdict() == Verdict.ERROR)) {
      return 2;
    }
    return results.stream().allMatch(r -> r.verdict().asExpected()) ? 0 : 1;
  }

  /** One line for the terminal and CI logs. */
  public String summaryLine() {
    return "mallory: " + results.size() + " results over " + systems().size() + " system(s): " + counts()
        + " -> exit " + exitCode();
  }
}
