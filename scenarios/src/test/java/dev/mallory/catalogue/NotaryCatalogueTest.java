package dev.mallory.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mallory.external.NotaryClient;
import dev.mallory.report.RunResult;
import dev.mallory.report.ScenarioResult;
import dev.mallory.report.SystemKind;
import dev.mallory.report.Verdict;
import dev.mallory.sut.notary.NotaryCliClient;
import dev.mallory.sut.notary.NotaryMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollback, freeze and mix-and-match families against the real notary client over the
 * reference server's Notary API (Dialect.NOTARY repositories behind the proxy). The verdicts are
 * findings about notary, recorded here; a harness ERROR is a failure of Mallory. Delegated roles
 * are left out until the world maps scenario role names to Notary's {@code targets/NAME}.
 */
class NotaryCatalogueTest {
  private static final String SELECTION = "(@rollback or @freeze or @mix-and-match) and not @waits and not @delegations and not @key-compromise";

  @Test
  void rollbackFreezeAndMixAndMatchRunToVerdicts(@TempDir Path work) {
    assumeTrue(NotaryClient.isInstalled(), NotaryClient.NOT_INSTALLED);
    RunResult run = CatalogueProbe.run("notary", SystemKind.THIRD_PARTY, NotaryCliClient.CAPABILITIES,
        () -> new NotaryCliClient(NotaryMode.PRIMED, Duration.ofSeconds(60)),
        Optional.ofNullable(System.getProperty("mallory.notary.tags", SELECTION)), work);
    String report = CatalogueProbe.describe(run.results());
    System.out.println(report);
    Map<String, ScenarioResult> byId = run.results().stream()
        .collect(Collectors.toMap(ScenarioResult::scenarioId, Function.identity(), (a, b) -> a));
    assertThat(byId).as(report).isNotEmpty();
    // Findings about notary may be anything; an ERROR is Mallory's fault.
    assertThat(run.results()).as(report).noneMatch(r -> r.verdict() == Verdict.ERROR);
  }
}
