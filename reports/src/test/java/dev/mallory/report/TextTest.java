package dev.mallory.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void escapesMarkupAndQuotes() {
    assertThat(Text.html("<a href='x' title=\"y\">&</a>"))
        .isEqualTo("&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;&lt;/a&gt;");
  }

  @Test
  void replacesWhatXmlCannotCarryAndKeepsSurrogatePairs() {
    assertThat(Text.clean("a\u0000b\u001bc\uD800d\uFFFEe\tf\n")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\tf\n");
    assertThat(Text.clean("key \uD83D\uDD11")).isEqualTo("key \uD83D\uDD11");
  }

  @Test
  void firstLineIsCutWithoutSplittingAPair() {
    assertThat(Text.firstLine("one\ntwo", 10)).isEqualTo("one");
    assertThat(Text.firstLine("ab\uD83D\uDD11cd", 3)).isEqualTo("ab…");
  }

  @Test
  void runIdsBecomeOneSafeDirectoryName() {
    assertThat(RunDirectory.name("2025-11-24T21:00:00Z")).isEqualTo("2025-11-24T21-00-00Z");
    assertThat(RunDirectory.name("../../etc")).doesNotContain("/").doesNotStartWith(".");
    assertThat(RunDirectory.name("..")).isEqualTo("run---");
    assertThat(RunDirectory.name("latest")).isEqualTo("run-latest");
    assertThat(RunDirectory.name("")).isEqualTo("run-");
  }
}
