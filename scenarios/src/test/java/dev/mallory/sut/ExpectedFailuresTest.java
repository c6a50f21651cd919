package dev.mallory.sut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpectedFailuresTest {
  @Test
  void entriesTakeTheirReasonFromTheLineOrTheBlockAbove() {
    ExpectedFailures xfails = ExpectedFailures.parse("""
        # sigstore-java never checks expiry when the timestamp version is unchanged
        # (shim README, same-version timestamp)
        Freeze: replaying the current timestamp past its expiry
        Freeze: replaying an expired snapshot

        @delegations   # sigstore-java has no delegations
        rollback:12 # one scenario, by id
        """, "x.xfails");
    assertThat(xfails.entries()).extracting(ExpectedFailures.Entry::key).containsExactly(
        "Freeze: replaying the current timestamp past its expiry", "Freeze: replaying an expired snapshot", "@delegations", "rollback:12");
    assertThat(xfails.entries().get(1).why()).isEqualTo(
        "sigstore-java never checks expiry when the timestamp version is unchanged (shim README, same-version timestamp)");
    assertThat(xfails.entries().get(2).why()).isEqualTo("sigstore-java has no delegations");
    assertThat(xfails.entries().get(3).line()).isEqualTo(7);
  }

  @Test
  void anEntryWithoutAReasonIsRefusedWithItsLine() {
    assertThatThrownBy(() -> ExpectedFailures.parse("# about the first\nfirst\n\nsecond\n", "client.xfails"))
        .isInstanceOf(ExpectedFailures.FormatException.class)
        .hasMessageContaining("client.xfails:4")
        .hasMessageContaining("'second'")
        .hasMessageContaining("why");
    assertThatThrownBy(() -> ExpectedFailures.parse("#\nempty-comment\n", "c")).hasMessageContaining("c:2");
  }

  @Test
  void duplicatesAreRefused() {
    assertThatThrownBy(() -> ExpectedFailures.parse("a # x\na # y\n", "c")).hasMessageContaining("already listed on line 1");
  }

  @Test
  void aScenarioMatchesByIdFeatureOrTag() {
    ExpectedFailures xfails = ExpectedFailures.parse("@slow # drip feeding takes too long\nRollback # whole feature: known bug\nfreeze:3 # one scenario\n", "c");
    assertThat(xfails.match("freeze:3", "Freeze", Set.of())).map(ExpectedFailures.Entry::key).contains("freeze:3");
    assertThat(xfails.match("rollback:1", "Rollback", Set.of())).map(ExpectedFailures.Entry::key).contains("Rollback");
    assertThat(xfails.match("x:1", "X", Set.of("@slow", "@tuf-5.4"))).map(ExpectedFailures.Entry::key).contains("@slow");
    assertThat(xfails.match("x:1", "X", Set.of("@fast"))).isEmpty();
    assertThat(xfails.unused(List.of(xfails.entries().get(0)))).hasSize(2);
  }

  @Test
  void theConventionalFileSitsBesideTheClient(@TempDir Path dir) throws Exception {
    Path client = dir.resolve("my-client");
    assertThat(ExpectedFailures.forExecutable(client).entries()).isEmpty();
    Files.writeString(dir.resolve("my-client.xfails"), "# metadata is re-serialised\nbytes-match\n");
    assertThat(ExpectedFailures.load(ExpectedFailures.conventionalPath(client)).entries()).hasSize(1);
    assertThat(ExpectedFailures.forExecutable(client).entries().get(0).why()).isEqualTo("metadata is re-serialised");
  }
}
