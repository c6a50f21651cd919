package dev.mallory.report;

import static dev.mallory.report.Text.html;

import java.util.List;
import java.util.function.Function;

/** The top of the page: per system, how many attacks it stopped, and which ones got through. */
final class HtmlSummary {
  private HtmlSummary() {}

  static void append(StringBuilder out, List<SystemSummary> summaries, Function<ScenarioResult, String> anchor) {
    out.append("<section id=\"summary\" aria-labelledby=\"summary-h\"><h2 id=\"summary-h\">Summary per system</h2>\n");
    out.append("<div class=\"cards\">\n");
    for (SystemSummary s : summaries) {
      boolean clean = s.gotThrough().isEmpty() && s.broken().isEmpty() && s.errors().isEmpty()
          && s.unexpectedPasses().isEmpty();
      out.append("<article class=\"card").append(clean ? " clean" : "").append("\" data-system=\"")
          .append(html(s.system().name())).append("\">\n");
      out.append("<h3>").append(html(s.system().name())).append(" <span class=\"kind\">")
          .append(html(s.system().kind().label())).append("</span></h3>\n");
      if (!s.system().description().isEmpty()) {
        out.append("<p class=\"desc\">").append(html(s.system().description())).append("</p>\n");
      }
      out.append("<p class=\"score\"><strong class=\"stopped\">").append(s.stopped())
          .append("</strong> of <strong class=\"judged\">").append(s.judged())
          .append("</strong> attacks stopped</p>\n");
      out.append("<p class=\"tally\">");
      s.counts().forEach((v, n) -> {
        if (n > 0) {
          out.append("<span class=\"count ").append(VerdictStyle.cssClass(v)).append("\" data-verdict=\"")
              .append(v.name()).append("\">").append(v.label()).append(": <b>").append(n).append("</b></span> ");
        }
      });
      out.append("</p>\n");
      list(out, "got-through", "Got through", s.gotThrough(), anchor);
      list(out, "broken", "Refused but broken", s.broken(), anchor);
      list(out, "unexpected-pass", "Stale expected failures", s.unexpectedPasses(), anchor);
      list(out, "errors", "Harness errors", s.errors(), anchor);
      out.append("</article>\n");
    }
    out.append("</div></section>\n");
  }

  private static void list(StringBuilder out, String cssClass, String heading, List<ScenarioResult> results,
      Function<ScenarioResult, String> anchor) {
    if (results.isEmpty()) {
      return;
    }
    // Short lists stay open; a long one (a naive client fooled by everything) folds, so the matrix
    // stays in the first screen.
    out.append("<details class=\"").append(cssClass).append("\"").append(results.size() <= 3 ? " open" : "")
        .append("><summary>").append(heading).append(" (").append(results.size()).append(")</summary><ul>");
    for (ScenarioResult r : results) {
      out.append("<li><a href=\"#").append(anchor.apply(r)).append("\">").append(VerdictStyle.chip(r.verdict()))
          .append(' ').append(html(r.feature())).append(": ").append(html(r.title())).append("</a></li>");
    }
    out.append("</ul></details>\n");
  }
}
