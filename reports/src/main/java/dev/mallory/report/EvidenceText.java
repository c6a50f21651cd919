package dev.mallory.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * One cell's evidence as plain text: the body of a JUnit failure and the Allure attachment. A CI
 * log reader sees the same facts as the HTML reader, in the same order.
 */
final class EvidenceText {
  private EvidenceText() {}

  static String of(ScenarioResult r) {
    Evidence e = r.evidence() == null ? Evidence.none() : r.evidence();
    StringBuilder out = new StringBuilder(512);
    out.append("scenario: ").append(r.title()).append(" [").append(r.scenarioId()).append("]\n");
    out.append("system:   ").append(r.system()).append('\n');
    out.append("verdict:  ").append(r.verdict()).append('\n');
    if (!r.specSteps().isEmpty()) {
      out.append("spec:     ").append(String.join(", ", r.specSteps())).append('\n');
    }
    if (!e.attack().isEmpty()) {
      out.append("\nattacker did:\n  ").append(indent(e.attack())).append('\n');
    }
    if (!e.exchanges().isEmpty()) {
      out.append("\nHTTP exchanges:\n");
      e.exchanges().forEach(x -> out.append("  ").append(indent(x)).append('\n'));
    }
    if (!e.outcome().isEmpty()) {
      out.append("\nsystem said:\n  ").append(indent(e.outcome())).append('\n');
    }
    if (!e.trustedAfter().isEmpty()) {
      out.append("\ntrusted afterwards: ").append(trusted(e.trustedAfter())).append('\n');
    }
    if (!e.notes().isEmpty()) {
      out.append("\nnotes:\n");
      e.notes().forEach(n -> out.append("  - ").append(indent(n)).append('\n'));
    }
    return Text.clean(out.toString());
  }

  /** {@code root v1, snapshot v4, timestamp v5}, sorted so reports diff cleanly. */
  static String trusted(Map<String, Long> trustedAfter) {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(trustedAfter).forEach((role, version) -> {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(role).append(" v").append(version);
    });
    return out.toString();
  }

  private static String indent(String s) {
    return s.replace("\n", "\n    ");
  }
}
