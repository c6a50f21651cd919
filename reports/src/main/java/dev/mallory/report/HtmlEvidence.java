package dev.mallory.report;

import static dev.mallory.report.Text.html;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The evidence of every cell, folded: one {@code <details>} per cell, opened by the matrix's links.
 * Everything in here comes from the attacked system or the wire and is escaped.
 */
final class HtmlEvidence {
  private HtmlEvidence() {}

  static void append(StringBuilder out, RunResult run, Matrix m, Function<ScenarioResult, String> anchor) {
    out.append("<section id=\"evidence\" aria-labelledby=\"evidence-h\"><h2 id=\"evidence-h\">Evidence</h2>\n"
        + "<p class=\"tools\"><button type=\"button\" data-open=\"all\">Open all</button> "
        + "<button type=\"button\" data-open=\"failing\">Open what failed</button> "
        + "<button type=\"button\" data-open=\"none\">Close all</button></p>\n");
    for (Matrix.Group g : m.groups()) {
      for (Matrix.Row row : g.rows()) {
        for (SystemInfo s : m.columns()) {
          m.cell(row.scenarioId(), s.name()).ifPresent(r -> one(out, run, r, anchor.apply(r)));
        }
      }
    }
    out.append("</section>\n");
  }

  private static void one(StringBuilder out, RunResult run, ScenarioResult r, String id) {
    Evidence e = r.evidence() == null ? Evidence.none() : r.evidence();
    out.append("<details class=\"evidence ").append(VerdictStyle.cssClass(r.verdict()))
        .append(r.verdict().asExpected() ? "" : " failing").append("\" id=\"").append(id)
        .append("\" data-verdict=\"").append(r.verdict().name()).append("\" data-system=\"").append(html(r.system()))
        .append("\" data-scenario=\"").append(html(r.scenarioId())).append("\"><summary>")
        .append(VerdictStyle.chip(r.verdict())).append(" <b>").append(html(r.title())).append("</b> — ")
        .append(html(r.system())).append("</summary>\n<div class=\"body\">\n<dl class=\"facts\">");
    fact(out, "scenario", r.scenarioId());
    fact(out, "feature", r.feature());
    fact(out, "attack class", r.attackClass());
    fact(out, "spec steps", String.join(", ", r.specSteps()));
    fact(out, "tags", String.join(" ", r.tags()));
    fact(out, "duration", r.duration() == null ? "" : r.duration().toMillis() + " ms");
    out.append("</dl>\n");
    block(out, "What the attacker did", e.attack());
    if (!e.exchanges().isEmpty()) {
      out.append("<h4>HTTP exchanges</h4><ol class=\"journal\">");
      e.exchanges().forEach(x -> out.append("<li><code>").append(html(x)).append("</code></li>"));
      out.append("</ol>\n");
    }
    if (!e.outcome().isEmpty()) {
      out.append("<h4>What the system said or accepted</h4><pre class=\"outcome\">").append(html(e.outcome()))
          .append("</pre>\n");
    }
    if (!e.trustedAfter().isEmpty()) {
      out.append("<h4>Trusted afterwards</h4><table class=\"trusted\"><tr><th scope=\"col\">role</th>"
          + "<th scope=\"col\">version</th></tr>");
      Map<String, Long> sorted = new TreeMap<>(e.trustedAfter());
      sorted.forEach((role, v) -> out.append("<tr><td>").append(html(role)).append("</td><td>").append(v)
          .append("</td></tr>"));
      out.append("</table>\n");
    }
    if (!e.notes().isEmpty()) {
      out.append("<h4>Notes</h4><ul class=\"notes\">");
      e.notes().forEach(n -> out.append("<li>").append(html(n)).append("</li>"));
      out.append("</ul>\n");
    }
    block(out, "Why TUF stops this", AttackCatalogue.why(run, r));
    out.append("</div></details>\n");
  }

  private static void fact(StringBuilder out, String name, String value) {
    if (value != null && !value.isEmpty()) {
      out.append("<dt>").append(name).append("</dt><dd>").append(html(value)).append("</dd>");
    }
  }

  private static void block(StringBuilder out, String heading, String text) {
    if (text != null && !text.isEmpty()) {
      out.append("<h4>").append(heading).append("</h4><p class=\"prose\">").append(html(text)).append("</p>\n");
    }
  }
}
