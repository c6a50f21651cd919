package dev.mallory.report;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One system's line of the summary, computed once and shown by the HTML and the JSON alike.
 *
 * <p>An attack counts as judged when the scenario produced a protection verdict (not
 * informational, not applicable, not a harness error). It was stopped when the system refused it
 * for the right reason ({@code PROTECTED}, or {@code UNEXPECTED_PASS}: protected although listed as
 * an expected failure). It got through when the system accepted it ({@code VULNERABLE}, or the
 * known {@code EXPECTED_FAILURE}).
 */
record SystemSummary(
    SystemInfo system,
    Map<Verdict, Long> counts,
    int judged,
    int stopped,
    List<ScenarioResult> gotThrough,
    List<ScenarioResult> broken,
    List<ScenarioResult> unexpectedPasses,
    List<ScenarioResult> errors) {

  static SystemSummary of(RunResult run, SystemInfo system) {
    List<ScenarioResult> mine = run.resultsOf(system.name());
    Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
    for (Verdict v : Verdict.values()) {
      counts.put(v, 0L);
    }
    mine.forEach(r -> counts.merge(r.verdict(), 1L, Long::sum));
    int stopped = (int) (counts.get(Verdict.PROTECTED) + counts.get(Verdict.UNEXPECTED_PASS));
    int judged = stopped + (int) (counts.get(Verdict.VULNERABLE) + counts.get(Verdict.EXPECTED_FAILURE)
        + counts.get(Verdict.BROKEN));
    return new SystemSummary(system, Collections.unmodifiableMap(counts), judged, stopped, // in verdict order
        having(mine, Verdict.VULNERABLE, Verdict.EXPECTED_FAILURE),
        having(mine, Verdict.BROKEN),
        having(mine, Verdict.UNEXPECTED_PASS),
        having(mine, Verdict.ERROR));
  }

  static List<SystemSummary> of(RunResult run, Matrix matrix) {
    return matrix.columns().stream().map(s -> of(run, s)).toList();
  }

  private static List<ScenarioResult> having(List<ScenarioResult> results, Verdict... verdicts) {
    List<Verdict> wanted = List.of(verdicts);
    return results.stream().filter(r -> wanted.contains(r.verdict())).toList();
  }
}
