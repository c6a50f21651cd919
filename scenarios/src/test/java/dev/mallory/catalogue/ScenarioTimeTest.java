package dev.mallory.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.report.RunResult;
import dev.mallory.report.ScenarioResult;
import dev.mallory.report.SystemKind;
import dev.mallory.report.Verdict;
import dev.mallory.sut.Capability;
import dev.mallory.sut.ClientUnderTest;
import dev.mallory.sut.ReferenceClientUnderTest;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "time passes" (time-features/): with a client that takes its time from Mallory the scenario's
 * clock is moved and nothing sleeps; with any other client the scenario waits on the wall clock.
 * Either way the client must see the timestamp expire: accepting it would be VULNERABLE.
 */
class ScenarioTimeTest {
  private static final String SCENARIO = "time:a-timestamp-that-expired-while-the-client-held-it-is-refused";

  @Test
  void aClientWithReferenceTime_seesTimePassOnTheScenariosClock_withoutWaiting(@TempDir Path work) throws Exception {
    ScenarioResult result = run("reference", ReferenceClientUnderTest.CAPABILITIES, ReferenceClientUnderTest::new, work);

    assertThat(result.verdict()).as(CatalogueProbe.describe(List.of(result))).isEqualTo(Verdict.PROTECTED);
    assertThat(result.evidence().notes()).anySatisfy(n -> assertThat(n).startsWith("time passed without waiting"));
  }

  @Test
  void aClientWithoutReferenceTime_isWaitedForOnTheWallClock(@TempDir Path work) throws Exception {
    Set<Capability> withoutTime = EnumSet.copyOf(ReferenceClientUnderTest.CAPABILITIES);
    withoutTime.remove(Capability.REFERENCE_TIME);
    ScenarioResult result = run("reference-on-the-wall-clock", withoutTime,
        () -> new WithCapabilities(new ReferenceClientUnderTest(), withoutTime), work);

    assertThat(result.verdict()).as(CatalogueProbe.describe(List.of(result))).isEqualTo(Verdict.PROTECTED);
    assertThat(result.evidence().notes()).anySatisfy(n -> assertThat(n).startsWith("time passed on the wall clock"));
  }

  private static ScenarioResult run(String name, Set<Capability> capabilities, java.util.function.Supplier<ClientUnderTest> clients,
      Path work) throws URISyntaxException {
    Path features = Path.of(ScenarioTimeTest.class.getResource("/time-features").toURI());
    RunResult run = CatalogueProbe.run(features, name, SystemKind.REFERENCE, capabilities, clients, Optional.empty(), work);
    assertThat(run.results()).extracting(ScenarioResult::scenarioId).containsExactly(SCENARIO);
    return run.results().get(0);
  }

  /** The reference client, declaring other capabilities (here: no reference time). */
  private static final class WithCapabilities extends DelegatingClient {
    private final Set<Capability> capabilities;

    WithCapabilities(ClientUnderTest client, Set<Capability> capabilities) {
      super(client);
      this.capabilities = Set.copyOf(capabilities);
    }

    @Override
    public Set<Capability> capabilities() {
      return capabilities;
    }
  }
}
