package dev.mallory.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureResultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void oneResultPerCellWithItsStatusLabelsAndEvidence() throws Exception {
    RunResult run = SampleRuns.mixed();
    AllureResults.write(run, dir);
    List<JsonNode> results = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(p -> p.getFileName().toString().endsWith("-result.json")).toList()) {
        results.add(JSON.readTree(p.toFile()));
      }
    }
    assertThat(results).hasSize(run.results().size());
    Map<String, JsonNode> byKey = new HashMap<>();
    results.forEach(r -> byKey.put(r.get("fullName").asText(), r));
    for (ScenarioResult cell : run.results()) {
      JsonNode r = byKey.get(cell.system() + ": " + cell.scenarioId());
      assertThat(r).as(cell.scenarioId() + " × " + cell.system()).isNotNull();
      String expected = switch (cell.verdict()) {
        case PROTECTED, INFORMATIONAL -> "passed";
        case VULNERABLE, BROKEN, UNEXPECTED_PASS -> "failed";
        case ERROR -> "broken";
        case NOT_APPLICABLE, EXPECTED_FAILURE -> "skipped";
      };
      assertThat(r.get("status").asText()).isEqualTo(expected);
      assertThat(r.get("name").asText()).isEqualTo(cell.title());
      assertThat(labels(r, "feature")).containsExactly(AttackCatalogue.of(cell.attackClass()).name());
      assertThat(labels(r, "story")).containsExactly(cell.title());
      assertThat(labels(r, "parentSuite")).containsExactly(cell.system());
      assertThat(labels(r, "suite")).containsExactly(cell.feature());
      assertThat(labels(r, "severity")).hasSize(1).allMatch(s -> List.of("blocker", "critical", "normal", "minor",
          "trivial").contains(s));
      assertThat(labels(r, "tag")).contains(cell.attackClass(), "verdict:" + cell.verdict().name());
      JsonNode attachment = r.get("attachments").get(0);
      Path evidence = dir.resolve(attachment.get("source").asText());
      assertThat(Files.readString(evidence)).contains(cell.title(), cell.verdict().name());
      assertThat(r.get("historyId").asText()).isNotBlank();
    }
    assertThat(byKey.values().stream().map(r -> r.get("historyId").asText()).distinct()).hasSize(results.size());
    assertThat(dir.resolve("categories.json")).exists();
    assertThat(dir.resolve("environment.properties")).content().contains("mallory.exitCode=2");
  }

  @Test
  void theSameRunGivesTheSameFiles() throws Exception {
    AllureResults.write(SampleRuns.mixed(), dir.resolve("a"));
    AllureResults.write(SampleRuns.mixed(), dir.resolve("b"));
    try (Stream<Path> a = Files.list(dir.resolve("a"))) {
      for (Path p : a.toList()) {
        assertThat(Files.readAllBytes(dir.resolve("b").resolve(p.getFileName()))).isEqualTo(Files.readAllBytes(p));
      }
    }
  }

  private static List<String> labels(JsonNode result, String name) {
    List<String> values = new ArrayList<>();
    result.get("labels").forEach(l -> {
      if (l.get("name").asText().equals(name)) {
        values.add(l.get("value").asText());
      }
    });
    return values;
  }
}
