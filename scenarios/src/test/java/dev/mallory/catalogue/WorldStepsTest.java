package dev.mallory.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.engine.MalloryRun;
import dev.mallory.engine.RunContext;
import dev.mallory.engine.RunOptions;
import dev.mallory.engine.SystemUnderTest;
import dev.mallory.report.RunResult;
import dev.mallory.report.ScenarioResult;
import dev.mallory.report.SystemInfo;
import dev.mallory.report.SystemKind;
import dev.mallory.report.Verdict;
import dev.mallory.sut.ReferenceClientUnderTest;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setup, initialisation and journal-based outcome steps on their own (world-features/), against
 * the reference client: each scenario's verdict, including the ones that must fail (a dependency
 * the repository signed is found; a download requests its target).
 */
class WorldStepsTest {
  private static final Map<String, Verdict> EXPECTED = Map.ofEntries(
      Map.entry("world:threshold-zero-for-the-timestamp", Verdict.PROTECTED),
      Map.entry("world:one-snapshot-key-under-two-key-ids-with-threshold-two", Verdict.PROTECTED),
      Map.entry("world:shared-keys-between-timestamp-and-snapshot", Verdict.PROTECTED),
      Map.entry("world:shared-keys-between-snapshot-and-targets", Verdict.PROTECTED),
      Map.entry("world:a-delegation-with-threshold-two-and-one-key", Verdict.PROTECTED),
      Map.entry("world:a-dependency-the-repository-signed-is-trusted", Verdict.VULNERABLE),
      Map.entry("world:a-dependency-the-repository-did-not-sign-is-not-trusted", Verdict.PROTECTED),
      Map.entry("world:a-refresh-requests-no-target", Verdict.PROTECTED),
      Map.entry("world:a-download-requests-its-target", Verdict.VULNERABLE),
      Map.entry("world:an-honest-download-stays-within-its-length-limits", Verdict.PROTECTED),
      Map.entry("world:how-long-a-client-waits-is-recorded", Verdict.INFORMATIONAL),
      Map.entry("world:trust-on-first-use-through-the-proxy", Verdict.PROTECTED),
      Map.entry("world:trust-on-first-use-with-pinned-keys", Verdict.NOT_APPLICABLE),
      Map.entry("world:two-mirrors", Verdict.PROTECTED)); // the reference client takes a second mirror

  @Test
  void everyWorldStepGivesItsVerdict(@TempDir Path work) throws URISyntaxException {
    Path features = Path.of(WorldStepsTest.class.getResource("/world-features").toURI());
    SystemUnderTest system = new SystemUnderTest(new SystemInfo("reference", SystemKind.REFERENCE, "reference"),
        ReferenceClientUnderTest.CAPABILITIES, ReferenceClientUnderTest::new, RunContext.ExpectedToFail.NONE);
    RunResult run = MalloryRun.run(new RunOptions(features, Optional.empty(), 4, work), List.of(system), r -> { });
    Map<String, ScenarioResult> byId = run.results().stream()
        .collect(Collectors.toMap(ScenarioResult::scenarioId, Function.identity(), (a, b) -> a));
    String report = CatalogueProbe.describe(run.results());
    assertThat(byId.keySet()).as(report).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    EXPECTED.forEach((id, verdict) -> assertThat(byId.get(id).verdict()).as(id + "\n" + report).isEqualTo(verdict));
    // Every scenario that reached the proxy carries one journal line per exchange in its evidence.
    assertThat(byId.get("world:a-refresh-requests-no-target").evidence().exchanges()).as(report)
        .anySatisfy(line -> assertThat(line).contains("GET /metadata/timestamp.json -> 200"));
  }
}
