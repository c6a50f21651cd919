package dev.mallory.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML in the shape Jenkins, GitLab and Surefire read without configuration: one
 * {@code <testsuite>} per system, one {@code <testcase>} per scenario × system.
 *
 * <ul>
 *   <li>classname is {@code <system>.<feature>} (dots in a system's name become {@code _} so CI
 *       servers, which split the package at the last dot, group by system), name the scenario title;
 *   <li>{@code <failure>} for VULNERABLE, BROKEN, UNEXPECTED_PASS, with the evidence as text;
 *   <li>{@code <error>} for ERROR; {@code <skipped>} for NOT_APPLICABLE and EXPECTED_FAILURE (as
 *       pytest reports xfail), with a message;
 *   <li>the evidence of every other cell goes to {@code <system-out>}.
 * </ul>
 *
 * The output depends on the RunResult only (no wall-clock time, no host name): reports are artifacts.
 */
final class JUnitXml {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private JUnitXml() {}

  static void write(RunResult run, Path file) throws IOException {
    // buffered: the JDK's StAX writer makes a system call per small write otherwise
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      x.writeAttribute("name", "mallory " + clean(run.runId()));
      counts(x, run.results());
      x.writeAttribute("time", Durations.seconds(run.elapsed()));
      x.writeCharacters("\n");
      for (SystemInfo system : Matrix.of(run).columns()) {
        suite(x, run, system);
      }
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
    }
  }

  private static void suite(XMLStreamWriter x, RunResult run, SystemInfo system) throws XMLStreamException {
    List<ScenarioResult> results = run.resultsOf(system.name());
    x.writeStartElement("testsuite");
    x.writeAttribute("name", clean(system.name()));
    counts(x, results);
    x.writeAttribute("time", Durations.seconds(
        results.stream().map(ScenarioResult::duration).filter(d -> d != null).reduce(java.time.Duration.ZERO,
            java.time.Duration::plus)));
    x.writeAttribute("timestamp", TIMESTAMP.format(run.startedAt()));
    x.writeCharacters("\n");
    x.writeStartElement("properties");
    property(x, "mallory.run", run.runId());
    property(x, "system.kind", system.kind().label());
    property(x, "system.description", system.description());
    x.writeEndElement();
    x.writeCharacters("\n");
    for (ScenarioResult r : results) {
      testcase(x, r);
    }
    x.writeEndElement();
    x.writeCharacters("\n");
  }

  private static void testcase(XMLStreamWriter x, ScenarioResult r) throws XMLStreamException {
    x.writeStartElement("testcase");
    x.writeAttribute("classname", clean(r.system().replace('.', '_') + "." + r.feature()));
    x.writeAttribute("name", clean(r.title()));
    x.writeAttribute("time", Durations.seconds(r.duration()));
    String evidence = EvidenceText.of(r);
    String outcome = Text.firstLine(r.evidence() == null ? "" : r.evidence().outcome(), 300);
    Verdict v = r.verdict();
    if (v.failsTest()) {
      x.writeStartElement("failure");
      x.writeAttribute("type", v.name());
      x.writeAttribute("message", v.name() + (outcome.isEmpty() ? "" : ": " + outcome));
      x.writeCharacters(evidence);
      x.writeEndElement();
    } else if (v == Verdict.ERROR) {
      x.writeStartElement("error");
      x.writeAttribute("type", v.name());
      x.writeAttribute("message", "harness error" + (outcome.isEmpty() ? "" : ": " + outcome));
      x.writeCharacters(evidence);
      x.writeEndElement();
    } else if (v == Verdict.NOT_APPLICABLE || v == Verdict.EXPECTED_FAILURE) {
      x.writeEmptyElement("skipped");
      x.writeAttribute("message", skipMessage(r));
      out(x, evidence);
    } else {
      out(x, evidence);
    }
    x.writeEndElement();
    x.writeCharacters("\n");
  }

  private static String skipMessage(ScenarioResult r) {
    String why = r.evidence() == null || r.evidence().notes().isEmpty()
        ? Text.firstLine(r.evidence() == null ? "" : r.evidence().outcome(), 300)
        : Text.firstLine(r.evidence().notes().get(0), 300);
    String head = r.verdict() == Verdict.NOT_APPLICABLE ? "not applicable" : "expected failure";
    return why.isEmpty() ? head : head + ": " + why;
  }

  private static void out(XMLStreamWriter x, String text) throws XMLStreamException {
    x.writeStartElement("system-out");
    x.writeCharacters(text);
    x.writeEndElement();
  }

  private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
    x.writeEmptyElement("property");
    x.writeAttribute("name", name);
    x.writeAttribute("value", clean(value));
  }

  private static void counts(XMLStreamWriter x, List<ScenarioResult> results) throws XMLStreamException {
    x.writeAttribute("tests", Integer.toString(results.size()));
    x.writeAttribute("failures", Long.toString(results.stream().filter(r -> r.verdict().failsTest()).count()));
    x.writeAttribute("errors", Long.toString(results.stream().filter(r -> r.verdict() == Verdict.ERROR).count()));
    x.writeAttribute("skipped", Long.toString(results.stream()
        .filter(r -> r.verdict() == Verdict.NOT_APPLICABLE || r.verdict() == Verdict.EXPECTED_FAILURE).count()));
  }

  private static String clean(String s) {
    return Text.clean(s);
  }
}
