package dev.mallory.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.report.RunResult;
import dev.mallory.report.ScenarioResult;
import dev.mallory.report.SystemKind;
import dev.mallory.report.Verdict;
import dev.mallory.sut.Capability;
import dev.mallory.sut.ClientOutcome;
import dev.mallory.sut.ClientSetup;
import dev.mallory.sut.ReferenceClientUnderTest;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code @mirrors} scenarios: the reference client, given the attacker's mirror first and the
 * honest server second, updates despite each attack; and the positive control, the same client
 * told about the second mirror but using only the first, is VULNERABLE to every one of them.
 */
class MirrorsCatalogueTest {
  private static final Optional<String> MIRRORS = Optional.of("@mirrors");

  @Test
  void theReferenceClientUpdatesFromTheSecondMirrorWhateverTheFirstDoes(@TempDir Path work) {
    RunResult run = CatalogueProbe.run("reference", SystemKind.REFERENCE, ReferenceClientUnderTest.CAPABILITIES,
        ReferenceClientUnderTest::new, MIRRORS, work);

    assertThat(run.results()).as(CatalogueProbe.describe(run.results())).hasSize(4)
        .allSatisfy(r -> assertThat(r.verdict()).as(r.scenarioId()).isEqualTo(Verdict.PROTECTED));
  }

  @Test
  void aClientThatIgnoresItsSecondMirrorIsVulnerableToEveryMirrorScenario(@TempDir Path work) {
    RunResult run = CatalogueProbe.run("first-mirror-only", SystemKind.REFERENCE, ReferenceClientUnderTest.CAPABILITIES,
        FirstMirrorOnly::new, MIRRORS, work);

    assertThat(run.results()).as(CatalogueProbe.describe(run.results())).hasSize(4)
        .allSatisfy(r -> assertThat(r.verdict()).as(r.scenarioId()).isEqualTo(Verdict.VULNERABLE));
    assertThat(run.results()).extracting(ScenarioResult::scenarioId).allMatch(id -> id.startsWith("malicious_mirrors:"));
  }

  /** Claims {@link Capability#MIRRORS} but drops every mirror after the first: the control. */
  private static final class FirstMirrorOnly extends DelegatingClient {
    FirstMirrorOnly() {
      super(new ReferenceClientUnderTest());
    }

    @Override
    public String name() {
      return "first-mirror-only";
    }

    @Override
    public ClientOutcome init(ClientSetup s) {
      return delegate.init(new ClientSetup(s.workDir(), s.trustedRoot(), s.metadataUrl(), s.targetsUrl(), s.notaryServer(), s.gun())
          .withClock(s.clock()));
    }
  }
}
