package dev.mallory.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports of a full matrix (80 scenarios × 8 systems) must not make a run feel slow: target
 * under 5 s. Run with {@code mvn -pl reports test -Dgroups=benchmark -DexcludedGroups=}.
 */
@Tag("benchmark")
class ReportBenchmarkTest {
  @TempDir Path tmp;

  @Test
  void fullMatrix() throws Exception {
    RunResult run = SampleRuns.full(80, 8);
    assertThat(run.results()).hasSize(640);
    new ReportWriter(AllureSite.disabled()).write(run, tmp.resolve("warmup"));

    long t0 = System.nanoTime();
    ReportFiles files = new ReportWriter(AllureSite.disabled()).write(run, tmp.resolve("out"));
    Duration reports = Duration.ofNanos(System.nanoTime() - t0);
    System.out.printf("benchmark: 640 cells (80 scenarios x 8 systems): html %d KiB, junit %d KiB, json %d KiB;"
            + " reports without the Allure site in %d ms%n", Files.size(files.html()) / 1024,
        Files.size(files.junitXml()) / 1024, Files.size(files.summaryJson()) / 1024, reports.toMillis());
    assertThat(reports).isLessThan(Duration.ofSeconds(5));

    long t1 = System.nanoTime();
    ReportFiles withSite = new ReportWriter().write(run, tmp.resolve("site"));
    Duration site = Duration.ofNanos(System.nanoTime() - t1);
    System.out.printf("benchmark: the same with the Allure site (%s) in %d ms%n",
        withSite.allureSite() != null ? "generated" : withSite.allureNote(), site.toMillis());
  }
}
