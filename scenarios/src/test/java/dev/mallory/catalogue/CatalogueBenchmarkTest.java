package dev.mallory.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.report.RunResult;
import dev.mallory.report.ScenarioResult;
import dev.mallory.report.SystemKind;
import dev.mallory.report.Verdict;
import dev.mallory.sut.ReferenceClientUnderTest;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints the wall time of the whole client catalogue against the reference client (4 threads,
 * this machine), the scenario time it adds up to, this JVM's CPU time and the load average (the
 * machine is shared), and the slowest scenarios. A figure, not a gate: run with
 * {@code mvn -pl scenarios -am test -Dgroups=benchmark -Dtest=CatalogueBenchmarkTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class CatalogueBenchmarkTest {
  @Test
  void fullCatalogueAgainstTheReferenceClient(@TempDir Path work) {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double loadBefore = os.getSystemLoadAverage();
    long cpuBefore = os.getProcessCpuTime();
    long started = System.nanoTime();
    RunResult run = CatalogueProbe.run("reference", SystemKind.REFERENCE, ReferenceClientUnderTest.CAPABILITIES,
        ReferenceClientUnderTest::new, Optional.empty(), work);
    Duration wall = Duration.ofNanos(System.nanoTime() - started);
    Duration cpu = Duration.ofNanos(os.getProcessCpuTime() - cpuBefore);

    System.out.printf("catalogue: %d scenarios against the reference client in %.1f s wall (%s)%n",
        run.results().size(), wall.toMillis() / 1000.0, run.counts());
    Duration waiting = Duration.ZERO;
    Duration total = Duration.ZERO;
    for (ScenarioResult r : run.results()) {
      total = total.plus(r.duration());
      if (r.tags().contains("@waits") || r.tags().contains("@slow-retrieval")) {
        waiting = waiting.plus(r.duration());
      }
    }
    System.out.printf("catalogue: %.1f s of scenario time in all, %.1f s of it in @waits and @slow-retrieval scenarios%n",
        total.toMillis() / 1000.0, waiting.toMillis() / 1000.0);
    System.out.printf("catalogue: %.1f s of CPU in this JVM; load average %.1f before, %.1f after (%d cores)%n",
        cpu.toMillis() / 1000.0, loadBefore, os.getSystemLoadAverage(), os.getAvailableProcessors());
    run.results().stream().sorted(Comparator.comparing(ScenarioResult::duration).reversed()).limit(10)
        .forEach(r -> System.out.printf("  %7d ms  %s%n", r.duration().toMillis(), r.scenarioId()));
    List<ScenarioResult> judged = run.results().stream()
        .filter(r -> r.verdict() == Verdict.VULNERABLE || r.verdict() == Verdict.BROKEN || r.verdict() == Verdict.ERROR).toList();
    System.out.print(CatalogueProbe.describe(judged));
    assertThat(run.results()).noneMatch(r -> r.verdict() == Verdict.ERROR);
  }
}
