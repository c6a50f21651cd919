package dev.mallory.report;

import java.time.Duration;
import java.util.List;

/**
 * One cell of the protection matrix: one scenario run against one system under test.
 *
 * @param scenarioId stable id ({@code rollback:a-replayed-older-timestamp-is-refused})
 * @param feature the feature file's name ({@code rollback})
 * @param title the scenario's title
 * @param attackClass the attack class tag ({@code rollback}, {@code indefinite-freeze}, ...)
 * @param specSteps the spec steps the scenario exercises ({@code 5.4.3.1})
 * @param tags every tag of the scenario
 * @param system the system under test's name
 */
public record ScenarioResult(
    String scenarioId,
    String feature,
    String title,
    String attackClass,
    List<String> specSteps,
    List<String> tags,
    String system,
    Verdict verdict,
    Evidence evidence,
    Duration duration) {
  public ScenarioResult {
    specSteps = List.copyOf(specSteps);
    tags = List.copyOf(tags);
  }
}
