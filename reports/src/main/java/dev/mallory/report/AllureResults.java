package dev.mallory.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Allure 2 result files written as plain JSON, so Mallory needs no Allure runtime: one
 * {@code <uuid>-result.json} per cell with its evidence as a text attachment, plus
 * {@code categories.json} (groups failures by verdict) and {@code environment.properties}.
 *
 * <p>Status: PROTECTED and INFORMATIONAL passed; VULNERABLE, BROKEN, UNEXPECTED_PASS failed; ERROR
 * broken (Allure's word for "the test itself failed"); NOT_APPLICABLE and EXPECTED_FAILURE skipped.
 * UUIDs are derived from the run, scenario and system, so the same RunResult gives the same files.
 */
final class AllureResults {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AllureResults() {}

  static void write(RunResult run, Path dir) throws IOException {
    Files.createDirectories(dir);
    long clock = run.startedAt().toEpochMilli();
    for (ScenarioResult r : run.results()) {
      long millis = r.duration() == null ? 0 : Math.max(0, r.duration().toMillis());
      String uuid = uuid(run.runId() + '\u0000' + r.scenarioId() + '\u0000' + r.system());
      String attachment = uuid + "-attachment.txt";
      Files.writeString(dir.resolve(attachment), EvidenceText.of(r), StandardCharsets.UTF_8);
      JSON.writeValue(dir.resolve(uuid + "-result.json").toFile(), result(run, r, uuid, attachment, clock, millis));
      clock += millis;
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("categories.json").toFile(), categories());
    Files.writeString(dir.resolve("environment.properties"),
        "mallory.run=" + property(run.runId()) + "\nmallory.exitCode=" + run.exitCode() + "\nmallory.systems="
            + property(String.join(", ", run.systems())) + "\n", StandardCharsets.UTF_8);
  }

  static String status(Verdict v) {
    return switch (v) {
      case PROTECTED, INFORMATIONAL -> "passed";
      case VULNERABLE, BROKEN, UNEXPECTED_PASS -> "failed";
      case ERROR -> "broken";
      case NOT_APPLICABLE, EXPECTED_FAILURE -> "skipped";
    };
  }

  private static ObjectNode result(RunResult run, ScenarioResult r, String uuid, String attachment, long start,
      long millis) {
    AttackCatalogue.Entry entry = AttackCatalogue.of(r.attackClass());
    ObjectNode n = JSON.createObjectNode();
    n.put("uuid", uuid);
    n.put("historyId", uuid(r.scenarioId() + '\u0000' + r.system()).replace("-", ""));
    n.put("testCaseId", uuid(r.scenarioId()).replace("-", ""));
    n.put("fullName", Text.clean(r.system() + ": " + r.scenarioId()));
    n.put("name", Text.clean(r.title()));
    n.put("description", Text.clean(AttackCatalogue.why(run, r)));
    n.put("status", status(r.verdict()));
    ObjectNode details = n.putObject("statusDetails");
    details.put("known", r.verdict() == Verdict.EXPECTED_FAILURE);
    details.put("message", Text.clean(r.verdict().name() + ": " + Text.firstLine(r.evidence().outcome(), 300)));
    n.put("stage", "finished");
    n.put("start", start);
    n.put("stop", start + millis);
    ArrayNode labels = n.putArray("labels");
    label(labels, "epic", "Mallory attacks");
    label(labels, "feature", entry.name());
    label(labels, "story", r.title());
    label(labels, "parentSuite", r.system());
    label(labels, "suite", r.feature());
    label(labels, "severity", severity(r, entry));
    label(labels, "framework", "mallory");
    r.tags().forEach(t -> label(labels, "tag", t.startsWith("@") ? t.substring(1) : t));
    label(labels, "tag", "verdict:" + r.verdict().name());
    ArrayNode parameters = n.putArray("parameters");
    ObjectNode system = parameters.addObject();
    system.put("name", "system");
    system.put("value", Text.clean(r.system()));
    ObjectNode file = n.putArray("attachments").addObject();
    file.put("name", "evidence");
    file.put("source", attachment);
    file.put("type", "text/plain");
    n.putArray("links");
    n.putArray("steps");
    return n;
  }

  /** A {@code @severity-<level>} tag wins; otherwise the attack class decides. */
  private static String severity(ScenarioResult r, AttackCatalogue.Entry entry) {
    for (String tag : r.tags()) {
      String t = tag.startsWith("@") ? tag.substring(1) : tag;
      if (t.startsWith("severity-")) {
        String level = t.substring("severity-".length());
        if (java.util.List.of("blocker", "critical", "normal", "minor", "trivial").contains(level)) {
          return level;
        }
      }
    }
    return entry.severity();
  }

  private static ArrayNode categories() {
    ArrayNode all = JSON.createArrayNode();
    category(all, "Attacks that got through", "failed", "VULNERABLE:.*");
    category(all, "Refused, but broken", "failed", "BROKEN:.*");
    category(all, "Stale expected failures", "failed", "UNEXPECTED_PASS:.*");
    category(all, "Harness errors", "broken", "ERROR:.*");
    return all;
  }

  private static void category(ArrayNode all, String name, String status, String messageRegex) {
    ObjectNode c = all.addObject();
    c.put("name", name);
    c.putArray("matchedStatuses").add(status);
    c.put("messageRegex", "(?s)" + messageRegex);
  }

  private static void label(ArrayNode labels, String name, String value) {
    ObjectNode l = labels.addObject();
    l.put("name", name);
    l.put("value", Text.clean(value));
  }

  private static String uuid(String seed) {
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** Java properties escaping for the one-line values we write. */
  private static String property(String s) {
    return Text.clean(s).replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
  }
}
