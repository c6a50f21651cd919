package dev.mallory.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes every report of one run into {@code <outRoot>/<run-id>/} and points
 * {@code <outRoot>/latest} at it:
 *
 * <pre>
 * index.html             self-contained protection matrix, summary, teaching view, evidence
 * junit.xml              one testcase per scenario × system
 * summary.json           schema version 1 (reports/SCHEMA.md)
 * allure-results/        Allure 2 result files, one per cell, evidence attached
 * allure-report/         the Allure site (single file), when allure-commandline is available
 * allure-generate.log    what allure printed
 * </pre>
 *
 * Everything is computed from the RunResult alone, as is {@link RunResult#exitCode()}: the reports
 * and the exit code cannot disagree.
 */
public final class ReportWriter {
  static final String ALLURE_SITE = "allure-report";

  private final AllureSite allure;

  /** Generates the Allure site when allure-commandline is in the local Maven repository. */
  public ReportWriter() {
    this(AllureSite.fromLocalMaven());
  }

  public ReportWriter(AllureSite allure) {
    this.allure = allure;
  }

  public ReportFiles write(RunResult run, Path outRoot) throws IOException {
    Path dir = outRoot.resolve(RunDirectory.name(run.runId()));
    Files.createDirectories(dir);
    Path junit = dir.resolve("junit.xml");
    JUnitXml.write(run, junit);
    Path summary = dir.resolve("summary.json");
    SummaryJson.write(run, summary);
    Path results = dir.resolve("allure-results");
    AllureSite.deleteTree(results); // a rerun with the same id must not mix old cells in
    AllureResults.write(run, results);
    Path site = dir.resolve(ALLURE_SITE);
    AllureSite.Outcome outcome = allure.generate(results, site, dir.resolve("allure-generate.log"));
    Path html = dir.resolve("index.html");
    Files.writeString(html, HtmlReport.render(run, outcome), StandardCharsets.UTF_8);
    LatestLink.update(outRoot, dir);
    return new ReportFiles(dir, html, junit, summary, results, outcome.generated() ? site : null, outcome.note());
  }
}
