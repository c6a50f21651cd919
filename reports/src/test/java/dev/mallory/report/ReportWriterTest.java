package dev.mallory.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

/** The HTML, the JUnit XML and the JSON agree with the RunResult they were written from, cell by cell. */
class ReportWriterTest {
  @TempDir static Path out;
  static RunResult run;
  static ReportFiles files;
  static Document html;
  static org.w3c.dom.Document junit;

  @BeforeAll
  static void write() throws Exception {
    run = SampleRuns.mixed();
    files = new ReportWriter(AllureSite.disabled()).write(run, out);
    html = Jsoup.parse(files.html().toFile(), "UTF-8");
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    junit = factory.newDocumentBuilder().parse(files.junitXml().toFile());
  }

  @Test
  void theSampleCoversEveryVerdictTheReportsMustShow() {
    assertThat(run.counts()).containsKeys(Verdict.VULNERABLE, Verdict.EXPECTED_FAILURE, Verdict.NOT_APPLICABLE,
        Verdict.PROTECTED, Verdict.BROKEN, Verdict.ERROR, Verdict.UNEXPECTED_PASS, Verdict.INFORMATIONAL);
    assertThat(run.systems()).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void writesEveryFileIntoTheRunDirectoryAndPointsLatestAtIt() throws Exception {
    assertThat(files.dir()).isEqualTo(out.resolve("2025-11-24T21-00-00Z"));
    for (String name : List.of("index.html", "junit.xml", "summary.json", "allure-results")) {
      assertThat(files.dir().resolve(name)).exists();
    }
    Path latest = out.resolve("latest");
    assertThat(Files.isSymbolicLink(latest)).isTrue();
    assertThat(latest.toRealPath()).isEqualTo(files.dir().toRealPath());
    assertThat(files.allureSite()).isNull();
    assertThat(html.select("p.note.allure").text()).contains("not generated");
  }

  @Test
  void everyCellIsInTheMatrixWithItsVerdictTextAndClass() {
    Map<String, Element> cells = new HashMap<>();
    for (Element td : html.select("table.matrix td.cell")) {
      cells.put(td.attr("data-scenario") + "|" + td.attr("data-system"), td);
    }
    assertThat(cells).hasSize(run.results().size());
    for (ScenarioResult r : run.results()) {
      Element td = cells.get(r.scenarioId() + "|" + r.system());
      assertThat(td).as(r.scenarioId() + " × " + r.system()).isNotNull();
      assertThat(td.attr("data-verdict")).isEqualTo(r.verdict().name());
      assertThat(td.hasClass(VerdictStyle.cssClass(r.verdict()))).isTrue();
      assertThat(td.text()).contains(r.verdict().label());
      // the cell opens this cell's evidence
      Element evidence = html.getElementById(td.selectFirst("a").attr("href").substring(1));
      assertThat(evidence).isNotNull();
      assertThat(evidence.tagName()).isEqualTo("details");
      assertThat(evidence.attr("data-verdict")).isEqualTo(r.verdict().name());
      assertThat(evidence.attr("data-system")).isEqualTo(r.system());
      assertThat(evidence.text()).contains(r.evidence().outcome().replace("\u0000", "\uFFFD"));
    }
  }

  @Test
  void rowsAreGroupedByAttackClassWithTheirSpecStepAndWhy() {
    var groups = html.select("table.matrix tbody.group");
    assertThat(groups.eachAttr("data-attack-class")).containsExactly("rollback", "indefinite-freeze",
        "mix-and-match", "wrong-software", "endless-data", "slow-retrieval");
    Element rollback = groups.first();
    assertThat(rollback.selectFirst("tr.group-h").text()).contains("Rollback", "why TUF stops this");
    assertThat(rollback.selectFirst("tr[data-scenario] td.spec").text()).isEqualTo("5.4.3.1");
    // reference first, the naive client next to it
    assertThat(html.select("table.matrix thead th.sys").eachAttr("data-system"))
        .containsExactly("reference", "naive-http", "tuf-js 5.0.1");
  }

  @Test
  void summaryCountsAndListsWhatGotThrough() {
    for (String system : run.systems()) {
      List<ScenarioResult> mine = run.resultsOf(system);
      long stopped = mine.stream().filter(r -> r.verdict() == Verdict.PROTECTED || r.verdict() == Verdict.UNEXPECTED_PASS).count();
      long through = mine.stream().filter(r -> r.verdict() == Verdict.VULNERABLE || r.verdict() == Verdict.EXPECTED_FAILURE).count();
      long broken = mine.stream().filter(r -> r.verdict() == Verdict.BROKEN).count();
      Element card = html.select("article.card").stream().filter(c -> c.attr("data-system").equals(system))
          .findFirst().orElseThrow();
      assertThat(card.selectFirst(".stopped").text()).isEqualTo(Long.toString(stopped));
      assertThat(card.selectFirst(".judged").text()).isEqualTo(Long.toString(stopped + through + broken));
      assertThat(card.select(".got-through li")).hasSize((int) through);
      mine.stream().filter(r -> r.verdict() == Verdict.VULNERABLE)
          .forEach(r -> assertThat(card.select(".got-through").text()).contains(r.title()));
      for (Verdict v : Verdict.values()) {
        long n = mine.stream().filter(r -> r.verdict() == v).count();
        Element count = card.selectFirst(".count[data-verdict=" + v.name() + "]");
        if (n == 0) {
          assertThat(count).isNull();
        } else {
          assertThat(count.selectFirst("b").text()).isEqualTo(Long.toString(n));
        }
      }
    }
    assertThat(html.selectFirst(".status").attr("data-exit")).isEqualTo(Integer.toString(run.exitCode()));
  }

  @Test
  void teachingViewPutsTheNaiveClientNextToTheReference() {
    Element table = html.selectFirst("table.teaching[data-naive=naive-http]");
    assertThat(table).isNotNull();
    Element row = table.selectFirst("tr[data-scenario=rollback:replayed-timestamp]");
    var sides = row.select("td.side");
    assertThat(sides.get(0).attr("data-verdict")).isEqualTo("VULNERABLE");
    assertThat(sides.get(1).attr("data-verdict")).isEqualTo("PROTECTED");
    assertThat(row.selectFirst("td.why").text()).contains("highest version");
    assertThat(row.hasClass("contrast")).isTrue();
    // 4 attacks got through against naive-http, and the reference refused all 4
    assertThat(html.selectFirst("#teaching p.lesson").text()).startsWith("4 attacks got through").contains("4 of them");
  }

  @Test
  void hostileEvidenceStaysText() throws Exception {
    assertThat(html.select("script")).hasSize(1); // ours
    assertThat(html.selectFirst("script").data()).doesNotContain("pwned");
    assertThat(html.select("img")).isEmpty();
    assertThat(html.select("[onerror]")).isEmpty();
    String raw = Files.readString(files.html());
    assertThat(raw).doesNotContain("<script>alert").doesNotContain("<img").doesNotContain("\u0000");
    assertThat(html.select("pre.outcome").eachText()).anyMatch(t -> t.contains("<script>alert('pwned')</script>"));
    assertThat(html.select("article.card .desc").eachText()).anyMatch(t -> t.contains("<img src=x onerror=alert(1)>"));
  }

  @Test
  void theHtmlLoadsNothingFromAnywhere() {
    assertThat(html.select("link, iframe, object, embed, [src]")).isEmpty();
    for (Element a : html.select("[href]")) {
      assertThat(a.attr("href")).matches("#ev-\\d+|allure-report/index\\.html");
    }
    assertThat(html.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content"))
        .startsWith("default-src 'none'");
  }

  @Test
  void junitHasOneTestcasePerCellAndFailuresExactlyForTheFailingCells() {
    NodeList cases = junit.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(run.results().size());
    Map<String, org.w3c.dom.Element> byKey = new HashMap<>();
    for (int i = 0; i < cases.getLength(); i++) {
      var tc = (org.w3c.dom.Element) cases.item(i);
      byKey.put(tc.getAttribute("classname") + "|" + tc.getAttribute("name"), tc);
    }
    for (ScenarioResult r : run.results()) {
      var tc = byKey.get(r.system().replace('.', '_') + "." + r.feature() + "|" + r.title());
      assertThat(tc).as(r.scenarioId() + " × " + r.system()).isNotNull();
      boolean failing = r.verdict() == Verdict.VULNERABLE || r.verdict() == Verdict.BROKEN
          || r.verdict() == Verdict.UNEXPECTED_PASS;
      assertThat(tc.getElementsByTagName("failure").getLength()).as(r.verdict().name()).isEqualTo(failing ? 1 : 0);
      assertThat(tc.getElementsByTagName("error").getLength()).isEqualTo(r.verdict() == Verdict.ERROR ? 1 : 0);
      boolean skipped = r.verdict() == Verdict.NOT_APPLICABLE || r.verdict() == Verdict.EXPECTED_FAILURE;
      assertThat(tc.getElementsByTagName("skipped").getLength()).isEqualTo(skipped ? 1 : 0);
      if (failing) {
        var failure = (org.w3c.dom.Element) tc.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo(r.verdict().name());
        assertThat(failure.getTextContent()).contains(r.evidence().attack(), r.evidence().exchanges().get(1));
      }
      if (r.verdict() == Verdict.NOT_APPLICABLE) {
        var skip = (org.w3c.dom.Element) tc.getElementsByTagName("skipped").item(0);
        assertThat(skip.getAttribute("message")).startsWith("not applicable").contains("no delegations");
      }
    }
    var suites = junit.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).isEqualTo(run.systems().size());
    for (int i = 0; i < suites.getLength(); i++) {
      var suite = (org.w3c.dom.Element) suites.item(i);
      List<ScenarioResult> mine = run.resultsOf(suite.getAttribute("name"));
      assertThat(suite.getAttribute("tests")).isEqualTo(Integer.toString(mine.size()));
      assertThat(suite.getAttribute("failures"))
          .isEqualTo(Long.toString(mine.stream().filter(r -> r.verdict().failsTest()).count()));
    }
    // 4 vulnerable (naive-http), 1 broken and 1 unexpected pass (tuf-js)
    assertThat(junit.getDocumentElement().getAttribute("failures")).isEqualTo("6");
    assertThat(junit.getDocumentElement().getAttribute("errors")).isEqualTo("1");
  }

  @Test
  void summaryJsonValidatesAgainstTheShippedSchemaAndAgreesWithTheRun() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode schema;
    try (InputStream in = getClass().getResourceAsStream("/mallory-summary.schema.json")) {
      schema = json.readTree(in);
    }
    JsonNode summary = json.readTree(files.summaryJson().toFile());
    assertThat(new MiniSchema(schema).validate(summary)).isEmpty();
    assertThat(summary.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(summary.get("exitCode").asInt()).isEqualTo(run.exitCode()).isEqualTo(2);
    assertThat(summary.get("results")).hasSize(run.results().size());
    run.counts().forEach((v, n) -> assertThat(summary.get("counts").get(v.name()).asLong()).isEqualTo(n));
    JsonNode naive = summary.get("systems").get(1);
    assertThat(naive.get("kind").asText()).isEqualTo("naive teaching client");
    assertThat(naive.get("gotThrough")).hasSize(4);
    // a summary missing a required field fails the same check, so the check is not vacuous
    ((com.fasterxml.jackson.databind.node.ObjectNode) summary.get("results").get(0)).remove("verdict");
    assertThat(new MiniSchema(schema).validate(summary)).containsExactly("$.results[0]: missing required verdict");
  }
}
