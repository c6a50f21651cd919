package dev.mallory.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Test
  void oneLinePerCellWhenNotATerminal() {
    Progress p = new Progress(out, false, 64, nanos::get, 200);
    p.started("rollback", "A replayed older timestamp is refused");
    nanos.addAndGet(7_400_000_000L);
    p.finished(SampleRuns.cell("rollback:replayed-timestamp", "rollback", "A replayed older timestamp is refused",
        "rollback", List.of("5.4.3.1"), "reference", Verdict.PROTECTED));
    nanos.addAndGet(65_000_000_000L);
    p.finished(SampleRuns.cell("freeze:expired", "freeze", "An expired timestamp is not trusted",
        "indefinite-freeze", List.of(), "naive-http", Verdict.VULNERABLE));
    p.close();
    assertThat(text().lines()).containsExactly(
        "[1/64] 00:07 rollback: A replayed older timestamp is refused [reference: protected]",
        "[2/64] 01:12 freeze: An expired timestamp is not trusted [naive-http: vulnerable]");
  }

  @Test
  void oneRefreshingLineOnATerminalAndALastingOneForBadNews() {
    Progress p = new Progress(out, true, 3, nanos::get, 200);
    p.started("rollback", "A replayed older timestamp is refused");
    p.finished(SampleRuns.cell("r", "rollback", "A replayed older timestamp is refused", "rollback", List.of(),
        "reference", Verdict.PROTECTED));
    p.started("freeze", "An expired timestamp is not trusted");
    p.finished(SampleRuns.cell("f", "freeze", "An expired timestamp is not trusted", "indefinite-freeze", List.of(),
        "naive-http", Verdict.VULNERABLE));
    p.started("slow", "A dripping mirror");
    p.close();
    String s = text();
    assertThat(s).startsWith("\r[0/3] 00:00 rollback: A replayed older timestamp is refused\u001b[K");
    assertThat(s).contains("\r[1/3] 00:00 rollback: A replayed older timestamp is refused\u001b[K");
    // the vulnerable cell stays on screen: its line ends with a newline
    assertThat(s).contains("[2/3] 00:00 freeze: An expired timestamp is not trusted [naive-http: vulnerable]\u001b[K"
        + System.lineSeparator());
    assertThat(s).endsWith("\r[2/3] 00:00 slow: A dripping mirror\u001b[K" + System.lineSeparator());
  }

  @Test
  void longLinesAreCutToTheTerminalWidth() {
    Progress p = new Progress(out, true, 1, nanos::get, 40);
    p.started("rollback", "x".repeat(200));
    String line = text().replace("\r", "").replace("\u001b[K", "");
    assertThat(line).hasSizeLessThan(40).endsWith("…");
  }

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
