package dev.mallory.report;

import static dev.mallory.report.Text.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The teaching view: for each naive client, every attack side by side — what it did to the naive
 * client, what the reference (TUF) client did with it — and one sentence on why TUF stops it. This
 * is python-tuf's old "test_without_tuf / test_with_tuf" pairing, as a table.
 */
final class HtmlTeaching {
  private HtmlTeaching() {}

  static void append(StringBuilder out, RunResult run, Matrix m, Function<ScenarioResult, String> anchor) {
    Optional<SystemInfo> reference = m.reference();
    if (reference.isEmpty() || m.naiveClients().isEmpty()) {
      return;
    }
    SystemInfo tuf = reference.get();
    out.append("<section id=\"teaching\" aria-labelledby=\"teaching-h\"><h2 id=\"teaching-h\">"
        + "Without TUF and with TUF</h2>\n");
    for (SystemInfo naive : m.naiveClients()) {
      int succeeded = 0;
      int contrasted = 0;
      StringBuilder rows = new StringBuilder();
      for (Matrix.Group g : m.groups()) {
        List<String> groupRows = new ArrayList<>();
        String why = "";
        for (Matrix.Row row : g.rows()) {
          Optional<ScenarioResult> without = m.cell(row.scenarioId(), naive.name());
          Optional<ScenarioResult> with = m.cell(row.scenarioId(), tuf.name());
          if (without.isEmpty() || with.isEmpty()) {
            continue;
          }
          boolean gotThrough = gotThrough(without.get());
          boolean refused = with.get().verdict() == Verdict.PROTECTED;
          succeeded += gotThrough ? 1 : 0;
          contrasted += gotThrough && refused ? 1 : 0;
          StringBuilder tr = new StringBuilder();
          tr.append("<tr class=\"").append(gotThrough && refused ? "contrast" : "same")
              .append("\" data-scenario=\"").append(html(row.scenarioId())).append("\"><th scope=\"row\">")
              .append("<span class=\"attack-class\">").append(html(AttackCatalogue.of(g.attackClass()).name()))
              .append("</span><br>").append(html(row.title())).append("</th>");
          side(tr, without.get(), anchor);
          side(tr, with.get(), anchor);
          groupRows.add(tr.toString());
          why = why.isEmpty() ? AttackCatalogue.why(run, with.get()) : why;
        }
        // One explanation per attack class, spanning its rows: the lesson is the class, not the variant.
        for (int i = 0; i < groupRows.size(); i++) {
          rows.append(groupRows.get(i));
          if (i == 0) {
            rows.append("<td class=\"why\" rowspan=\"").append(groupRows.size()).append("\">").append(html(why))
                .append("</td>");
          }
          rows.append("</tr>\n");
        }
      }
      out.append("<h3>").append(html(naive.name())).append(" <span class=\"kind\">").append(html(naive.kind().label()))
          .append("</span> next to ").append(html(tuf.name())).append(" <span class=\"kind\">")
          .append(html(tuf.kind().label())).append("</span></h3>\n");
      out.append("<p class=\"lesson\"><strong>").append(succeeded).append("</strong> attacks got through against ")
          .append(html(naive.name())).append("; <strong>").append(contrasted).append("</strong> of them were refused by ")
          .append(html(tuf.name())).append(".</p>\n");
      out.append("<div class=\"scroll\"><table class=\"teaching\" data-naive=\"").append(html(naive.name()))
          .append("\"><thead><tr><th scope=\"col\">Attack</th><th scope=\"col\">Without TUF: ")
          .append(html(naive.name())).append("</th><th scope=\"col\">With TUF: ").append(html(tuf.name()))
          .append("</th><th scope=\"col\">Why TUF stops it</th></tr></thead><tbody>\n").append(rows)
          .append("</tbody></table></div>\n");
    }
    out.append("</section>\n");
  }

  private static boolean gotThrough(ScenarioResult r) {
    return r.verdict() == Verdict.VULNERABLE || r.verdict() == Verdict.EXPECTED_FAILURE;
  }

  private static void side(StringBuilder out, ScenarioResult r, Function<ScenarioResult, String> anchor) {
    out.append("<td class=\"side\" data-verdict=\"")
        .append(r.verdict().name()).append("\"><a href=\"#").append(anchor.apply(r)).append("\">")
        .append(VerdictStyle.chip(r.verdict())).append("</a>");
    String outcome = Text.firstLine(r.evidence().outcome(), 160);
    if (!outcome.isEmpty()) {
      out.append("<div class=\"outcome\">").append(html(outcome)).append("</div>");
    }
    out.append("</td>");
  }
}
