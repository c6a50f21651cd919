package dev.mallory.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.report.RunResult;
import dev.mallory.report.ScenarioResult;
import dev.mallory.report.SystemKind;
import dev.mallory.report.Verdict;
import dev.mallory.sut.ReferenceClientUnderTest;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacker steps in scenarios made only of implemented steps (test resources
 * {@code attacker-steps/}): endless and lying bodies, padding, type confusion, forged dependencies,
 * a snapshot forged without a role, a half-body reset, stalls and drips. The reference client is
 * PROTECTED against each (INFORMATIONAL for the {@code @limit} one).
 */
class AttackerStepsTest {
  static Path features() {
    try {
      return Path.of(AttackerStepsTest.class.getResource("/attacker-steps").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theReferenceClientIsProtectedAgainstEveryAttackerStep(@TempDir Path work) {
    RunResult run = CatalogueProbe.run(features(), "reference", SystemKind.REFERENCE,
        ReferenceClientUnderTest.CAPABILITIES, ReferenceClientUnderTest::new, Optional.empty(), work);
    String report = CatalogueProbe.describe(run.results());
    assertThat(run.results()).as(report).hasSize(13);
    for (ScenarioResult r : run.results()) {
      Verdict expected = r.scenarioId().contains("gets-through") ? Verdict.INFORMATIONAL : Verdict.PROTECTED;
      assertThat(r.verdict()).as(r.scenarioId() + "\n" + report).isEqualTo(expected);
    }
  }
}
