package dev.mallory.report;

import static dev.mallory.report.Text.html;

import java.util.Optional;
import java.util.function.Function;

/**
 * The protection matrix: attacks (rows, grouped by attack class, with their spec steps) × systems
 * (columns). Each cell is a verdict chip linking to its evidence further down the page.
 */
final class HtmlMatrix {
  private HtmlMatrix() {}

  static void append(StringBuilder out, RunResult run, Matrix m, Function<ScenarioResult, String> anchor) {
    int width = m.columns().size() + 2;
    out.append("<section id=\"matrix\" aria-labelledby=\"matrix-h\"><h2 id=\"matrix-h\">Protection matrix</h2>\n");
    out.append("<p class=\"hint\">Each cell opens the evidence: what the attacker did, the HTTP exchanges, "
        + "what the system said or accepted, and the versions it trusts afterwards.</p>\n");
    out.append("<div class=\"scroll\"><table class=\"matrix\">\n<thead><tr><th scope=\"col\">Attack</th>"
        + "<th scope=\"col\">Spec step</th>");
    for (SystemInfo s : m.columns()) {
      out.append("<th scope=\"col\" class=\"sys kind-").append(s.kind().name().toLowerCase(java.util.Locale.ROOT))
          .append("\" data-system=\"").append(html(s.name())).append("\"");
      if (!s.description().isEmpty()) {
        out.append(" title=\"").append(html(s.description())).append("\"");
      }
      out.append(">").append(html(s.name())).append("<br><span class=\"kind\">").append(html(s.kind().label()))
          .append("</span></th>");
    }
    out.append("</tr></thead>\n");
    for (Matrix.Group g : m.groups()) {
      AttackCatalogue.Entry entry = AttackCatalogue.of(g.attackClass());
      out.append("<tbody class=\"group\" data-attack-class=\"").append(html(g.attackClass())).append("\">\n");
      out.append("<tr class=\"group-h\"><th colspan=\"").append(width).append("\" scope=\"colgroup\">")
          .append(html(entry.name()));
      String why = groupWhy(run, g);
      if (!why.isEmpty()) {
        out.append(" <span class=\"why\">— why TUF stops this: ").append(html(why)).append("</span>");
      }
      out.append("</th></tr>\n");
      for (Matrix.Row row : g.rows()) {
        out.append("<tr data-scenario=\"").append(html(row.scenarioId())).append("\"><th scope=\"row\" class=\"title\">")
            .append(html(row.title())).append("</th><td class=\"spec\">")
            .append(html(String.join(", ", row.specSteps()))).append("</td>");
        for (SystemInfo s : m.columns()) {
          cell(out, row, s, m.cell(row.scenarioId(), s.name()), anchor);
        }
        out.append("</tr>\n");
      }
      out.append("</tbody>\n");
    }
    out.append("</table></div></section>\n");
  }

  private static void cell(StringBuilder out, Matrix.Row row, SystemInfo s, Optional<ScenarioResult> cell,
      Function<ScenarioResult, String> anchor) {
    if (cell.isEmpty()) {
      out.append("<td class=\"cell none\" data-system=\"").append(html(s.name())).append("\">not run</td>");
      return;
    }
    ScenarioResult r = cell.get();
    out.append("<td class=\"cell ").append(VerdictStyle.cssClass(r.verdict())).append("\" data-verdict=\"")
        .append(r.verdict().name()).append("\" data-system=\"").append(html(s.name())).append("\" data-scenario=\"")
        .append(html(row.scenarioId())).append("\"><a href=\"#").append(anchor.apply(r)).append("\" title=\"")
        .append(html(Text.firstLine(r.evidence().outcome(), 200))).append("\"><span aria-hidden=\"true\">")
        .append(VerdictStyle.symbol(r.verdict())).append("</span> ").append(r.verdict().label()).append("</a></td>");
  }

  /** The group's sentence: the run's own for the class if it gave one, else the catalogue's. */
  private static String groupWhy(RunResult run, Matrix.Group g) {
    String own = run.why().get(g.attackClass());
    return own != null ? own : AttackCatalogue.of(g.attackClass()).why();
  }
}
