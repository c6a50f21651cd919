package dev.mallory.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code summary.json}, schema version {@value #SCHEMA_VERSION}: documented in reports/SCHEMA.md,
 * checked by {@code mallory-summary.schema.json}. Built node by node rather than by reflecting on
 * the records, so the wire format changes only when this class (and the version) does.
 */
final class SummaryJson {
  static final int SCHEMA_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SummaryJson() {}

  static void write(RunResult run, Path file) throws IOException {
    JSON.writeValue(file.toFile(), build(run));
  }

  static ObjectNode build(RunResult run) {
    Matrix m = Matrix.of(run);
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("tool", "mallory");
    root.put("runId", run.runId());
    root.put("startedAt", DateTimeFormatter.ISO_INSTANT.format(run.startedAt()));
    root.put("elapsedMillis", run.elapsed() == null ? 0 : run.elapsed().toMillis());
    root.put("exitCode", run.exitCode());
    root.put("asExpected", run.exitCode() == 0);
    root.put("summaryLine", run.summaryLine());
    root.set("counts", counts(run.counts()));
    ArrayNode systems = root.putArray("systems");
    for (SystemSummary s : SystemSummary.of(run, m)) {
      ObjectNode n = systems.addObject();
      n.put("name", s.system().name());
      n.put("kind", s.system().kind().label());
      n.put("description", s.system().description());
      n.set("counts", counts(s.counts()));
      n.put("attacksJudged", s.judged());
      n.put("attacksStopped", s.stopped());
      ids(n.putArray("gotThrough"), s.gotThrough());
      ids(n.putArray("broken"), s.broken());
      ids(n.putArray("unexpectedPasses"), s.unexpectedPasses());
      ids(n.putArray("errors"), s.errors());
    }
    ArrayNode results = root.putArray("results");
    for (ScenarioResult r : run.results()) {
      results.add(result(run, r));
    }
    return root;
  }

  private static ObjectNode result(RunResult run, ScenarioResult r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("scenarioId", r.scenarioId());
    n.put("feature", r.feature());
    n.put("title", r.title());
    n.put("attackClass", r.attackClass());
    strings(n.putArray("specSteps"), r.specSteps());
    strings(n.putArray("tags"), r.tags());
    n.put("system", r.system());
    n.put("verdict", r.verdict().name());
    n.put("asExpected", r.verdict().asExpected());
    n.put("durationMillis", r.duration() == null ? 0 : r.duration().toMillis());
    n.put("why", AttackCatalogue.why(run, r));
    Evidence e = r.evidence() == null ? Evidence.none() : r.evidence();
    ObjectNode ev = n.putObject("evidence");
    ev.put("attack", e.attack());
    strings(ev.putArray("exchanges"), e.exchanges());
    ev.put("outcome", e.outcome());
    ObjectNode trusted = ev.putObject("trustedAfter");
    new TreeMap<>(e.trustedAfter()).forEach(trusted::put);
    strings(ev.putArray("notes"), e.notes());
    return n;
  }

  /** Every verdict, zeros included, so consumers need no defaulting. */
  private static ObjectNode counts(Map<Verdict, Long> counts) {
    ObjectNode n = JSON.createObjectNode();
    for (Verdict v : Verdict.values()) {
      n.put(v.name(), counts.getOrDefault(v, 0L));
    }
    return n;
  }

  private static void ids(ArrayNode array, List<ScenarioResult> results) {
    results.forEach(r -> array.add(r.scenarioId()));
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
