package dev.mallory.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every cell of one run. The exit code and every report are computed from this one object, so they
 * cannot disagree.
 *
 * @param systemInfo how the systems introduce themselves; a system missing here is shown as
 *     {@link SystemInfo#unknown(String)}
 * @param why one sentence on why TUF stops an attack, keyed by scenario id or by attack class (the
 *     scenario id wins); the reports fall back to a built-in sentence per known attack class
 */
public record RunResult(
    String runId,
    Instant startedAt,
    Duration elapsed,
    List<ScenarioResult> results,
    List<SystemInfo> systemInfo,
    Map<String, String> why) {
  public RunResult {
    results = List.copyOf(results);
    systemInfo = List.copyOf(systemInfo == null ? List.of() : systemInfo);
    why = Map.copyOf(why == null ? Map.of() : why);
  }

  /** A run whose systems are not described and which uses the built-in explanations. */
  public RunResult(String runId, Instant startedAt, Duration elapsed, List<ScenarioResult> results) {
    this(runId, startedAt, elapsed, results, List.of(), Map.of());
  }

  /** Every system's name: the described ones in the order given, then any other in order of appearance. */
  public List<String> systems() {
    Set<String> names = new LinkedHashSet<>();
    systemInfo.forEach(s -> names.add(s.name()));
    results.forEach(r -> names.add(r.system()));
    return List.copyOf(names);
  }

  public SystemInfo info(String system) {
    return systemInfo.stream().filter(s -> s.name().equals(system)).findFirst().orElse(SystemInfo.unknown(system));
  }

  /** The cells of one system, in run order. */
  public List<ScenarioResult> resultsOf(String system) {
    List<ScenarioResult> mine = new ArrayList<>();
    results.forEach(r -> {
      if (r.system().equals(system)) {
        mine.add(r);
      }
    });
    return mine;
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
