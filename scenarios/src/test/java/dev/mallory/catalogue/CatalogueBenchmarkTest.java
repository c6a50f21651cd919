package dev.mallory.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.report.RunResult;
import dev.mallory.report.ScenarioResult;
import dev.mallory.report.SystemKind;
import dev.mallory.report.Verdict;
import dev.mallory.sut.ReferenceClientUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints the wall time of the whole client catalogue against the reference client (4 threads,
 * this machine) and the slowest scenarios. A figure, not a gate: run with
 * {@code mvn -pl scenarios -am test -Dgroups=benchmark -Dtest=CatalogueBenchmarkTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class CatalogueBenchmarkTest {
  @Test
  void fullCatalogueAgainstTheReferenceClient(@TempDir Path work) {
    long started = System.nanoTime();
    RunResult run = CatalogueProbe.run("reference", SystemKind.REFERENCE, ReferenceClientUnderTest.CAPABILITIES,
        ReferenceClientUnderTest::new, Optional.empty(), work);
    Duration wall = Duration.ofNanos(System.nanoTime() - started);

    System.out.printf("catalogue: %d scenarios against the reference client in %.1f s wall (%s)%n",
        run.results().size(), wall.toMillis() / 1000.0, run.counts());
    Duration waiting = Duration.ZERO;
    for (ScenarioResult r : run.results()) {
      if (r.tags().contains("@waits") || r.tags().contains("@slow-retrieval")) {
        waiting = waiting.plus(r.duration());
      }
    }
    System.out.printf("catalogue: %.1f s of scenario time is wall-clock waiting (@waits, @slow-retrieval)%n",
        waiting.toMillis() / 1000.0);
    run.results().stream().sorted(Comparator.comparing(ScenarioResult::duration).reversed()).limit(10)
        .forEach(r -> System.out.printf("  %7d ms  %s%n", r.duration().toMillis(), r.scenarioId()));
    assertThat(run.results()).noneMatch(r -> r.verdict() == Verdict.ERROR);
  }
}
