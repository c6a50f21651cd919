package dev.mallory.report;

import static dev.mallory.report.Text.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The self-contained HTML page: summary, protection matrix, teaching view, evidence. CSS and
 * script are inlined; a Content-Security-Policy allows only our own script (by hash), so even an
 * escaping mistake could not run a hostile server's markup.
 */
final class HtmlReport {
  private static final String CSS = resource("report.css");
  private static final String JS = resource("report.js");
  private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-"
      + sha256(JS) + "'";

  private HtmlReport() {}

  /** @param allure whether the Allure site was generated, and the line to show about it */
  static String render(RunResult run, AllureSite.Outcome allure) {
    Matrix m = Matrix.of(run);
    Map<ScenarioResult, String> ids = new IdentityHashMap<>();
    for (ScenarioResult r : run.results()) {
      ids.put(r, "ev-" + (ids.size() + 1)); // ids never come from hostile strings
    }
    Function<ScenarioResult, String> anchor = ids::get;
    List<SystemSummary> summaries = SystemSummary.of(run, m);

    StringBuilder out = new StringBuilder(64 * 1024 + run.results().size() * 2048);
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Mallory report ").append(html(run.runId())).append("</title>\n<style>\n").append(CSS)
        .append("</style></head>\n<body>\n");
    header(out, run, allure);
    out.append("<main>\n");
    HtmlSummary.append(out, summaries, anchor);
    HtmlMatrix.append(out, run, m, anchor);
    HtmlTeaching.append(out, run, m, anchor);
    HtmlEvidence.append(out, run, m, anchor);
    out.append("</main>\n<footer>").append(html(run.summaryLine())).append("</footer>\n<script>")
        .append(JS).append("</script>\n</body></html>\n");
    return out.toString();
  }

  private static void header(StringBuilder out, RunResult run, AllureSite.Outcome allure) {
    int exit = run.exitCode();
    String status = switch (exit) {
      case 0 -> "<span class=\"status ok\" data-exit=\"0\">✔ exit 0: every verdict as expected</span>";
      case 1 -> "<span class=\"status fail\" data-exit=\"1\">✘ exit 1: an attack got through or an expectation broke</span>";
      default -> "<span class=\"status error\" data-exit=\"" + exit + "\">‼ exit " + exit + ": harness error</span>";
    };
    out.append("<header class=\"top\"><h1>Mallory protection report</h1>\n<p class=\"meta\">").append(status)
        .append("run <code>").append(html(run.runId())).append("</code>, started ")
        .append(html(DateTimeFormatter.ISO_INSTANT.format(run.startedAt()))).append(", took ")
        .append(html(Durations.clock(run.elapsed()))).append(", ").append(run.results().size())
        .append(" results over ").append(run.systems().size()).append(" systems</p>\n");
    out.append("<p class=\"note allure\">");
    if (allure.generated()) {
      out.append("<a href=\"").append(ReportWriter.ALLURE_SITE).append("/index.html\">Allure report</a>: ");
    }
    out.append(html(allure.note())).append("</p>\n");
    out.append("<ul class=\"legend\" aria-label=\"verdicts\">");
    for (Verdict v : Verdict.values()) {
      out.append("<li>").append(VerdictStyle.chip(v)).append(' ').append(VerdictStyle.meaning(v)).append("</li>");
    }
    out.append("</ul></header>\n");
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String s) {
    try {
      return Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
